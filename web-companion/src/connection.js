// Owns the WebSocket to the relay and speaks BridgeLink over it: pairing handshake, then the
// secure channel. Emits: onPaired(sas), onMessage(message), onState('connecting'|'connected'|
// 'closed'), onError(code). Secrets (keys, resume key) stay in this object's memory only.
import { toHex } from './bytes.js';
import { SecureChannel } from './channel.js';
import { derivePairingKeys } from './derive.js';
import { LinkHandshake } from './link.js';

export class Connection {
  constructor({ payloadBytes, qr, hello, handlers }) {
    this.payloadBytes = payloadBytes;
    this.qr = qr;
    this.hello = hello;
    this.h = handlers;
    this.channel = null;
    this.pingTimer = null;
  }

  open() {
    const id = toHex(derivePairingKeys(this.qr.secret).id);
    const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
    this.h.onState('connecting');
    const ws = new WebSocket(`${scheme}://${location.host}/v1/connect/${id}`, 'bridgelink.v1');
    ws.binaryType = 'arraybuffer';
    this.ws = ws;
    ws.onopen = () => {
      try {
        this.link = LinkHandshake.pairingInitiator(this.payloadBytes);
        ws.send(this.link.write({ type: 'hello', body: this.hello }));
      } catch (err) {
        this.fail(err.code ?? 'handshake');
      }
    };
    ws.onmessage = (ev) => this.receive(new Uint8Array(ev.data));
    ws.onclose = () => {
      clearInterval(this.pingTimer);
      this.h.onState('closed');
      // Closed before pairing: the relay refused us (code already used by another phone,
      // expired) or the bridge is gone.
      if (!this.channel) this.h.onError('not_paired');
    };
    ws.onerror = () => this.h.onState('closed');
  }

  receive(data) {
    try {
      if (!this.channel) {
        this.link.read(data);
        const s = this.link.finish();
        this.channel = new SecureChannel(s.keys);
        this.h.onState('connected');
        this.h.onPaired(s.sas);
        this.pingTimer = setInterval(() => this.send({ type: 'ping', body: {} }), 20000);
        return;
      }
      const m = this.channel.receive(data);
      if (m && m.type !== 'ack' && m.type !== 'ping') this.h.onMessage(m);
    } catch (err) {
      this.fail(err.code ?? 'protocol');
    }
  }

  send(message) {
    if (!this.channel || this.channel.closed || this.ws.readyState !== WebSocket.OPEN) return false;
    this.ws.send(this.channel.send(message));
    return true;
  }

  respond(id, fields) {
    return this.send({ type: 'step_response', body: { id, fields } });
  }

  fail(code) {
    this.h.onError(code);
    try {
      this.ws.close(1000);
    } catch {
      /* already closed */
    }
  }
}
