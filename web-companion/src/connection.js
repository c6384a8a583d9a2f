// Owns the WebSocket to the relay and speaks BridgeLink over it: pairing handshake, then the
// secure channel, then resume whenever the socket drops (page backgrounded, network change,
// relay TTL) or the page is reloaded. Emits: onPaired(sas), onResumed(restarted),
// onMessage(message), onState('connecting'|'connected'|'reconnecting'|'closed'|'ended'), onError(code).
// 'ended': the bridge's bye or error arrived and was acknowledged.
//
// When to dial back after a drop, on which counter, and when to give up is the link session's
// (./link-session.js, the same machine as the bridge's); this class carries out its actions.
//
// What survives a reload lives in sessionStorage (this tab only, removed when the journey ends):
// the resume key, the pairing handshake hash, the next resume counter and the SAS. Never a
// step's content: a reloaded page asks for a fresh channel and the bridge sends the step again.
import { fromHex, toHex, wipe } from './bytes.js';
import { SecureChannel } from './channel.js';
import { derivePairingKeys, deriveResumeKeys } from './derive.js';
import { LinkHandshake } from './link.js';
import { LinkSession } from './link-session.js';

const STORE_KEY = 'eimza.session';
const now = () => performance.now();

export class Connection {
  constructor({ hello, handlers, storage = globalThis.sessionStorage }) {
    this.hello = hello;
    this.h = handlers;
    this.storage = storage;
    this.channel = null;
    this.session = null;  // { resumeKey, handshakeHash, counter, sas }
    this.pingTimer = null;
    this.retryTimer = null;
    this.ended = false;
    this.plan = new LinkSession('phone');
    this.wsCounter = null;  // the resume counter of this.ws (0: pairing)
  }

  /** A saved session of this tab (the page was reloaded), or null. */
  static saved(storage = globalThis.sessionStorage) {
    try {
      const s = JSON.parse(storage?.getItem(STORE_KEY) ?? 'null');
      if (!s || typeof s.resumeKey !== 'string' || typeof s.handshakeHash !== 'string' || !Number.isInteger(s.counter)) return null;
      return { resumeKey: fromHex(s.resumeKey), handshakeHash: fromHex(s.handshakeHash), counter: s.counter, sas: String(s.sas ?? '') };
    } catch {
      return null;
    }
  }

