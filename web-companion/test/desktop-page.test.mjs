// The desktop page's words (bridge/journey/desktop/desktop-text.js): they come from the bridge's
// catalogue ("desktop.*" in bridge/ui/i18n/{tr,en}.json, served as /desktop-text.json); every
// answer of POST /api/sas (docs/steps.md) and every word the page asks for is there, in both
// languages, and nothing else is invented.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';

import { chosenLanguage, fill, languageOf, SAS_KEYS, say, sasClosed, sasText, stageView, STEPS, stepStates, validityKey } from '../../bridge/journey/desktop/desktop-text.js';

// What GET /desktop-text.json serves: the catalogue's desktop.* entries, per language.
const words = Object.fromEntries(
  ['tr', 'en'].map((lang) => {
    const catalogue = JSON.parse(readFileSync(new URL(`../../bridge/ui/i18n/${lang}.json`, import.meta.url), 'utf8'));
    const own = Object.entries(catalogue).filter(([k]) => k.startsWith('desktop.'));
    return [lang, Object.fromEntries(own.map(([k, v]) => [k.slice('desktop.'.length), v]))];
  }),
);

test('every SAS outcome the bridge answers is said in Turkish and English', () => {
  const documented = readFileSync(new URL('../../docs/steps.md', import.meta.url), 'utf8');
  for (const outcome of Object.keys(SAS_KEYS)) {
    assert.match(documented, new RegExp(`\`${outcome}\``), `docs/steps.md names ${outcome}`);
    const tr = sasText({ outcome, attempts_left: 2 }, words.tr);
    const en = sasText({ outcome, attempts_left: 2 }, words.en);
    assert.ok(tr && en && tr !== en, outcome);
    assert.notEqual(tr, SAS_KEYS[outcome], `${outcome} is in the catalogue`);
  }
  assert.equal(sasText({ outcome: 'wrong', attempts_left: 1 }, words.en), 'Wrong code, tries left: 1');
  assert.equal(sasText({ outcome: 'wrong', attempts_left: 1 }, words.tr), 'Yanlış kod, kalan deneme: 1');
  assert.equal(sasText({ outcome: 'something_new' }, words.en), 'something_new');
  assert.equal(sasText({ outcome: 'constructor' }, words.en), 'constructor', 'no prototype lookups');
});

test('every word the page asks for is in the catalogue in both languages', () => {
  const page = ['index.html', 'desktop.js', 'desktop-text.js'].map((f) => readFileSync(new URL(`../../bridge/journey/desktop/${f}`, import.meta.url), 'utf8')).join('\n');
  const asked = new Set([
    ...[...page.matchAll(/data-text(?:-label|-title)?="([a-z_]+)"/g)].map((m) => m[1]),
    ...[...page.matchAll(/say\('([a-z_]+)'/g)].map((m) => m[1]),
    ...[...page.matchAll(/(?:heading|todo): '([a-z_]+)'/g)].map((m) => m[1]),
    ...STEPS.filter((s) => s !== 'done').map((s) => `do_${s}`),
    ...['valid', 'not_yet_valid', 'expired'].map(validityKey),
  ]);
  assert.ok(asked.size >= 40, [...asked].join(','));
  // The same in both languages on purpose: names and a date range.
  const same = new Set(['step_pin', 'card_tckn', 'card_valid_range']);
  for (const key of asked) {
    assert.ok(Object.hasOwn(words.tr, key) && Object.hasOwn(words.en, key), key);
    if (!same.has(key)) assert.notEqual(say(key, words.tr), say(key, words.en), key);
  }
  assert.doesNotMatch(page, /[çğıöşüÇĞİÖŞÜ]/, 'no Turkish sentence written in the page itself');
});

test('the form closes only when nothing can be confirmed any more', () => {
  assert.ok(sasClosed({ outcome: 'unavailable' }));
  assert.ok(sasClosed({ outcome: 'locked' }));
  assert.ok(!sasClosed({ outcome: 'wrong' }));
  assert.ok(!sasClosed({ outcome: 'malformed' }));
});

test('language, placeholders and a missing table', () => {
  assert.equal(languageOf('tr-TR'), 'tr');
  assert.equal(languageOf('en-GB'), 'en');
  assert.equal(languageOf(undefined), 'tr');
  assert.equal(fill('a {x} {y}', { x: 1 }), 'a 1 {y}');
  assert.equal(say('unreachable', {}), 'unreachable', 'the key, when the words could not be loaded');
});

test('every stage has a heading, and the steps a place in the bar', () => {
  for (const stage of ['waiting_card', 'waiting_phone', 'waiting_sas', 'on_phone', 'portal', 'done', 'failed']) {
    const view = stageView({ stage, step: 'card' });
    assert.ok(Object.hasOwn(words.tr, view.heading), `${stage}: ${view.heading}`);
  }
  assert.equal(stageView({ stage: 'on_phone', step: 'sms_code' }).todo, 'do_sms_code');
  assert.equal(stageView({ stage: 'waiting_card', step: 'pin', paused: 'card' }).heading, 'head_paused_card');
  assert.equal(stageView({ stage: 'on_phone', step: 'pin', paused: 'phone' }).heading, 'head_paused_phone');
  assert.equal(stageView({ stage: 'portal', step: 'portal_login', paused: 'portal' }).heading, 'head_portal_slow');
  assert.equal(stageView({ stage: 'waiting_card', step: 'card', paused: 'reader' }).heading, 'head_no_reader');
  assert.deepEqual(stepStates({ stage: 'on_phone', step: 'sms_code' }), ['done', 'done', 'done', 'current', 'todo', 'todo']);
  assert.deepEqual(stepStates({ stage: 'done', step: 'done' }), ['done', 'done', 'done', 'done', 'done', 'done']);
  assert.equal(chosenLanguage('en', 'tr-TR'), 'en', "the person's choice wins");
  assert.equal(chosenLanguage(null, 'tr-TR'), 'tr');
  assert.equal(chosenLanguage('xx', 'de-DE'), 'en');
});
