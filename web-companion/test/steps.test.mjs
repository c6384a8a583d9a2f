// The step contract: protocol/steps/steps.json is the one declaration; src/steps.js must be its
// current copy, checkStep must hold the page to it, every step must have a view, and
// docs/steps.md must document every kind and field.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';

import { checkStep } from '../src/step-contract.js';
import { STEPS } from '../src/steps.js';
import { render, stepsJsonPath } from '../tools/gen-steps.mjs';

const declared = JSON.parse(readFileSync(stepsJsonPath, 'utf8')).steps;

test('src/steps.js is generated from the current protocol/steps/steps.json', () => {
  assert.equal(readFileSync(new URL('../src/steps.js', import.meta.url), 'utf8'), render(declared),
    'run: node tools/gen-steps.mjs');
  assert.deepEqual(STEPS, declared);
});

test('checkStep takes what is declared and refuses the rest', () => {
  const login = new Map([['captcha', 'AB12'], ['security_word', 'çiğdem']]);
  assert.equal(checkStep('login', 'response', login), '');
  assert.match(checkStep('login', 'response', new Map([['captcha', 'AB12']])), /security_word .* missing/);
  assert.match(checkStep('login', 'response', new Map([...login, ['extra', 'x']])), /extra is not declared/);
  assert.match(checkStep('login', 'response', new Map([['captcha', 5], ['security_word', 'x']])), /captcha .* not text/);
  assert.equal(checkStep('pin', 'response', new Map([['action', 'finish']])), '', 'optional fields may be absent');
  assert.equal(checkStep('pin', 'response', new Map([['action', 'change'], ['new_pin', '123456']])), '');
  assert.match(checkStep('paused', 'response', new Map()), /takes no answer/);
  assert.match(checkStep('portal_password', 'request', new Map()), /unknown step kind/);
  assert.equal(checkStep('login', 'request', new Map([['captcha', new Uint8Array(3)], ['attempts_left', 2n],
    ['last_try', false], ['error', '']])), '');
});

test('every step the bridge asks has a view on the phone', () => {
  const app = readFileSync(new URL('../src/app.js', import.meta.url), 'utf8');
  const renderers = /const renderers = \{([^}]*)\}/.exec(app)[1];
  for (const [kind, step] of Object.entries(declared)) {
    if (step.answer === false) assert.match(app, new RegExp(`kind === '${kind}'`), `${kind} is handled`);
    else assert.match(renderers, new RegExp(`\\b${kind}:`), `no view for ${kind}`);
  }
});

test('docs/steps.md documents every kind and field', () => {
  const doc = readFileSync(new URL('../../docs/steps.md', import.meta.url), 'utf8');
  for (const [kind, step] of Object.entries(declared)) {
    assert.match(doc, new RegExp(`^### \`${kind}\``, 'm'), `docs/steps.md: no section for ${kind}`);
    const section = doc.split(`### \`${kind}\``)[1].split('\n### ')[0];
    for (const dir of ['request', 'response']) {
      for (const [name, type] of Object.entries(step[dir] ?? {})) {
        assert.match(section, new RegExp(`\\| ${dir} \\| \`${name}\` \\| ${type.replace('?', '\\?')} \\|`),
          `docs/steps.md: ${kind} ${dir} field ${name} (${type})`);
      }
    }
  }
});

test('the project vectors speak the product\'s steps', () => {
  const inputs = JSON.parse(readFileSync(new URL('../../tests/vectors/bridgelink-v1.inputs.json', import.meta.url), 'utf8'));
  const messages = [];
  const walk = (o) => {
    if (Array.isArray(o)) return o.forEach(walk);
    if (o && typeof o === 'object') {
      if (o.type === 'step_request' || o.type === 'step_response') messages.push(o);
      Object.values(o).forEach(walk);
    }
  };
  walk(inputs);
  const value = (v) => ('text' in v ? v.text : 'bytes' in v ? new Uint8Array(v.bytes.length / 2) : 'uint' in v ? v.uint : v.bool);
  const kinds = new Map();
  for (const m of messages.filter((x) => x.type === 'step_request')) kinds.set(m.body.id, m.body.kind);
  assert.ok(messages.length >= 6);
  for (const m of messages) {
    const fields = new Map(m.body.fields.map(([k, v]) => [k, value(v)]));
    const kind = m.type === 'step_request' ? m.body.kind : kinds.get(m.body.id);
    assert.ok(kind, `a response to an unknown step ${m.body.id}`);
    assert.equal(checkStep(kind, m.type === 'step_request' ? 'request' : 'response', fields), '', `${m.type} ${kind}`);
  }
});
