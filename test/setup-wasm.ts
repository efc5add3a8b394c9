/**
 * Runs before every test file, in its own process (vitest's forks pool isolates each file).
 * PGlite is PostgreSQL compiled to WebAssembly; V8 compiles it quickly (Liftoff) and then again,
 * optimised (TurboFan), on background threads for code that runs hot. A test process lives seconds,
 * so that second compilation costs more than it returns: with it off, three service files took
 * 34.4 → 31.0 s and 54.3 → 47.3 s of CPU, the 10,000-appeal sweep included (1 December 2026).
 * Test processes only; the server keeps V8's defaults. An engine without the flag ignores it.
 */
import { setFlagsFromString } from 'node:v8';

setFlagsFromString('--liftoff-only');
