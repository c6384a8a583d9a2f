// BridgeLink v1 typed messages: [type, seq, ack, body-map] in canonical CBOR, the same rules as
// protocol/src/messages.cpp. A message is { type, seq, ack, body }; step fields are a Map whose
// values are strings (text), Uint8Array (bytes), numbers/BigInt (uint) or booleans.
import { utf8 } from './bytes.js';
import { Reader, Writer, MAJOR } from './cbor.js';
import { fail } from './errors.js';
import * as limits from './limits.js';

export const TYPES = { hello: 1, ready: 2, step_request: 3, step_response: 4, ack: 5, ping: 6, bye: 7, error: 8 };
const NAMES = Object.fromEntries(Object.entries(TYPES).map(([k, v]) => [v, k]));

export const isReliable = (type) => ['step_request', 'step_response', 'bye', 'error'].includes(type);

const validName = (s) => typeof s === 'string' && s.length >= 1 && s.length <= limits.fieldKeyMax && /^[a-z0-9_]+$/.test(s);

const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

function checkText(s, max) {
  if (typeof s !== 'string') fail('bad_field', 'text expected');
  if (utf8.encode(s).length > max) fail('oversized');
  if (LONE_SURROGATE.test(s)) fail('bad_field', 'lone surrogate');
}

function checkStepId(id) {
  if (!(id instanceof Uint8Array) || id.length !== limits.stepIdLen) fail('bad_field', 'step id');
}

function writeFields(w, fields) {
  if (fields.size > limits.fieldsMax) fail('oversized');
  w.map(fields.size);
  for (const [key, value] of fields) {
    if (!validName(key)) fail('bad_field', 'field key');
    w.text(key);
    if (typeof value === 'string') {
      checkText(value, limits.textMax);
      w.text(value);
    } else if (value instanceof Uint8Array) {
      if (value.length > limits.fieldBytesMax) fail('oversized');
      w.bytes(value);
    } else if (typeof value === 'number' || typeof value === 'bigint') {
      if (typeof value === 'number' && (!Number.isSafeInteger(value) || value < 0)) fail('bad_field', 'uint');
      w.uint(value);
    } else if (typeof value === 'boolean') {
      w.boolean(value);
    } else {
      fail('bad_field', 'field value type');
    }
  }
}

function readFields(r) {
  const n = r.map(limits.fieldsMax);
  const fields = new Map();
  for (let i = 0; i < n; i++) {
    const key = r.text(limits.fieldKeyMax);
    if (!validName(key) || fields.has(key)) fail('bad_field', 'field key');
    const m = r.peek();
    let value;
    if (m === MAJOR.text) value = r.text(limits.textMax);
    else if (m === MAJOR.bytes) value = Uint8Array.from(r.bytes(limits.fieldBytesMax));
    else if (m === MAJOR.uint) {
      const v = r.uint();
      value = v <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(v) : v;
    } else if (m === MAJOR.simple) value = r.boolean();
    else fail('bad_field', 'field value type');
    fields.set(key, value);
  }
  return fields;
}

const ENCODERS = {
  hello(w, b) {
    checkText(b.userAgent, limits.userAgentMax);
    checkText(b.pageVersion, limits.shortTextMax);
    checkText(b.language, limits.shortTextMax);
    w.map(4);
    w.uint(0), w.text(b.userAgent);
    w.uint(1), w.text(b.pageVersion);
    w.uint(2), w.text(b.language);
    w.uint(3), w.boolean(b.restart === true);
  },
  ready(w, b) {
    checkText(b.bridgeName, limits.shortTextMax);
    checkText(b.flow, limits.shortTextMax);
    w.map(2);
    w.uint(0), w.text(b.bridgeName);
    w.uint(1), w.text(b.flow);
  },
  step_request(w, b) {
    checkStepId(b.id);
    if (!validName(b.kind)) fail('bad_field', 'kind');
    w.map(3);
    w.uint(0), w.bytes(b.id);
    w.uint(1), w.text(b.kind);
    w.uint(2), writeFields(w, b.fields ?? new Map());
  },
  step_response(w, b) {
    checkStepId(b.id);
    w.map(2);
    w.uint(0), w.bytes(b.id);
    w.uint(1), writeFields(w, b.fields ?? new Map());
  },
  ack(w) {
    w.map(0);
  },
  ping(w) {
    w.map(0);
  },
  bye(w, b) {
    checkText(b.reason, limits.shortTextMax);
    w.map(1);
    w.uint(0), w.text(b.reason);
  },
  error(w, b) {
    checkText(b.detail, limits.userAgentMax);
    w.map(2);
    w.uint(0), w.uint(b.code);
    w.uint(1), w.text(b.detail);
  },
};

