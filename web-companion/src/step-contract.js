// Checks a step against its declaration (protocol/steps/steps.json, as src/steps.js): the page
// takes only declared requests and sends only declared answers; the bridge does the same
// (bridge/journey/step_contract.cpp).
import { STEPS } from './steps.js';

const TYPES = {
  text: (v) => typeof v === 'string',
  bytes: (v) => v instanceof Uint8Array,
  uint: (v) => (typeof v === 'number' && Number.isInteger(v) && v >= 0) || typeof v === 'bigint',
  bool: (v) => typeof v === 'boolean',
};

/** '' when `fields` (a Map) is what `kind` declares for 'request' or 'response'; else what is wrong. */
export function checkStep(kind, direction, fields) {
  const step = Object.hasOwn(STEPS, kind) ? STEPS[kind] : null;
  if (!step) return `unknown step kind ${kind}`;
  if (direction === 'response' && step.answer === false) return `step ${kind} takes no answer`;
  const rules = step[direction] ?? {};
  for (const [name, value] of fields) {
    if (!Object.hasOwn(rules, name)) return `field ${name} is not declared for ${kind}`;
    const type = rules[name].replace(/\?$/, '');
    if (!TYPES[type](value)) return `field ${name} of ${kind} is not ${type}`;
  }
  for (const [name, rule] of Object.entries(rules)) {
    if (!rule.endsWith('?') && !fields.has(name)) return `field ${name} of ${kind} is missing`;
  }
  return '';
}
