// The neutral JSON description of messages shared with tests/vectors/message_json.cpp.
import { fromHex, toHex } from '../../src/bytes.js';

const BODY_TO_JSON = {
  hello: (b) => ({ user_agent: b.userAgent, page_version: b.pageVersion, language: b.language, restart: b.restart }),
  ready: (b) => ({ bridge_name: b.bridgeName, flow: b.flow }),
  step_request: (b) => ({ id: toHex(b.id), kind: b.kind, fields: fieldsToJson(b.fields) }),
  step_response: (b) => ({ id: toHex(b.id), fields: fieldsToJson(b.fields) }),
  ack: () => ({}),
  ping: () => ({}),
  bye: (b) => ({ reason: b.reason }),
  error: (b) => ({ code: Number(b.code), detail: b.detail }),
};

const BODY_FROM_JSON = {
  hello: (b) => ({ userAgent: b.user_agent, pageVersion: b.page_version, language: b.language, restart: b.restart === true }),
  ready: (b) => ({ bridgeName: b.bridge_name, flow: b.flow }),
  step_request: (b) => ({ id: fromHex(b.id), kind: b.kind, fields: fieldsFromJson(b.fields) }),
  step_response: (b) => ({ id: fromHex(b.id), fields: fieldsFromJson(b.fields) }),
  ack: () => ({}),
  ping: () => ({}),
  bye: (b) => ({ reason: b.reason }),
  error: (b) => ({ code: b.code, detail: b.detail }),
};

function fieldsToJson(fields) {
  return [...fields].map(([k, v]) => {
    if (typeof v === 'string') return [k, { text: v }];
    if (v instanceof Uint8Array) return [k, { bytes: toHex(v) }];
    if (typeof v === 'boolean') return [k, { bool: v }];
    return [k, { uint: Number(v) }];
  });
}

function fieldsFromJson(list) {
  return new Map(
    list.map(([k, v]) => {
      if ('text' in v) return [k, v.text];
      if ('bytes' in v) return [k, fromHex(v.bytes)];
      if ('uint' in v) return [k, v.uint];
      if ('bool' in v) return [k, v.bool];
      throw new Error(`unknown field value kind for ${k}`);
    }),
  );
}

export const describeMessage = (m) => ({ type: m.type, seq: m.seq, ack: m.ack, body: BODY_TO_JSON[m.type](m.body) });

export function messageFromJson(j) {
  const toBody = BODY_FROM_JSON[j.type];
  if (!toBody) throw new Error(`unknown message type ${j.type}`);
  return { type: j.type, seq: j.seq, ack: j.ack, body: toBody(j.body) };
}
