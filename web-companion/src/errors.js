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
