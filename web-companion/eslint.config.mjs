// eslint (flat config) for the JavaScript of the project: the phone page's modules and the
// desktop page's (browser), the tests and tools (node). Run from the repository root:
//   web-companion/node_modules/.bin/eslint -c web-companion/eslint.config.mjs web-companion bridge/journey/desktop
// (scripts/test does).
import js from '@eslint/js';
import globals from 'globals';

export default [
  { ignores: ['web-companion/node_modules/**', 'web-companion/vendor/**'] },
  js.configs.recommended,
  {
    files: ['web-companion/src/**/*.js', 'bridge/journey/desktop/**/*.js'],
    languageOptions: { ecmaVersion: 2024, sourceType: 'module', globals: { ...globals.browser } },
  },
  {
    files: ['web-companion/test/**/*.mjs', 'web-companion/tools/**/*.mjs', 'web-companion/eslint.config.mjs'],
    languageOptions: { ecmaVersion: 2024, sourceType: 'module', globals: { ...globals.node, ...globals.browser } },
  },
  {
    rules: {
      'no-unused-vars': ['error', { argsIgnorePattern: '^_', caughtErrors: 'none' }],
      eqeqeq: ['error', 'always'],
      'no-var': 'error',
      'prefer-const': 'error',
    },
  },
];
