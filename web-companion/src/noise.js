// Noise Protocol Framework rev 34 for 25519 / ChaChaPoly / BLAKE2b: CipherState,
// SymmetricState and HandshakeState for every fundamental, deferred and one-way pattern with
// pskN modifiers. Same behaviour as protocol/src/noise_*.cpp; both pass the cacophony vectors.
import { concat, wipe } from './bytes.js';
import { fail } from './errors.js';
import { sodium } from './sodium.js';

export const DHLEN = 32;
export const HASHLEN = 64;
const BLOCKLEN = 128;
const TAGLEN = 16;
export const MAX_MESSAGE = 65535;

// Facts transcribed from the Noise specification's pattern listings (sections 7.4, 7.5):
// "pre-initiator|pre-responder|msg;msg" with '>' for initiator messages and '<' for responder.
const PATTERNS = {
  N: '|s|>e,es',
  K: 's|s|>e,es,ss',
  X: '|s|>e,es,s,ss',
  NN: '||>e;<e,ee',
  NK: '|s|>e,es;<e,ee',
  NX: '||>e;<e,ee,s,es',
  KN: 's||>e;<e,ee,se',
  KK: 's|s|>e,es,ss;<e,ee,se',
  KX: 's||>e;<e,ee,se,s,es',
  XN: '||>e;<e,ee;>s,se',
  XK: '|s|>e,es;<e,ee;>s,se',
  XX: '||>e;<e,ee,s,es;>s,se',
  IN: '||>e,s;<e,ee,se',
  IK: '|s|>e,es,s,ss;<e,ee,se',
  IX: '||>e,s;<e,ee,se,s,es',
  NK1: '|s|>e;<e,ee,es',
  NX1: '||>e;<e,ee,s;>es',
  X1N: '||>e;<e,ee;>s;<se',
  X1K: '|s|>e,es;<e,ee;>s;<se',
  XK1: '|s|>e;<e,ee,es;>s,se',
  X1K1: '|s|>e;<e,ee,es;>s;<se',
  X1X: '||>e;<e,ee,s,es;>s;<se',
  XX1: '||>e;<e,ee,s;>es,s,se',
  X1X1: '||>e;<e,ee,s;>es,s;<se',
  K1N: 's||>e;<e,ee;>se',
  K1K: 's|s|>e,es;<e,ee;>se',
  KK1: 's|s|>e;<e,ee,se,es',
  K1K1: 's|s|>e;<e,ee,es;>se',
  K1X: 's||>e;<e,ee,s,es;>se',
  KX1: 's||>e;<e,ee,se,s;>es',
  K1X1: 's||>e;<e,ee,s;>se,es',
  I1N: '||>e,s;<e,ee;>se',
  I1K: '|s|>e,es,s;<e,ee;>se',
  IK1: '|s|>e,s;<e,ee,se,es',
  I1K1: '|s|>e,s;<e,ee,es;>se',
  I1X: '||>e,s;<e,ee,s,es;>se',
  IX1: '||>e,s;<e,ee,se,s;>es',
  I1X1: '||>e,s;<e,ee,s;>se,es',
};

const tokens = (list) => (list ? list.split(',') : []);

/** Parses a pattern name such as "NKpsk0" or "NNpsk0+psk2". */
export function findPattern(name) {
  let base = '';
  for (const p of Object.keys(PATTERNS)) if (name.startsWith(p) && p.length > base.length) base = p;
  if (!base) fail('unknown_protocol', name);
  const [pre1, pre2, msgs] = PATTERNS[base].split('|');
  const pattern = {
    name,
    initiatorPre: tokens(pre1),
    responderPre: tokens(pre2),
    messages: msgs.split(';').map((m) => ({ fromInitiator: m[0] === '>', tokens: tokens(m.slice(1)) })),
    pskCount: 0,
    oneWay: base.length === 1,
  };
  const mods = name.slice(base.length);
  if (mods) {
    for (const m of mods.split('+')) {
      const match = /^psk([0-9])$/.exec(m);
      if (!match) fail('unknown_protocol', name);
      const n = Number(match[1]);
      if (n > pattern.messages.length) fail('unknown_protocol', name);
      if (n === 0) pattern.messages[0].tokens.unshift('psk');
      else pattern.messages[n - 1].tokens.push('psk');
      pattern.pskCount++;
    }
  }
  return pattern;
}

export function parseProtocolName(protocolName) {
  const m = /^Noise_(.+)_25519_ChaChaPoly_BLAKE2b$/.exec(protocolName);
  if (!m) fail('unknown_protocol', protocolName);
  return findPattern(m[1]);
}

export function hash(...parts) {
  return sodium.crypto_generichash(HASHLEN, concat(...parts), null);
}

