// Mirrors protocol/include/bridgelink/limits.hpp (the vector file checks wire-relevant ones).
export const noiseMessage = 65535;
export const aeadTag = 16;
export const padBucket = 64;
export const paddedMax = Math.floor((noiseMessage - aeadTag) / padBucket) * padBucket; // 65472
export const bodyMax = paddedMax - 2;

export const qrPayloadMax = 128;
export const qrFragmentMax = 172;

export const textMax = 1024;
export const shortTextMax = 64;
export const userAgentMax = 256;
export const fieldKeyMax = 32;
export const fieldBytesMax = 48 * 1024;
export const fieldsMax = 16;
export const stepIdLen = 16;

export const outboxMessagesMax = 32;

export const qrClockSkewMaxS = 120;
export const handshakeTimeoutMs = 15_000;
export const idleTimeoutMs = 60_000;
export const resumeWindowMs = 300_000;
export const pinRevealMaxMs = 30_000;
