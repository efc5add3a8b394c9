/**
 * `npm ci` installs without an engine warning on every Node version the README promises: each
 * package in the lock file declares a Node range that admits the lowest release of each promised
 * line (the package's own `engines.node`). A package that wants a newer Node is pinned back with
 * `overrides` in package.json (issue 12: content-disposition, cookie).
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import semver from 'semver';
import { describe, expect, it } from 'vitest';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '../..');
const read = (name: string): unknown => JSON.parse(readFileSync(join(ROOT, name), 'utf8'));

describe('Node versions', () => {
  const pkg = read('package.json') as { engines: { node: string } };
  const lock = read('package-lock.json') as {
    packages: Record<
      string,
      { engines?: { node?: string } | string[]; optional?: boolean; os?: string[]; cpu?: string[] }
    >;
  };
  const promised = pkg.engines.node;
  const lowest = ['20', '22', '24']
    .map((line) =>
      semver.minSatisfying(
        Array.from({ length: 40 }, (_, minor) => `${line}.${minor}.0`),
        promised,
      ),
    )
    .filter((v): v is string => v !== null);

  it('the promise covers Node 20, 22 and 24', () => {
    expect(lowest.map((v) => semver.major(v))).toEqual([20, 22, 24]);
  });

  it('every locked package admits the lowest promised release of each line', () => {
    const refused: string[] = [];
    for (const [path, entry] of Object.entries(lock.packages)) {
      const range = Array.isArray(entry.engines) ? undefined : entry.engines?.node;
      if (!path || !range) continue;
      // A prebuilt binary for one platform (sharp's @img/sharp-win32-ia32…) is installed only there:
      // judge those for this machine's platform only.
      const foreign =
        entry.optional === true &&
        ((entry.os && !entry.os.includes(process.platform)) ||
          (entry.cpu && !entry.cpu.includes(process.arch)));
      if (foreign) continue;
      for (const version of lowest) {
        if (!semver.satisfies(version, range))
          refused.push(`${path} wants ${range}, not ${version}`);
      }
    }
    expect(refused).toEqual([]);
  });
});