export function hmac(key, data) {
  const k = new Uint8Array(BLOCKLEN);
  k.set(key.length > BLOCKLEN ? hash(key) : key);
  const ipad = k.map((b) => b ^ 0x36);
  const opad = k.map((b) => b ^ 0x5c);
  const inner = hash(ipad, data);
  const out = hash(opad, inner);
  wipe(k, ipad, opad, inner);
  return out;
}

export function hkdf(chainingKey, ikm, numOutputs) {
  const tempKey = hmac(chainingKey, ikm);
  const out1 = hmac(tempKey, new Uint8Array([1]));
  const out2 = hmac(tempKey, concat(out1, new Uint8Array([2])));
  const outs = [out1, out2];
  if (numOutputs === 3) outs.push(hmac(tempKey, concat(out2, new Uint8Array([3]))));
  wipe(tempKey);
  return outs;
}

export function keypairFromSecret(secret) {
  if (secret.length !== DHLEN) fail('bad_key', 'private key length');
  return { secret: Uint8Array.from(secret), pub: sodium.crypto_scalarmult_base(secret) };
}

export function generateKeypair() {
  const secret = sodium.randombytes_buf(DHLEN);
  const kp = keypairFromSecret(secret);
  wipe(secret);
  return kp;
}

function dh(kp, pub) {
  try {
    return sodium.crypto_scalarmult(kp.secret, pub); // throws on an all-zero result
  } catch {
    return fail('bad_key');
  }
}

function nonceBytes(n) {
  const out = new Uint8Array(12);
  let v = BigInt(n);
  for (let i = 4; i < 12; i++) {
    out[i] = Number(v & 0xffn);
    v >>= 8n;
  }
  return out;
}

/** One direction of encryption (Noise CipherState). */
export class CipherState {
  constructor(key = null) {
    this.key = key ? Uint8Array.from(key) : null;
    this.n = 0;
  }

  hasKey() {
    return this.key !== null;
  }

  encryptWithAd(ad, plaintext) {
    if (!this.key) return Uint8Array.from(plaintext);
    if (this.n >= Number.MAX_SAFE_INTEGER) fail('nonce_exhausted');
    const out = sodium.crypto_aead_chacha20poly1305_ietf_encrypt(plaintext, ad, null, nonceBytes(this.n), this.key);
    this.n++;
    return out;
  }

  /** On failure the nonce does not advance. */
  decryptWithAd(ad, ciphertext) {
    if (!this.key) return Uint8Array.from(ciphertext);
    if (this.n >= Number.MAX_SAFE_INTEGER) fail('nonce_exhausted');
    if (ciphertext.length < TAGLEN) fail('auth_failed');
    let out;
    try {
      out = sodium.crypto_aead_chacha20poly1305_ietf_decrypt(null, ciphertext, ad, nonceBytes(this.n), this.key);
    } catch {
      fail('auth_failed');
    }
    this.n++;
    return out;
  }

  copy() {
    const c = new CipherState(this.key);
    c.n = this.n;
    return c;
  }

  destroy() {
    wipe(this.key);
    this.key = null;
  }
}

/**
 * Noise HandshakeState. config: { protocolName, initiator, prologue, s, e, rs, re, psks }
 * where s/e are { secret, pub } and e is set only by test vectors.
 */
export class Handshake {
  constructor(config) {
    const pattern = parseProtocolName(config.protocolName);
    const psks = config.psks ?? [];
    if (psks.length !== pattern.pskCount) fail('bad_state', 'psk count');
    this.pattern = pattern;
    this.initiator = !!config.initiator;
    this.pskMode = pattern.pskCount > 0;
    this.psks = psks.map((p) => Uint8Array.from(p));
    this.nextPsk = 0;
    this.s = config.s ?? null;
    this.e = config.e ?? null;
    this.rs = config.rs ?? null;
    this.re = config.re ?? null;
    this.index = 0;
    this.failed = false;
    this.cipher = new CipherState();

    const name = new TextEncoder().encode(config.protocolName);
    if (name.length <= HASHLEN) {
      this.h = new Uint8Array(HASHLEN);
      this.h.set(name);
    } else {
      this.h = hash(name);
    }
    this.ck = Uint8Array.from(this.h);
    this.mixHash(config.prologue ?? new Uint8Array());

    const pre = (list, initiators) => {
      const mine = initiators === this.initiator;
      for (const t of list) {
        let key = null;
        if (t === 's') key = mine ? this.s?.pub : this.rs;
        if (t === 'e') key = mine ? this.e?.pub : this.re;
        if (!key) fail('bad_state', `missing pre-message key ${t}`);
        this.mixHash(key);
        if (t === 'e' && this.pskMode) this.mixKey(key);
      }
    };
    pre(pattern.initiatorPre, true);
    pre(pattern.responderPre, false);
  }

