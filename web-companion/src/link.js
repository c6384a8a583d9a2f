// The two-message BridgeLink handshakes (pairing NKpsk0, resume NNpsk0), as
// protocol/src/link_handshake.cpp. msg1 carries hello, msg2 carries ready.
import { constantTimeEqual, wipe } from './bytes.js';
import { fail } from './errors.js';
import { padFrame, unpadFrame } from './frame.js';
import { decodeMessage, encodeMessage } from './messages.js';
import { Handshake } from './noise.js';
import { decodeQrPayload } from './qr.js';
import {
  PAIRING_PROTOCOL,
  RESUME_PROTOCOL,
  derivePairingKeys,
  deriveResumeKey,
  deriveResumeKeys,
  deriveSas,
  pairingPrologue,
  resumePrologue,
} from './derive.js';

export class LinkHandshake {
  constructor(hs) {
    this.hs = hs;
    this.failed = false;
  }

  /** Phone side of pairing from the scanned payload bytes. ephemeral only for vectors. */
  static pairingInitiator(qrPayloadBytes, ephemeral = null) {
    const qr = decodeQrPayload(qrPayloadBytes);
    const keys = derivePairingKeys(qr.secret);
    const hs = new Handshake({
      protocolName: PAIRING_PROTOCOL,
      initiator: true,
      prologue: pairingPrologue(qrPayloadBytes),
      rs: qr.bridgeKey,
      e: ephemeral,
      psks: [keys.psk],
    });
    wipe(keys.psk, qr.secret);
    return new LinkHandshake(hs);
  }

  /** Bridge side of pairing (used by tests and vector generation in JS). */
  static pairingResponder(bridgeStatic, qrPayloadBytes, ephemeral = null) {
    const qr = decodeQrPayload(qrPayloadBytes);
    if (!constantTimeEqual(qr.bridgeKey, bridgeStatic.pub)) fail('mismatch', 'bridge key');
    const keys = derivePairingKeys(qr.secret);
    const hs = new Handshake({
      protocolName: PAIRING_PROTOCOL,
      initiator: false,
      prologue: pairingPrologue(qrPayloadBytes),
      s: bridgeStatic,
      e: ephemeral,
      psks: [keys.psk],
    });
    wipe(keys.psk, qr.secret);
    return new LinkHandshake(hs);
  }

  static resume(initiator, resumeKey, counter, previousHandshakeHash, ephemeral = null) {
    if (!Number.isInteger(counter) || counter < 1 || counter > 0xffffffff) fail('bad_field', 'resume counter');
    const keys = deriveResumeKeys(resumeKey, counter);
    const hs = new Handshake({
      protocolName: RESUME_PROTOCOL,
      initiator,
      prologue: resumePrologue(counter, previousHandshakeHash),
      e: ephemeral,
      psks: [keys.psk],
    });
    wipe(keys.psk);
    return new LinkHandshake(hs);
  }

  /** Initiator: msg1 with a hello. Responder: msg2 with a ready. */
  write(message) {
    if (this.failed || !this.hs.isMyTurn()) fail('bad_state');
    if (message.type !== (this.hs.initiator ? 'hello' : 'ready')) fail('bad_state', 'wrong handshake payload');
    try {
      return this.hs.writeMessage(padFrame(encodeMessage({ ...message, seq: 0, ack: 0 })));
    } catch (err) {
      this.failed = true;
      throw err;
    }
  }

  /** Responder: msg1 → hello. Initiator: msg2 → ready. */
  read(handshakeMessage) {
    if (this.failed || this.hs.isMyTurn() || this.hs.finished()) fail('bad_state');
    try {
      const padded = this.hs.readMessage(handshakeMessage);
      const m = decodeMessage(unpadFrame(padded));
      if (m.type !== (this.hs.initiator ? 'ready' : 'hello')) fail('bad_field', 'wrong handshake payload');
      return m;
    } catch (err) {
      this.failed = true;
      throw err;
    }
  }

  finished() {
    return this.hs.finished();
  }

  /** { keys: { send, receive }, handshakeHash, resumeKey, sas } */
  finish() {
    if (this.failed || !this.hs.finished()) fail('bad_state');
    const handshakeHash = Uint8Array.from(this.hs.handshakeHash());
    const result = {
      keys: this.hs.split(),
      handshakeHash,
      resumeKey: deriveResumeKey(this.hs.chainingKey()),
      sas: deriveSas(handshakeHash),
    };
    this.hs.destroy();
    return result;
  }
}
