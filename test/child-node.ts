/**
 * Node's own arguments for a `kontakt` process a test spawns (`node …args bin/kontakt.mjs …`):
 * V8's baseline WebAssembly compiler only, as in the test workers (test/liftoff-only.mjs).
 */
import { fileURLToPath } from 'node:url';

export const KONTAKT_CHILD_NODE_ARGS: readonly string[] = [
  '--import',
  fileURLToPath(new URL('./liftoff-only.mjs', import.meta.url)),
];
