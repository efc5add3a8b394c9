/**
 * The shared real data (`../shared/data`, read-only, never copied into the repository) that some
 * tests read. Without it those tests are skipped with a warning on a developer's machine, and fail
 * the run in CI (`CI=true`), as the browser tests do for a missing Chromium: a green CI never hides
 * a skipped conformance or real-data test.
 */
import { existsSync } from 'node:fs';

/**
 * Whether every file of `paths` exists. When one is missing: throws under `CI=true` (the test file
 * fails), else warns naming `what` is skipped and returns false.
 */
export function sharedDataPresent(paths: string[], what: string): boolean {
  const missing = paths.filter((path) => !existsSync(path));
  if (missing.length === 0) return true;
  const message = `${what} need the shared data, and ${missing.join(', ')} is absent (see shared/data/README.md).`;
  if (process.env.CI === 'true' || process.env.CI === '1') throw new Error(message);
  console.warn(`skipped: ${message}`);
  return false;
}
