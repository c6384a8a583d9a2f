// Unit tests for the JS protocol modules: what they accept and everything they must refuse.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { fromBase64url, fromHex, toBase64url, toHex } from '../src/bytes.js';
import { Reader } from '../src/cbor.js';
import { SecureChannel } from '../src/channel.js';
import { padFrame, unpadFrame } from '../src/frame.js';
import { LinkHandshake } from '../src/link.js';
import * as limits from '../src/limits.js';
import { decodeMessage, encodeMessage } from '../src/messages.js';
import { generateKeypair } from '../src/noise.js';
import { decodeQrPayload, encodeQrPayload, qrTimeAcceptable } from '../src/qr.js';

const code = (fn) => {
  try {
    fn();
  } catch (err) {
    return err.code ?? err.message;
  }
  return null;
};

function makeQr(bridge, secretByte = 0x42, flags = 2) {
  return encodeQrPayload({ bridgeKey: bridge.pub, secret: new Uint8Array(16).fill(secretByte), createdAt: 1795000000, flags });
}

const hello = { type: 'hello', body: { userAgent: 't', pageVersion: '1', language: 'tr' } };
const ready = { type: 'ready', body: { bridgeName: 'b', flow: 'activation' } };
const request = (kind) => ({ type: 'step_request', body: { id: new Uint8Array(16).fill(1), kind, fields: new Map() } });

function pair(bridge, qr) {
  const phone = LinkHandshake.pairingInitiator(qr);
  const br = LinkHandshake.pairingResponder(bridge, qr);
  assert.equal(br.read(phone.write(hello)).body.language, 'tr');
  assert.equal(phone.read(br.write(ready)).body.flow, 'activation');
  return { phone: phone.finish(), bridge: br.finish() };
}

test('base64url is strict', () => {
  const b = fromHex('fbff00');
  assert.equal(toBase64url(b), '-_8A');
  assert.deepEqual(fromBase64url('-_8A'), b);
  assert.equal(code(() => fromBase64url('-_8A=')), 'bad_encoding');
  assert.equal(code(() => fromBase64url('AB')), 'bad_encoding'); // non-zero trailing bits
  assert.equal(code(() => fromBase64url('A')), 'bad_encoding');
});

test('cbor reader refuses non-canonical and oversized input', () => {
  assert.equal(code(() => new Reader(fromHex('1817')).uint()), 'bad_encoding');
  assert.equal(code(() => new Reader(fromHex('5f')).bytes(10)), 'bad_encoding');
  assert.equal(code(() => new Reader(fromHex('5a7fffffff00')).bytes(2 ** 31)), 'truncated');
  assert.equal(code(() => new Reader(fromHex('43010203')).bytes(2)), 'oversized');
  assert.equal(code(() => new Reader(fromHex('62c328')).text(10)), 'bad_encoding');
});

test('frames pad to the smallest 64-byte bucket and refuse bad padding', () => {
  assert.equal(padFrame(new Uint8Array(62)).length, 64);
  assert.equal(padFrame(new Uint8Array(63)).length, 128);
  assert.equal(padFrame(new TextEncoder().encode('1234')).length, padFrame(new TextEncoder().encode('12345678')).length);
  const f = padFrame(new TextEncoder().encode('hello'));
  f[63] = 1;
  assert.equal(code(() => unpadFrame(f)), 'bad_padding');
  assert.equal(code(() => unpadFrame(new Uint8Array(128))), 'bad_padding');
  assert.equal(code(() => padFrame(new Uint8Array(limits.bodyMax + 1))), 'oversized');
});

test('messages round-trip and bound every field', () => {
  const m = request('captcha');
  m.seq = 4;
  m.ack = 2;
  m.body.fields.set('image', new Uint8Array(300));
  m.body.fields.set('prompt', 'Güvenlik Sözcüğü');
  m.body.fields.set('last_try', true);
  const back = decodeMessage(encodeMessage(m));
  assert.equal(back.seq, 4);
  assert.equal(back.body.fields.get('prompt'), 'Güvenlik Sözcüğü');
  assert.equal(back.body.fields.get('image').length, 300);
  assert.equal(code(() => encodeMessage(request('x'))), 'bad_field'); // reliable without seq
  assert.equal(code(() => encodeMessage({ ...hello, body: { ...hello.body, userAgent: 'a'.repeat(257) } })), 'oversized');
  assert.equal(code(() => encodeMessage({ ...hello, body: { ...hello.body, language: '\ud800' } })), 'bad_field');
  const tooMany = request('x');
  tooMany.seq = 1;
  for (let i = 0; i < 17; i++) tooMany.body.fields.set(`f${i}`, 1);
  assert.equal(code(() => encodeMessage(tooMany)), 'oversized');
  assert.equal(code(() => decodeMessage(fromHex('84060000a000'))), 'trailing_data');
  assert.equal(code(() => decodeMessage(new Uint8Array(limits.bodyMax + 1))), 'oversized');
});

test('QR payload: every truncation refused, version and time checked', () => {
  const bridge = generateKeypair();
  const qr = makeQr(bridge, 1, 3);
  assert.equal(decodeQrPayload(qr).flags, 3);
  for (let cut = 0; cut < qr.length; cut++) assert.notEqual(code(() => decodeQrPayload(qr.subarray(0, cut))), null);
  const v2 = Uint8Array.from(qr);
  v2[2] = 2;
  assert.equal(code(() => decodeQrPayload(v2)), 'bad_version');
  assert.ok(qrTimeAcceptable(1000, 1120));
  assert.ok(!qrTimeAcceptable(1000, 1121));
  assert.ok(!qrTimeAcceptable(1121, 1000));
});