function expectMap(r, count) {
  if (r.map(limits.fieldsMax) !== count) fail('bad_field', 'body size');
}

function expectKey(r, key) {
  if (r.uint() !== BigInt(key)) fail('bad_field', 'body key');
}

function readStepId(r) {
  const b = r.bytes(limits.stepIdLen);
  if (b.length !== limits.stepIdLen) fail('bad_field', 'step id');
  return Uint8Array.from(b);
}

const DECODERS = {
  hello(r) {
    expectMap(r, 4);
    expectKey(r, 0);
    const userAgent = r.text(limits.userAgentMax);
    expectKey(r, 1);
    const pageVersion = r.text(limits.shortTextMax);
    expectKey(r, 2);
    const language = r.text(limits.shortTextMax);
    expectKey(r, 3);
    const restart = r.boolean();
    return { userAgent, pageVersion, language, restart };
  },
  ready(r) {
    expectMap(r, 2);
    expectKey(r, 0);
    const bridgeName = r.text(limits.shortTextMax);
    expectKey(r, 1);
    const flow = r.text(limits.shortTextMax);
    return { bridgeName, flow };
  },
  step_request(r) {
    expectMap(r, 3);
    expectKey(r, 0);
    const id = readStepId(r);
    expectKey(r, 1);
    const kind = r.text(limits.fieldKeyMax);
    if (!validName(kind)) fail('bad_field', 'kind');
    expectKey(r, 2);
    return { id, kind, fields: readFields(r) };
  },
  step_response(r) {
    expectMap(r, 2);
    expectKey(r, 0);
    const id = readStepId(r);
    expectKey(r, 1);
    return { id, fields: readFields(r) };
  },
  ack(r) {
    expectMap(r, 0);
    return {};
  },
  ping(r) {
    expectMap(r, 0);
    return {};
  },
  bye(r) {
    expectMap(r, 1);
    expectKey(r, 0);
    return { reason: r.text(limits.shortTextMax) };
  },
  error(r) {
    expectMap(r, 2);
    expectKey(r, 0);
    const v = r.uint();
    const code = v <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(v) : v;
    expectKey(r, 1);
    return { code, detail: r.text(limits.userAgentMax) };
  },
};

export function encodeMessage(m) {
  const typeNo = TYPES[m.type];
  if (!typeNo) fail('bad_state', 'unknown type');
  const seq = m.seq ?? 0;
  if (isReliable(m.type) !== (seq !== 0)) fail('bad_field', 'seq');
  const w = new Writer();
  w.array(4);
  w.uint(typeNo);
  w.uint(seq);
  w.uint(m.ack ?? 0);
  ENCODERS[m.type](w, m.body ?? {});
  const out = w.finish();
  if (out.length > limits.bodyMax) fail('oversized');
  return out;
}

export function decodeMessage(bytes) {
  if (bytes.length > limits.bodyMax) fail('oversized');
  const r = new Reader(bytes);
  if (r.array(4) !== 4) fail('bad_field', 'envelope');
  const typeNo = r.smallUint();
  const type = NAMES[typeNo];
  if (!type) fail('bad_field', 'unknown type');
  const seq = r.smallUint();
  const ack = r.smallUint();
  if (isReliable(type) !== (seq !== 0)) fail('bad_field', 'seq');
  const body = DECODERS[type](r);
  if (!r.atEnd()) fail('trailing_data');
  return { type, seq, ack, body };
}
