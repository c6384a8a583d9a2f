// Error values mirror the C++ bridgelink::errc names so both sides report the same thing.
export class BridgeLinkError extends Error {
  constructor(code, detail = '') {
    super(detail ? `${code}: ${detail}` : code);
    this.name = 'BridgeLinkError';
    this.code = code;
  }
}

export function fail(code, detail) {
  throw new BridgeLinkError(code, detail);
}

/** error.code on the wire: the number of bridgelink::errc (1-based), in this order. */
export const ERROR_NAMES = [
  'truncated', 'oversized', 'trailing_data', 'bad_encoding', 'bad_version', 'bad_field', 'bad_padding',
  'auth_failed', 'bad_key', 'nonce_exhausted', 'bad_state', 'unknown_protocol', 'expired', 'replayed',
  'unknown_step', 'sequence_gap', 'too_many_attempts', 'mismatch', 'outbox_full', 'channel_closed',
];

/** The wire number of an error name (0 when it is not one of ours). */
export const errorNumber = (name) => ERROR_NAMES.indexOf(name) + 1;
