/**
 * V8's baseline WebAssembly compiler only (Liftoff), for test processes: vitest's workers load it
 * as a setup file (vitest.config.ts) and the `kontakt` processes the tests spawn get it through
 * `--import` (`KONTAKT_CHILD_NODE_ARGS`, test/child-node.ts).
 *
 * PGlite is PostgreSQL compiled to WebAssembly; V8 compiles it quickly (Liftoff) and then again,
 * optimised (TurboFan), on background threads for code that runs hot. A test process lives seconds
 * to a minute, so that second compilation costs more than it returns: three service files took
 * 34.4 → 31.0 s and 54.3 → 47.3 s of CPU (1 December 2026); a browser story's demo server 11.7 →
 * 8.8 s and 17.8 → 11.3 s (2 December). Tests only: `kontakt serve` itself keeps V8's defaults.
 * An engine without the flag ignores it.
 */
import { setFlagsFromString } from 'node:v8';

setFlagsFromString('--liftoff-only');
