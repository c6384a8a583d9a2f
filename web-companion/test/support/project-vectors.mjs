// BridgeLink v1 project vectors in JS: the same pure in -> out functions as
// tests/vectors/vector_cases.cpp, so a file built by one implementation is checked by the other.
import { fromHex, toHex } from '../../src/bytes.js';
import { BridgeLinkError, ERROR_NAMES } from '../../src/errors.js';
import { padFrame, unpadFrame } from '../../src/frame.js';
import { LinkHandshake } from '../../src/link.js';
import { SecureChannel } from '../../src/channel.js';
import { decodeMessage, encodeMessage } from '../../src/messages.js';
import { keypairFromSecret } from '../../src/noise.js';
import { decodeQrPayload, encodeQrPayload, payloadFromFragment, qrUrl } from '../../src/qr.js';
import { derivePairingKeys, deriveResumeKey, deriveResumeKeys, deriveSas } from '../../src/derive.js';
import { LinkSession } from '../../src/link-session.js';
import { describeMessage, messageFromJson } from './message-json.mjs';

export const SECTIONS = ['qr', 'pairing_keys', 'resume_keys', 'sas', 'frames', 'messages', 'invalid', 'transcript', 'error_codes', 'link_session'];

const sameBytes = (a, b) => toHex(a) === toHex(b);

function qrOut(inp) {
  const p = {
    bridgeKey: fromHex(inp.bridge_key),
    secret: fromHex(inp.secret),
    createdAt: inp.created_at,
    flags: inp.flags,
  };
  if (inp.lan) p.lan = { address: fromHex(inp.lan.address), port: inp.lan.port };
  const payload = encodeQrPayload(p);
  const back = decodeQrPayload(payload);
  const roundTrip =
    sameBytes(back.bridgeKey, p.bridgeKey) &&
    sameBytes(back.secret, p.secret) &&
    back.createdAt === p.createdAt &&
    back.flags === p.flags &&
    !!back.lan === !!p.lan;
  const url = qrUrl(inp.origin, payload);
  return { payload: toHex(payload), url, round_trip: roundTrip && sameBytes(payloadFromFragment(url), payload) };
}

// The link session machine fed a sequence of events: after each, the actions it returned and
// where it stands.
const LINK_EVENTS = {
  start: (s) => s.start(),
  restore: (s, n, at) => s.restore(n, at),
  paired: (s) => s.paired(),
  hello: (s, n) => s.hello(n),
  resumed: (s, n) => s.resumed(n),
  resume_failed: (s, n) => s.resumeFailed(n),
  lost: (s, n, at) => s.lost(n, at),
  tick: (s, n, at) => s.tick(at),
  wake: (s, n, at) => s.wake(at),
  close: (s) => s.close(),
};

function linkSessionOut(inp) {
  const s = new LinkSession(inp.role === 'phone' ? 'phone' : 'bridge');
  const steps = inp.events.map((e) => {
    const run = LINK_EVENTS[e.ev];
    if (!run) throw new Error(`unknown link_session event ${e.ev}`);
    const a = run(s, e.n ?? 0, e.at ?? 0);
    return {
      close: a.close, open: a.open, end: a.end, state: s.state, next: s.next, pending: [...s.pending], wake_at: s.wakeAt(),
    };
  });
  return { steps };
}

function pairingKeysOut(inp) {
  const k = derivePairingKeys(fromHex(inp.qr_secret));
  return { channel_id: toHex(k.id), psk: toHex(k.psk) };
}

function resumeKeysOut(inp) {
  const rk = deriveResumeKey(fromHex(inp.chaining_key));
  const k = deriveResumeKeys(rk, inp.counter);
  return { resume_key: toHex(rk), channel_id: toHex(k.id), psk: toHex(k.psk) };
}

function framesOut(inp) {
  const body = fromHex(inp.body);
  const padded = padFrame(body);
  return { padded: toHex(padded), round_trip: sameBytes(unpadFrame(padded), body) };
}

function messagesOut(inp) {
  const enc = encodeMessage(messageFromJson(inp.message));
  return { encoded: toHex(enc), decoded: describeMessage(decodeMessage(enc)) };
}

function invalidOut(inp) {
  const input = fromHex(inp.input);
  const decoders = {
    qr: decodeQrPayload,
    frame: unpadFrame,
    message: decodeMessage,
    fragment: (b) => payloadFromFragment(new TextDecoder().decode(b)),
  };
  const decode = decoders[inp.kind];
  if (!decode) throw new Error(`unknown invalid kind ${inp.kind}`);
  try {
    decode(input);
    return { error: null };
  } catch (err) {
    if (!(err instanceof BridgeLinkError)) throw err;
    return { error: err.code };
  }
}