  #persist() {
    const s = this.session;
    this.storage?.setItem(STORE_KEY, JSON.stringify({
      resumeKey: toHex(s.resumeKey), handshakeHash: toHex(s.handshakeHash), counter: s.counter, sas: s.sas,
    }));
  }

  #forget() {
    this.storage?.removeItem(STORE_KEY);
  }

  #socket(channelId, counter) {
    const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
    const ws = new WebSocket(`${scheme}://${location.host}/v1/connect/${toHex(channelId)}`, 'bridgelink.v1');
    ws.binaryType = 'arraybuffer';
    this.ws = ws;
    this.wsCounter = counter;
    ws.onmessage = (ev) => this.#receive(ws, new Uint8Array(ev.data));
    ws.onclose = () => this.#closed(ws);
    return ws;
  }

  /** Pairing from the scanned QR payload. */
  pair(payloadBytes, qr) {
    this.h.onState('connecting');
    this.pairing = { payloadBytes, qr };
    this.#apply(this.plan.start());
  }

  /** After a reload: resume the saved session with a fresh channel. */
  restore(saved) {
    this.session = saved;
    this.#apply(this.plan.restore(saved.counter, now()));
  }

  /** When the page comes back to the foreground: reconnect at once instead of waiting. */
  wake() {
    if (!this.session || this.ended) return;
    this.#apply(this.plan.wake(now()));
  }

  // Carries out what the link session decided, then waits for its next moment.
  #apply(a) {
    for (const n of a.close) {
      if (this.wsCounter === n) this.#dropSocket();
    }
    for (const n of a.open) {
      if (n === 0) this.#openPairing();
      else this.#openResume(n);
    }
    if (a.end === 'never_paired') {
      // Closed before pairing: the relay refused us (code already used by another phone,
      // expired) or the bridge is gone.
      this.h.onState('closed');
      this.h.onError('not_paired');
    } else if (a.end === 'not_back' || a.end === 'resume_failed') {
      this.#end();
      this.h.onState('closed');
      this.h.onError('ended');
    }
    clearTimeout(this.retryTimer);
    const at = this.plan.wakeAt();
    if (at !== null) this.retryTimer = setTimeout(() => this.#apply(this.plan.tick(now())), Math.max(0, at - now()));
  }

  #dropSocket() {
    const ws = this.ws;
    this.ws = null;
    this.wsCounter = null;
    try {
      ws?.close(1000);
    } catch {
      /* already closed */
    }
  }

  #openPairing() {
    const { payloadBytes, qr } = this.pairing;
    const ws = this.#socket(derivePairingKeys(qr.secret).id, 0);
    ws.onopen = () => {
      try {
        this.link = LinkHandshake.pairingInitiator(payloadBytes);
        ws.send(this.link.write({ type: 'hello', body: { ...this.hello, restart: false } }));
      } catch (err) {
        this.fail(err.code ?? 'handshake');
      }
    };
  }

  #openResume(counter) {
    this.h.onState('reconnecting');
    const s = this.session;
    const keys = deriveResumeKeys(s.resumeKey, counter);
    wipe(keys.psk);
    const ws = this.#socket(keys.id, counter);
    ws.onopen = () => {
      try {
        this.link = LinkHandshake.resume(true, s.resumeKey, counter, s.handshakeHash);
        // No channel state in memory (the page was reloaded): ask for a fresh channel.
        ws.send(this.link.write({ type: 'hello', body: { ...this.hello, restart: this.channel === null } }));
        this.plan.hello(counter);  // sent: this counter is used whether or not the answer arrives
        s.counter = this.plan.next;
        this.#persist();
      } catch (err) {
        this.fail(err.code ?? 'handshake');
      }
    };
  }

  #closed(ws) {
    if (ws !== this.ws) return;
    clearInterval(this.pingTimer);
    if (this.ended) return;
    if (this.link && !this.link.finished()) this.link = null;
    const counter = this.wsCounter;
    this.ws = null;
    this.wsCounter = null;
    if (this.session) this.h.onState('reconnecting');
    this.#apply(this.plan.lost(counter, now()));
  }

  #handshakeDone(ws, data) {
    this.link.read(data);
    const s = this.link.finish();
    this.link = null;
    if (!this.session) {
      this.session = { resumeKey: s.resumeKey, handshakeHash: s.handshakeHash, counter: 1, sas: s.sas };
      this.#persist();
      this.channel = new SecureChannel(s.keys);
      this.plan.paired();
      this.h.onPaired(s.sas);
    } else {
      wipe(s.resumeKey);
      const restarted = this.channel === null;  // as announced in msg1: nothing sets it in between
      if (restarted) this.channel = new SecureChannel(s.keys);
      else for (const again of this.channel.resume(s.keys)) ws.send(again);
      this.plan.resumed(this.wsCounter);
      this.h.onResumed(restarted);
    }
    this.h.onState('connected');
    this.pingTimer = setInterval(() => this.send({ type: 'ping', body: {} }), 20000);
  }

  #receive(ws, data) {
    if (ws !== this.ws) return;
    try {
      if (this.link) return this.#handshakeDone(ws, data);
      if (!this.channel) return;
      const m = this.channel.receive(data);
      if (m && (m.type === 'bye' || m.type === 'error')) {
        // The bridge's last word: acknowledge it (the bridge waits for that before it closes).
        ws.send(this.channel.send({ type: 'ack', body: {} }));
        this.#end();
        this.h.onState('ended');
      }
      if (m && m.type !== 'ack' && m.type !== 'ping') this.h.onMessage(m);
    } catch (err) {
      this.fail(err.code ?? 'protocol');
    }
  }

  send(message) {
    if (!this.channel || this.channel.closed) return false;
    // Sealed even while away: a reliable message waits in the outbox and is resent on resume.
    const sealed = this.channel.send(message);
    if (this.ws && this.ws.readyState === WebSocket.OPEN && !this.link) this.ws.send(sealed);
    return true;
  }

  respond(id, fields) {
    return this.send({ type: 'step_response', body: { id, fields } });
  }

  /** The journey is over (done, bye): nothing left to resume. */
  #end() {
    this.ended = true;
    this.plan.close();
    clearTimeout(this.retryTimer);
    this.#forget();
  }

  finish() {
    this.#end();
  }

  fail(code) {
    // What the bridge sent made no sense: tell it why, in a message it can read, then close.
    try {
      if (this.channel && this.ws?.readyState === WebSocket.OPEN) this.ws.send(this.channel.sendError(code));
    } catch {
      /* the channel cannot say more */
    }
    this.#end();
    this.h.onError(code);
    try {
      this.ws.close(1000);
    } catch {
      /* already closed */
    }
  }
}
