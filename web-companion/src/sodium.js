// The one place libsodium is loaded: the vendored ES modules (tools/vendor.mjs), the same files
// under Node and in the browser, no import map needed.
import sodiumModule from '../vendor/libsodium-wrappers.mjs';

await sodiumModule.ready;
export const sodium = sodiumModule;