  finished() {
    return this.index === this.pattern.messages.length;
  }

  isMyTurn() {
    return !this.finished() && this.pattern.messages[this.index].fromInitiator === this.initiator;
  }

  mixHash(data) {
    this.h = hash(this.h, data);
  }

  mixKey(ikm) {
    const [ck, k] = hkdf(this.ck, ikm, 2);
    wipe(this.ck);
    this.ck = ck;
    this.cipher.destroy();
    this.cipher = new CipherState(k.subarray(0, 32));
    wipe(k);
  }

  mixKeyAndHash(ikm) {
    const [ck, th, k] = hkdf(this.ck, ikm, 3);
    wipe(this.ck);
    this.ck = ck;
    this.mixHash(th);
    this.cipher.destroy();
    this.cipher = new CipherState(k.subarray(0, 32));
    wipe(k);
  }

  encryptAndHash(plaintext) {
    const c = this.cipher.encryptWithAd(this.h, plaintext);
    this.mixHash(c);
    return c;
  }

  decryptAndHash(ciphertext) {
    const p = this.cipher.decryptWithAd(this.h, ciphertext);
    this.mixHash(ciphertext);
    return p;
  }

  mixDh(t) {
    // es: initiator's e with responder's s; se: initiator's s with responder's e.
    const pick = (localIsE, remoteIsE) => [localIsE ? this.e : this.s, remoteIsE ? this.re : this.rs];
    let pair;
    if (t === 'ee') pair = pick(true, true);
    else if (t === 'ss') pair = pick(false, false);
    else if (t === 'es') pair = this.initiator ? pick(true, false) : pick(false, true);
    else pair = this.initiator ? pick(false, true) : pick(true, false);
    const [local, remote] = pair;
    if (!local || !remote) fail('bad_state', `missing key for ${t}`);
    const shared = dh(local, remote);
    this.mixKey(shared);
    wipe(shared);
  }

  writeMessage(payload) {
    if (this.failed || !this.isMyTurn()) fail('bad_state');
    try {
      const parts = [];
      for (const t of this.pattern.messages[this.index].tokens) {
        if (t === 'e') {
          if (!this.e) this.e = generateKeypair();
          parts.push(this.e.pub);
          this.mixHash(this.e.pub);
          if (this.pskMode) this.mixKey(this.e.pub);
        } else if (t === 's') {
          if (!this.s) fail('bad_state', 'no static key');
          parts.push(this.encryptAndHash(this.s.pub));
        } else if (t === 'psk') {
          this.mixKeyAndHash(this.psks[this.nextPsk++]);
        } else {
          this.mixDh(t);
        }
      }
      parts.push(this.encryptAndHash(payload));
      const out = concat(...parts);
      if (out.length > MAX_MESSAGE) fail('oversized');
      this.index++;
      return out;
    } catch (err) {
      this.failed = true;
      throw err;
    }
  }

  readMessage(message) {
    if (this.failed || this.finished() || this.isMyTurn()) fail('bad_state');
    if (message.length > MAX_MESSAGE) fail('oversized');
    try {
      let pos = 0;
      const take = (n) => {
        if (message.length - pos < n) fail('truncated');
        const v = message.subarray(pos, pos + n);
        pos += n;
        return v;
      };
      for (const t of this.pattern.messages[this.index].tokens) {
        if (t === 'e') {
          this.re = Uint8Array.from(take(DHLEN));
          this.mixHash(this.re);
          if (this.pskMode) this.mixKey(this.re);
        } else if (t === 's') {
          this.rs = this.decryptAndHash(take(this.cipher.hasKey() ? DHLEN + TAGLEN : DHLEN));
        } else if (t === 'psk') {
          this.mixKeyAndHash(this.psks[this.nextPsk++]);
        } else {
          this.mixDh(t);
        }
      }
      const payload = this.decryptAndHash(message.subarray(pos));
      this.index++;
      return payload;
    } catch (err) {
      this.failed = true; // a handshake that saw a bad message is dead
      throw err;
    }
  }

  /** { send, receive } cipher states for this side, once finished. */
  split() {
    if (!this.finished() || this.failed) fail('bad_state');
    const [k1, k2] = hkdf(this.ck, new Uint8Array(), 2);
    const c1 = new CipherState(k1.subarray(0, 32));
    const c2 = new CipherState(k2.subarray(0, 32));
    wipe(k1, k2);
    return this.initiator ? { send: c1, receive: c2 } : { send: c2, receive: c1 };
  }

  handshakeHash() {
    return this.h;
  }

  chainingKey() {
    return this.ck;
  }

  destroy() {
    wipe(this.ck, this.e?.secret, ...this.psks);
    this.cipher.destroy();
  }
}
