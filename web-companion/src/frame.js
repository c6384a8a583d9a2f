// Padded plaintext frames: u16be length || body || zeros, total the smallest multiple of 64.
import { fail } from './errors.js';
import { bodyMax, padBucket, paddedMax } from './limits.js';

export function padFrame(body) {
  if (body.length > bodyMax) fail('oversized');
  const total = Math.ceil((body.length + 2) / padBucket) * padBucket;
  const out = new Uint8Array(total);
  out[0] = body.length >> 8;
  out[1] = body.length & 0xff;
  out.set(body, 2);
  return out;
}

/** The body as a view into padded. */
export function unpadFrame(padded) {
  if (padded.length === 0) fail('truncated');
  if (padded.length > paddedMax) fail('oversized');
  if (padded.length % padBucket !== 0) fail('bad_padding');
  const len = (padded[0] << 8) | padded[1];
  if (len + 2 > padded.length) fail('bad_padding');
  if (padded.length - (len + 2) >= padBucket) fail('bad_padding');
  let acc = 0;
  for (let i = len + 2; i < padded.length; i++) acc |= padded[i];
  if (acc !== 0) fail('bad_padding');
  return padded.subarray(2, 2 + len);
}
