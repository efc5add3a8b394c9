/**
 * The shared real data (`../shared/data`, read-only, never copied into the repository) that some
 * tests read. Without it those tests are skipped with a warning on a developer's machine, and fail
 * the run in CI (`CI=true`), as the browser tests do for a missing Chromium: a green CI never hides
 * a skipped conformance or real-data test.
 */
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

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

/** The shared Kharkiv address registry's folder. */
export const KHARKIV_REGISTRY = fileURLToPath(
  new URL('../../shared/data/addresses/kharkiv', import.meta.url),
);

/**
 * A small registry for a test server's demo import, cut at run time from the shared Kharkiv
 * registry (so the repository keeps no copy): every district, the streets `streetIds` (or every
 * street with `allStreets`) and the buildings of `streetIds`. Writes `<temp>/addresses/kharkiv/{districts.geojson,streets.csv,addresses.csv}`
 * and returns `<temp>`, to be given as `KONTAKT_SHARED_DATA`; undefined when the shared data is
 * absent (see {@link sharedDataPresent}).
 */
export function kharkivRegistryExcerpt(
  streetIds: readonly number[],
  options: { allStreets?: boolean } = {},
): string | undefined {
  const files = ['districts.geojson', 'streets.csv', 'addresses.csv'];
  const paths = files.map((file) => join(KHARKIV_REGISTRY, file));
  if (!sharedDataPresent(paths, 'The registry excerpt')) return undefined;
  const root = mkdtempSync(join(tmpdir(), 'kontakt-registry-'));
  const folder = join(root, 'addresses', 'kharkiv');
  mkdirSync(folder, { recursive: true });
  copyFileSync(paths[0]!, join(folder, 'districts.geojson'));
  const wanted = new Set(streetIds.map(String));
  // The street id is the first column of streets.csv and the second of addresses.csv; neither
  // column is quoted, so a split on the first commas is enough to pick the lines.
  const pick = (file: string, column: 0 | 1) => {
    const lines = readFileSync(join(KHARKIV_REGISTRY, file), 'utf8').split(/\r?\n/);
    const kept = lines
      .slice(1)
      .filter((line) => line !== '' && wanted.has(line.split(',', 3)[column] ?? ''));
    writeFileSync(join(folder, file), [lines[0], ...kept, ''].join('\n'));
  };
  if (options.allStreets) copyFileSync(paths[1]!, join(folder, 'streets.csv'));
  else pick('streets.csv', 0);
  pick('addresses.csv', 1);
  return root;
}
