// The one place libsodium is loaded. In the browser an import map resolves the bare name to the
// vendored ES module; under Node it comes from node_modules.
import sodiumModule from 'libsodium-wrappers';

await sodiumModule.ready;
export const sodium = sodiumModule;
