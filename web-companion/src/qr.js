// The pairing QR payload (CBOR map, keys 0..5) and its URL fragment, as protocol/src/qr_payload.cpp.
import { fromBase64url, toBase64url } from './bytes.js';
import { Reader, Writer } from './cbor.js';
import { fail } from './errors.js';
import { qrClockSkewMaxS, qrFragmentMax, qrPayloadMax } from './limits.js';

export const PROTOCOL_VERSION = 1;
export const QR_SECRET_LEN = 16;
export const FLAG_LAN = 1;
export const FLAG_RELAY = 2;

const validFlags = (f) => f !== 0 && (f & ~(FLAG_LAN | FLAG_RELAY)) === 0;

/** p: { bridgeKey: 32 B, secret: 16 B, createdAt: unix s, flags, lan?: { address: 4|16 B, port } } */
export function encodeQrPayload(p) {
  if (!validFlags(p.flags)) fail('bad_field', 'flags');
  if (p.bridgeKey.length !== 32 || p.secret.length !== QR_SECRET_LEN) fail('bad_field', 'key length');
  if (p.lan && ![4, 16].includes(p.lan.address.length)) fail('bad_field', 'LAN address');
  const w = new Writer();
  w.map(p.lan ? 6 : 5);
  w.uint(0), w.uint(PROTOCOL_VERSION);
  w.uint(1), w.bytes(p.bridgeKey);
  w.uint(2), w.bytes(p.secret);
  w.uint(3), w.uint(p.createdAt);
  w.uint(4), w.uint(p.flags);
  if (p.lan) {
    w.uint(5), w.array(2);
    w.bytes(p.lan.address);
    w.uint(p.lan.port);
  }
  return w.finish();
}

export function decodeQrPayload(bytes) {
  if (bytes.length > qrPayloadMax) fail('oversized');
  const r = new Reader(bytes);
  const n = r.map(6);
  if (n !== 5 && n !== 6) fail('bad_field', 'entries');
  const key = (k) => {
    if (r.uint() !== BigInt(k)) fail('bad_field', 'key order');
  };
  key(0);
  if (r.uint() !== BigInt(PROTOCOL_VERSION)) fail('bad_version');
  key(1);
  const bridgeKey = Uint8Array.from(r.bytes(32));
  if (bridgeKey.length !== 32) fail('bad_field', 'bridge key');
  key(2);
  const secret = Uint8Array.from(r.bytes(QR_SECRET_LEN));
  if (secret.length !== QR_SECRET_LEN) fail('bad_field', 'secret');
  key(3);
  const createdAt = r.smallUint();
  key(4);
  const flagsBig = r.uint();
  if (flagsBig > 255n || !validFlags(Number(flagsBig))) fail('bad_field', 'flags');
  const p = { bridgeKey, secret, createdAt, flags: Number(flagsBig) };
  if (n === 6) {
    key(5);
    if (r.array(2) !== 2) fail('bad_field', 'LAN hint');
    const address = Uint8Array.from(r.bytes(16));
    if (address.length !== 4 && address.length !== 16) fail('bad_field', 'LAN address');
    const port = r.uint();
    if (port === 0n || port > 65535n) fail('bad_field', 'LAN port');
    p.lan = { address, port: Number(port) };
  }
  if (!r.atEnd()) fail('trailing_data');
  return p;
}

export function qrUrl(origin, payloadBytes) {
  return `${origin.replace(/\/+$/, '')}/c#${toBase64url(payloadBytes)}`;
}

export function payloadFromFragment(urlOrFragment) {
  const hash = urlOrFragment.indexOf('#');
  const frag = hash < 0 ? urlOrFragment : urlOrFragment.slice(hash + 1);
  if (frag.length > qrFragmentMax) fail('oversized');
  return fromBase64url(frag);
}

export function qrTimeAcceptable(createdAt, nowS) {
  return Math.abs(nowS - createdAt) <= qrClockSkewMaxS;
}
