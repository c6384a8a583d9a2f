// An established session: typed messages ↔ Noise transport messages with seq/ack and an
// outbox for resends after resume. Any error closes it for good (protocol/src/secure_channel.cpp).
import { BridgeLinkError, fail } from './errors.js';
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
  }

  #seal(m) {
    try {
      return this.keys.send.encryptWithAd(EMPTY, padFrame(encodeMessage(m)));
    } catch (err) {
      if (err instanceof BridgeLinkError && err.code === 'nonce_exhausted') this.closed = true;
      throw err;
    }
  }

  /** Returns the transport message for m (numbered if reliable, stamped with our ack). */
  send(message) {
    if (this.closed) fail('channel_closed');
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
      if (m.type === 'bye' || m.type === 'error') this.closed = true;
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
