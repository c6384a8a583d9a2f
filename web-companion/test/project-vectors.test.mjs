// The C++-built project vector file (tests/vectors/bridgelink-v1.json) checked by the JS code.
// EIMZA_CPP_VECTORS may name a freshly C++-built file to check as well (scripts/test sets it).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';

import { computeCase, SECTIONS } from './support/project-vectors.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const files = [join(here, '..', '..', 'tests', 'vectors', 'bridgelink-v1.json')];
if (process.env.EIMZA_CPP_VECTORS) files.push(process.env.EIMZA_CPP_VECTORS);

for (const file of files) {
  test(`project vectors built by C++ are reproduced by JS: ${file}`, () => {
    const doc = JSON.parse(readFileSync(file, 'utf8'));
    assert.equal(doc.generator, 'c++');
    let passed = 0;
    let total = 0;
    const failures = [];
    for (const s of SECTIONS) {
      doc.sections[s].forEach((c, i) => {
        total++;
        try {
          const got = computeCase(s, c.in);
          assert.deepStrictEqual(got, c.out);
          if ('expected_error' in c) assert.equal(got.error, c.expected_error);
          passed++;
        } catch (err) {
          failures.push(`${s}[${i}]: ${err.message.slice(0, 400)}`);
        }
      });
    }
    console.log(`bridgelink vectors (js checks c++): ${passed}/${total} passed`);
    assert.deepEqual(failures, []);
    assert.ok(total >= 50);
  });
}
