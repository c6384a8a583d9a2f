// The public cacophony vectors (tests/vectors/noise, a copy of shared/vectors/noise) against src/noise.js.
// EIMZA_VECTORS_DIR overrides the directory (default: the repo's tests/vectors).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';

import { fromHex, toHex } from '../src/bytes.js';
import { Handshake, keypairFromSecret, parseProtocolName } from '../src/noise.js';

const here = dirname(fileURLToPath(import.meta.url));
const vectorsDir = process.env.EIMZA_VECTORS_DIR ?? join(here, '..', '..', 'tests', 'vectors');
const file = join(vectorsDir, 'noise', 'cacophony-25519-ChaChaPoly-BLAKE2b.json');
const parsed = JSON.parse(readFileSync(file, 'utf8'));
const vectors = Array.isArray(parsed) ? parsed : parsed.vectors;

function side(v, initiator) {
  const p = initiator ? 'init_' : 'resp_';
  const opt = (k) => (v[p + k] ? fromHex(v[p + k]) : null);
  return {
    protocolName: v.protocol_name,
    initiator,
    prologue: opt('prologue') ?? new Uint8Array(),
    s: opt('static') ? keypairFromSecret(opt('static')) : null,
    e: opt('ephemeral') ? keypairFromSecret(opt('ephemeral')) : null,
    rs: opt('remote_static'),
    re: opt('remote_ephemeral'),
    psks: (v[p + 'psks'] ?? []).map(fromHex),
  };
}

function runVector(v) {
  const init = new Handshake(side(v, true));
  const resp = new Handshake(side(v, false));
  let ti = null;
  let tr = null;
  const oneWay = parseProtocolName(v.protocol_name).oneWay;
  v.messages.forEach((m, i) => {
    const payload = fromHex(m.payload);
    let ct;
    let pt;
    if (!ti) {
      const fromInit = init.isMyTurn();
      const [writer, reader] = fromInit ? [init, resp] : [resp, init];
      ct = writer.writeMessage(payload);
      assert.equal(toHex(ct), m.ciphertext, `message ${i} ciphertext`);
      pt = reader.readMessage(ct);
      if (init.finished() && resp.finished()) {
        ti = init.split();
        tr = resp.split();
        if (v.handshake_hash) assert.equal(toHex(init.handshakeHash()), v.handshake_hash, 'handshake hash');
      }
    } else {
      // After the handshake: alternate directions, or initiator only for one-way patterns.
      const fromInit = oneWay || i % 2 === 0;
      const [sender, receiver] = fromInit ? [ti.send, tr.receive] : [tr.send, ti.receive];
      ct = sender.encryptWithAd(new Uint8Array(), payload);
      assert.equal(toHex(ct), m.ciphertext, `transport message ${i}`);
      pt = receiver.decryptWithAd(new Uint8Array(), ct);
    }
    assert.equal(toHex(pt), m.payload, `message ${i} payload`);
  });
}

test('cacophony 25519/ChaChaPoly/BLAKE2b vectors', () => {
  let passed = 0;
  const failures = [];
  for (const v of vectors) {
    try {
      runVector(v);
      passed++;
    } catch (err) {
      failures.push(`${v.protocol_name}: ${err.message}`);
    }
  }
  console.log(`noise vectors (js): ${passed}/${vectors.length} passed`);
  assert.deepEqual(failures, []);
  assert.equal(vectors.length, 59);
});
