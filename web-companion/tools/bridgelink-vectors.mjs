#!/usr/bin/env node
// node tools/bridgelink-vectors.mjs build INPUTS.json OUT.json
// Builds the BridgeLink project vectors with the JS implementation (checked by C++ in ctest).
import { readFileSync, writeFileSync } from 'node:fs';

import { buildVectors, SECTIONS } from '../test/support/project-vectors.mjs';

const [cmd, inputs, out] = process.argv.slice(2);
if (cmd !== 'build' || !inputs || !out) {
  console.error('usage: bridgelink-vectors.mjs build INPUTS.json OUT.json');
  process.exit(2);
}
const doc = buildVectors(JSON.parse(readFileSync(inputs, 'utf8')));
writeFileSync(out, `${JSON.stringify(doc, null, 1)}\n`);
const n = SECTIONS.reduce((k, s) => k + doc.sections[s].length, 0);
console.log(`bridgelink vectors: built ${n} cases into ${out} (js)`);
