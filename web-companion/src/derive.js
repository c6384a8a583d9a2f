// BridgeLink v1 derivations (keyed BLAKE2b with fixed labels), as protocol/src/derive.cpp.
import { concat, u32be, utf8 } from './bytes.js';
import { sodium } from './sodium.js';

export const LABELS = {
  channel: 'BridgeLink v1 channel id',
  psk: 'BridgeLink v1 psk',
  sas: 'BridgeLink v1 sas',
  resumeKey: 'BridgeLink v1 resume key',
  resumeChannel: 'BridgeLink v1 resume channel',
  resumePsk: 'BridgeLink v1 resume psk',
  pairingPrologue: 'BridgeLink v1 pairing',
  resumePrologue: 'BridgeLink v1 resume',
};

export const PAIRING_PROTOCOL = 'Noise_NKpsk0_25519_ChaChaPoly_BLAKE2b';
export const RESUME_PROTOCOL = 'Noise_NNpsk0_25519_ChaChaPoly_BLAKE2b';

export const keyedBlake2b = (key, message, outLen) => sodium.crypto_generichash(outLen, message, key);

/** { id: 16 bytes, psk: 32 bytes } from the QR secret. */
export function derivePairingKeys(qrSecret) {
  return {
    id: keyedBlake2b(qrSecret, utf8.encode(LABELS.channel), 16),
    psk: keyedBlake2b(qrSecret, utf8.encode(LABELS.psk), 32),
  };
}

export function deriveSas(handshakeHash) {
  const out = keyedBlake2b(handshakeHash, utf8.encode(LABELS.sas), 16);
  let v = 0n;
  for (let i = 0; i < 8; i++) v = (v << 8n) | BigInt(out[i]);
  return (v % 1000000n).toString().padStart(6, '0');
}

export const deriveResumeKey = (chainingKey) => keyedBlake2b(chainingKey, utf8.encode(LABELS.resumeKey), 32);

export function deriveResumeKeys(resumeKey, counter) {
  return {
    id: keyedBlake2b(resumeKey, concat(utf8.encode(LABELS.resumeChannel), u32be(counter)), 16),
    psk: keyedBlake2b(resumeKey, concat(utf8.encode(LABELS.resumePsk), u32be(counter)), 32),
  };
}

export const pairingPrologue = (qrPayloadBytes) => concat(utf8.encode(LABELS.pairingPrologue), qrPayloadBytes);

export const resumePrologue = (counter, previousHandshakeHash) =>
  concat(utf8.encode(LABELS.resumePrologue), u32be(counter), previousHandshakeHash);