test('pairing agrees on SAS; wrong psk and changed QR fail', () => {
  const bridge = generateKeypair();
  const s = pair(bridge, makeQr(bridge));
  assert.equal(s.phone.sas, s.bridge.sas);
  assert.match(s.phone.sas, /^[0-9]{6}$/);

  const phone = LinkHandshake.pairingInitiator(makeQr(bridge, 1));
  const br = LinkHandshake.pairingResponder(bridge, makeQr(bridge, 2));
  assert.equal(code(() => br.read(phone.write(hello))), 'auth_failed');
  assert.equal(code(() => br.write(ready)), 'bad_state');

  const downgraded = LinkHandshake.pairingInitiator(makeQr(bridge, 0x42, 3));
  const honest = LinkHandshake.pairingResponder(bridge, makeQr(bridge, 0x42, 2));
  assert.equal(code(() => honest.read(downgraded.write(hello))), 'auth_failed');
  assert.equal(code(() => LinkHandshake.pairingResponder(generateKeypair(), makeQr(bridge))), 'mismatch');
});

test('channel: tampered, reordered, truncated and replayed frames end it', () => {
  const bridge = generateKeypair();
  const qr = makeQr(bridge);
  const attacks = [
    (phone, w1) => {
      w1[10] ^= 1;
      return phone.receive(w1);
    },
    (phone, w1, w2) => phone.receive(w2),
    (phone, w1) => phone.receive(w1.subarray(0, w1.length - 1)),
    (phone, w1) => {
      phone.receive(w1);
      return phone.receive(w1);
    },
  ];
  for (const attack of attacks) {
    const s = pair(bridge, qr);
    const b = new SecureChannel(s.bridge.keys);
    const p = new SecureChannel(s.phone.keys);
    const w1 = b.send(request('a'));
    const w2 = b.send(request('b'));
    assert.equal(code(() => attack(p, w1, w2)), 'auth_failed');
    assert.ok(p.closed);
    assert.equal(code(() => p.receive(w2)), 'channel_closed');
  }
});

test('channel: acks, resume resends, duplicates dropped, bounded outbox', () => {
  const bridge = generateKeypair();
  const s = pair(bridge, makeQr(bridge));
  const b = new SecureChannel(s.bridge.keys);
  const p = new SecureChannel(s.phone.keys);
  const w1 = b.send(request('a'));
  b.send(request('b')); // lost
  assert.equal(p.receive(w1).body.kind, 'a');
  assert.ok(p.ackDue());

  const pr = LinkHandshake.resume(true, s.phone.resumeKey, 1, s.phone.handshakeHash);
  const brr = LinkHandshake.resume(false, s.bridge.resumeKey, 1, s.bridge.handshakeHash);
  brr.read(pr.write(hello));
  pr.read(brr.write(ready));
  const again = b.resume(brr.finish().keys);
  p.resume(pr.finish().keys);
  assert.equal(again.length, 2);
  assert.equal(p.receive(again[0]), null);
  assert.equal(p.receive(again[1]).body.kind, 'b');
  b.receive(p.send({ type: 'ack', body: {} }));
  assert.equal(b.unacknowledged(), 0);

  for (let i = 0; i < limits.outboxMessagesMax; i++) b.send(request('x'));
  assert.equal(code(() => b.send(request('x'))), 'outbox_full');
  assert.ok(b.send({ type: 'ping', body: {} }).length > 0);
});

test("channel: the peer's bye is acknowledged once; after a failure one error says why", () => {
  const bridge = generateKeypair();
  const s = pair(bridge, makeQr(bridge));
  const b = new SecureChannel(s.bridge.keys);
  const p = new SecureChannel(s.phone.keys);
  assert.equal(p.receive(b.send({ type: 'bye', body: { reason: 'done' } })).type, 'bye');
  assert.equal(code(() => p.send(request('x'))), 'channel_closed');
  const ack = p.send({ type: 'ack', body: {} });
  assert.equal(code(() => p.send({ type: 'ack', body: {} })), 'channel_closed');
  b.receive(ack);
  assert.equal(b.unacknowledged(), 0);

  const t = pair(bridge, makeQr(bridge));
  const b2 = new SecureChannel(t.bridge.keys);
  const p2 = new SecureChannel(t.phone.keys);
  const w = b2.send(request('a'));
  w[5] ^= 1;
  assert.equal(code(() => p2.receive(w)), 'auth_failed');
  const last = b2.receive(p2.sendError('auth_failed'));
  assert.deepEqual([last.type, last.body.code, last.body.detail], ['error', 8, 'auth_failed']);
  assert.equal(code(() => p2.sendError('auth_failed')), 'channel_closed');
});

test('resume with the wrong counter fails', () => {
  const bridge = generateKeypair();
  const s = pair(bridge, makeQr(bridge));
  const pr = LinkHandshake.resume(true, s.phone.resumeKey, 2, s.phone.handshakeHash);
  const br = LinkHandshake.resume(false, s.bridge.resumeKey, 1, s.bridge.handshakeHash);
  assert.equal(code(() => br.read(pr.write(hello))), 'auth_failed');
  assert.equal(code(() => LinkHandshake.resume(true, s.phone.resumeKey, 0, s.phone.handshakeHash)), 'bad_field');
  assert.equal(toHex(s.phone.resumeKey), toHex(s.bridge.resumeKey));
});
