// The canonical CBOR subset of BridgeLink (see protocol/include/bridgelink/cbor.hpp): unsigned
// ints, byte/text strings, arrays, maps, false/true; definite, shortest-form only.
import { concat, utf8, utf8Strict } from './bytes.js';
import { fail } from './errors.js';

export const MAJOR = { uint: 0, bytes: 2, text: 3, array: 4, map: 5, simple: 7 };

export class Writer {
  constructor() {
    this.parts = [];
  }

  head(major, arg) {
    const n = BigInt(arg);
    if (n < 0n || n > 0xffffffffffffffffn) fail('bad_field', 'integer out of range');
    const mt = major << 5;
    let width;
    if (n < 24n) {
      this.parts.push(Uint8Array.of(mt | Number(n)));
      return;
    }
    if (n <= 0xffn) width = 1;
    else if (n <= 0xffffn) width = 2;
    else if (n <= 0xffffffffn) width = 4;
    else width = 8;
    const out = new Uint8Array(1 + width);
    out[0] = mt | { 1: 24, 2: 25, 4: 26, 8: 27 }[width];
    for (let i = 0; i < width; i++) out[width - i] = Number((n >> BigInt(8 * i)) & 0xffn);
    this.parts.push(out);
  }

  uint(v) {
    this.head(MAJOR.uint, v);
  }

  bytes(b) {
    this.head(MAJOR.bytes, b.length);
    this.parts.push(Uint8Array.from(b));
  }

  text(s) {
    const b = utf8.encode(s);
    this.head(MAJOR.text, b.length);
    this.parts.push(b);
  }

  array(n) {
    this.head(MAJOR.array, n);
  }

  map(n) {
    this.head(MAJOR.map, n);
  }

  boolean(b) {
    this.parts.push(Uint8Array.of(b ? 0xf5 : 0xf4));
  }

  finish() {
    return concat(...this.parts);
  }
}

const FLOORS = { 1: 24n, 2: 0x100n, 4: 0x10000n, 8: 0x100000000n };

export class Reader {
  constructor(bytes) {
    this.in = bytes;
    this.pos = 0;
  }

  atEnd() {
    return this.pos === this.in.length;
  }

  remaining() {
    return this.in.length - this.pos;
  }

  peek() {
    if (this.atEnd()) fail('truncated');
    const m = this.in[this.pos] >> 5;
    if (m === 1 || m === 6) fail('bad_encoding', 'unsupported major type');
    return m;
  }

  // Returns a BigInt; callers convert where the range is small.
  head(expected) {
    if (this.atEnd()) fail('truncated');
    const ib = this.in[this.pos];
    if (ib >> 5 !== expected) fail('bad_field', 'unexpected type');
    const ai = ib & 31;
    if (ai < 24) {
      this.pos++;
      return BigInt(ai);
    }
    if (ai > 27) fail('bad_encoding', 'indefinite or reserved length');
    const width = 1 << (ai - 24);
    if (this.remaining() < 1 + width) fail('truncated');
    let v = 0n;
    for (let i = 0; i < width; i++) v = (v << 8n) | BigInt(this.in[this.pos + 1 + i]);
    if (v < FLOORS[width]) fail('bad_encoding', 'not shortest form');
    this.pos += 1 + width;
    return v;
  }

  uint() {
    return this.head(MAJOR.uint);
  }

  /** A uint that must fit a JS number exactly. */
  smallUint() {
    const v = this.uint();
    if (v > BigInt(Number.MAX_SAFE_INTEGER)) fail('bad_field', 'integer too large');
    return Number(v);
  }

  #span(major, maxLen) {
    const save = this.pos;
    const n = this.head(major);
    if (n > BigInt(maxLen)) {
      this.pos = save;
      fail('oversized');
    }
    if (n > BigInt(this.remaining())) {
      this.pos = save;
      fail('truncated');
    }
    const v = this.in.subarray(this.pos, this.pos + Number(n));
    this.pos += Number(n);
    return v;
  }

  bytes(maxLen) {
    return this.#span(MAJOR.bytes, maxLen);
  }

  text(maxLen) {
    const save = this.pos;
    const raw = this.#span(MAJOR.text, maxLen);
    try {
      return utf8Strict.decode(raw);
    } catch {
      this.pos = save;
      return fail('bad_encoding', 'invalid UTF-8');
    }
  }

  array(maxItems) {
    const n = this.head(MAJOR.array);
    if (n > BigInt(maxItems)) fail('oversized');
    if (n > BigInt(this.remaining())) fail('truncated');
    return Number(n);
  }

  map(maxItems) {
    const n = this.head(MAJOR.map);
    if (n > BigInt(maxItems)) fail('oversized');
    if (n * 2n > BigInt(this.remaining())) fail('truncated');
    return Number(n);
  }

  boolean() {
    if (this.atEnd()) fail('truncated');
    const b = this.in[this.pos];
    if (b !== 0xf4 && b !== 0xf5) fail('bad_field', 'not a boolean');
    this.pos++;
    return b === 0xf5;
  }
}
