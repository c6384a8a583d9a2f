#!/usr/bin/env node
// Copies libsodium's ES modules from node_modules into vendor/ with the bare "libsodium" import
// made relative, so the page needs no import map (an inline import map would need a CSP hash)
// and Node and the browser load the very same files. Run by scripts/setup after npm ci.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const from = (p) => join(root, 'node_modules', p);
mkdirSync(join(root, 'vendor'), { recursive: true });
const wrappers = readFileSync(from('libsodium-wrappers/dist/modules-esm/libsodium-wrappers.mjs'), 'utf8');
const rewritten = wrappers.replace(/from\s*"libsodium"/, 'from"./libsodium.mjs"');
if (rewritten === wrappers) throw new Error('libsodium-wrappers: the "libsodium" import was not found');
writeFileSync(join(root, 'vendor', 'libsodium-wrappers.mjs'), rewritten);
writeFileSync(join(root, 'vendor', 'libsodium.mjs'), readFileSync(from('libsodium/dist/modules-esm/libsodium.mjs')));
console.log('vendor: libsodium-wrappers.mjs, libsodium.mjs');