function runScript(ends, script, received) {
  return script.map((op) => {
    const fromBridge = op.from === 'bridge';
    const [sender, receiver] = fromBridge ? [ends.bridge, ends.phone] : [ends.phone, ends.bridge];
    const ct = sender.send(messageFromJson(op.message));
    if (op.delivered) {
      const got = receiver.receive(ct);
      received.push(got ? describeMessage(got) : null);
    }
    return toHex(ct);
  });
}

function transcriptOut(inp) {
  const bridgeStatic = keypairFromSecret(fromHex(inp.bridge_static));
  const qr = qrOut({ ...inp.qr, bridge_key: toHex(bridgeStatic.pub) });
  const payload = fromHex(qr.payload);
  const phone = LinkHandshake.pairingInitiator(payload, keypairFromSecret(fromHex(inp.phone_ephemeral)));
  const bridge = LinkHandshake.pairingResponder(bridgeStatic, payload, keypairFromSecret(fromHex(inp.bridge_ephemeral)));
  const msg1 = phone.write(messageFromJson(inp.hello));
  const hello = bridge.read(msg1);
  const msg2 = bridge.write(messageFromJson(inp.ready));
  const ready = phone.read(msg2);
  const ps = phone.finish();
  const bs = bridge.finish();
  if (ps.sas !== bs.sas) throw new Error('sides disagree');

  const received = [describeMessage(hello), describeMessage(ready)];
  const ends = { bridge: new SecureChannel(bs.keys), phone: new SecureChannel(ps.keys) };
  const transport = runScript(ends, inp.script, received);

  const r = inp.resume;
  const pr = LinkHandshake.resume(true, ps.resumeKey, r.counter, ps.handshakeHash, keypairFromSecret(fromHex(r.phone_ephemeral)));
  const br = LinkHandshake.resume(false, bs.resumeKey, r.counter, bs.handshakeHash, keypairFromSecret(fromHex(r.bridge_ephemeral)));
  const rmsg1 = pr.write(messageFromJson(r.hello));
  br.read(rmsg1);
  const rmsg2 = br.write(messageFromJson(r.ready));
  pr.read(rmsg2);
  const prs = pr.finish();
  const brs = br.finish();
  const bridgeAgain = ends.bridge.resume(brs.keys);
  const phoneAgain = ends.phone.resume(prs.keys);
  for (const ct of bridgeAgain) {
    const got = ends.phone.receive(ct);
    received.push(got ? describeMessage(got) : null);
  }
  for (const ct of phoneAgain) {
    const got = ends.bridge.receive(ct);
    received.push(got ? describeMessage(got) : null);
  }
  const after = runScript(ends, inp.after_resume, received);
  return {
    qr_payload: qr.payload,
    msg1: toHex(msg1),
    msg2: toHex(msg2),
    handshake_hash: toHex(ps.handshakeHash),
    sas: ps.sas,
    resume_key: toHex(ps.resumeKey),
    transport,
    resume_msg1: toHex(rmsg1),
    resume_msg2: toHex(rmsg2),
    resume_handshake_hash: toHex(prs.handshakeHash),
    resent_bridge: bridgeAgain.map(toHex),
    resent_phone: phoneAgain.map(toHex),
    after_resume: after,
    received,
  };
}

const COMPUTE = {
  qr: qrOut,
  pairing_keys: pairingKeysOut,
  resume_keys: resumeKeysOut,
  sas: (inp) => ({ sas: deriveSas(fromHex(inp.handshake_hash)) }),
  frames: framesOut,
  messages: messagesOut,
  invalid: invalidOut,
  transcript: transcriptOut,
  link_session: linkSessionOut,
  error_codes: (inp) => ({ name: ERROR_NAMES[inp.code - 1] ?? 'unknown' }),
};

export function computeCase(section, inp) {
  const f = COMPUTE[section];
  if (!f) throw new Error(`unknown section ${section}`);
  return f(inp);
}

/** Fills every case's out; the document says it was built by JS. */
export function buildVectors(inputsDoc) {
  const doc = structuredClone(inputsDoc);
  for (const s of SECTIONS) for (const c of doc.sections[s]) c.out = computeCase(s, c.in);
  doc.generator = 'js';
  return doc;
}
