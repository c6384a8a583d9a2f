// An established session: typed messages ↔ Noise transport messages with seq/ack and an
// outbox for resends after resume. Any error closes it for good (protocol/src/secure_channel.cpp).
// Two messages still leave a closed channel: one ack of the peer's bye/error, and after a failure
// of ours one error telling the peer why.
import { BridgeLinkError, errorNumber, fail } from './errors.js';
import { padFrame, unpadFrame } from './frame.js';
import { outboxMessagesMax } from './limits.js';
import { MAX_MESSAGE } from './noise.js';
import { decodeMessage, encodeMessage, isReliable } from './messages.js';

const EMPTY = new Uint8Array();

export class SecureChannel {
  constructor(keys) {
    this.keys = keys;
    this.outbox = [];
    this.nextSeq = 1;
    this.received = 0;
    this.ackedToPeer = 0;
    this.peerAcked = 0;
    this.closed = false;
    this.peerEnded = false;  // the peer's bye/error arrived: one ack may still go out
    this.lastWord = false;   // that ack, or our error, has gone out
    this.sendBroken = false;
  }

  #seal(m) {
    try {
      return this.keys.send.encryptWithAd(EMPTY, padFrame(encodeMessage(m)));
    } catch (err) {
      if (err instanceof BridgeLinkError && err.code === 'nonce_exhausted') this.closed = this.sendBroken = true;
      throw err;
    }
  }

  /** Returns the transport message for m (numbered if reliable, stamped with our ack). */
  send(message) {
    if (this.closed) {
      if (!this.peerEnded || this.lastWord || this.sendBroken || message.type !== 'ack') fail('channel_closed');
      this.lastWord = true;
      return this.#seal({ ...message, seq: 0, ack: this.received });
    }
    const reliable = isReliable(message.type);
    if (reliable && this.outbox.length >= outboxMessagesMax) fail('outbox_full');
    const m = { ...message, seq: reliable ? this.nextSeq : 0, ack: this.received };
    const sealed = this.#seal(m);
    this.ackedToPeer = this.received;
    if (reliable) {
      this.outbox.push(m);
      this.nextSeq++;
    }
    return sealed;
  }

  /** Our last word when we end the channel because of an error: error {code, detail = name}. */
  sendError(name) {
    if (this.peerEnded || this.lastWord || this.sendBroken) fail('channel_closed');
    this.closed = this.lastWord = true;
    return this.#seal({ type: 'error', body: { code: errorNumber(name), detail: name }, seq: this.nextSeq++, ack: this.received });
  }

  #takeAck(ack) {
    if (ack <= this.peerAcked) return;
    this.peerAcked = ack;
    while (this.outbox.length && this.outbox[0].seq <= ack) this.outbox.shift();
  }

  /** The message, or null for an already-received reliable message (a resend). */
  receive(transportMessage) {
    if (this.closed) fail('channel_closed');
    try {
      if (transportMessage.length > MAX_MESSAGE) fail('oversized');
      const m = decodeMessage(unpadFrame(this.keys.receive.decryptWithAd(EMPTY, transportMessage)));
      if (m.ack >= this.nextSeq) fail('bad_field', 'ack for a message never sent');
      if (m.type === 'hello' || m.type === 'ready') fail('bad_state', 'handshake message in transport');
      this.#takeAck(m.ack);
      if (m.seq !== 0) {
        if (m.seq <= this.received) return null;
        if (m.seq !== this.received + 1) fail('sequence_gap');
        this.received = m.seq;
      }
      if (m.type === 'bye' || m.type === 'error') this.closed = this.peerEnded = true;
      return m;
    } catch (err) {
      this.closed = true;
      throw err;
    }
  }

  /** New keys after a resume handshake; returns the unacknowledged messages sealed again. */
  resume(keys) {
    if (this.closed) fail('channel_closed');
    this.keys = keys;
    const again = this.outbox.map((m) => {
      m.ack = this.received;
      return this.#seal(m);
    });
    this.ackedToPeer = this.received;
    return again;
  }

  ackDue() {
    return this.received > this.ackedToPeer;
  }

  unacknowledged() {
    return this.outbox.length;
  }

  close() {
    this.closed = true;
  }
}
