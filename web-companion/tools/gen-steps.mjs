// Writes src/steps.js from protocol/steps/steps.json (the one declaration of the journey's steps).
// node tools/gen-steps.mjs — test/steps.test.mjs fails when src/steps.js is not current.
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
export const stepsJsonPath = join(here, '..', '..', 'protocol', 'steps', 'steps.json');

export function render(steps) {
  return `// Generated from protocol/steps/steps.json by tools/gen-steps.mjs. Do not edit.
export const STEPS = ${JSON.stringify(steps, null, 2)};
`;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { steps } = JSON.parse(readFileSync(stepsJsonPath, 'utf8'));
  writeFileSync(join(here, '..', 'src', 'steps.js'), render(steps));
}
