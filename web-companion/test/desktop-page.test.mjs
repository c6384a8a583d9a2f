// The desktop page's text (bridge/journey/desktop/desktop-text.js): every answer of POST /api/sas
// (docs/steps.md) has a sentence in both languages, and nothing else is invented.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';

import { languageOf, say, sasClosed, sasText, TEXT } from '../../bridge/journey/desktop/desktop-text.js';

test('every SAS outcome the bridge answers is said in Turkish and English', () => {
  const outcomes = ['accepted', 'wrong', 'locked', 'malformed', 'unavailable'];
  const documented = readFileSync(new URL('../../docs/steps.md', import.meta.url), 'utf8');
  for (const outcome of outcomes) {
    assert.match(documented, new RegExp(`\`${outcome}\``), `docs/steps.md names ${outcome}`);
    const tr = sasText({ outcome, attempts_left: 2 }, 'tr');
    const en = sasText({ outcome, attempts_left: 2 }, 'en');
    assert.ok(tr && en && tr !== en, outcome);
  }
  assert.equal(sasText({ outcome: 'wrong', attempts_left: 1 }, 'en'), 'Wrong code, tries left: 1');
  assert.equal(sasText({ outcome: 'wrong', attempts_left: 1 }, 'tr'), 'Yanlış kod, kalan deneme: 1');
  assert.equal(sasText({ outcome: 'something_new' }, 'en'), 'something_new');
  assert.equal(sasText({ outcome: 'constructor' }, 'en'), 'constructor', 'no prototype lookups');
});

test('the form closes only when nothing can be confirmed any more', () => {
  assert.ok(sasClosed({ outcome: 'unavailable' }));
  assert.ok(sasClosed({ outcome: 'locked' }));
  assert.ok(!sasClosed({ outcome: 'wrong' }));
  assert.ok(!sasClosed({ outcome: 'malformed' }));
});

test('language and the other sentences', () => {
  assert.equal(languageOf('tr-TR'), 'tr');
  assert.equal(languageOf('en-GB'), 'en');
  assert.equal(languageOf(undefined), 'tr');
  for (const key of Object.keys(TEXT)) assert.notEqual(say(key, 'tr'), say(key, 'en'));
});
