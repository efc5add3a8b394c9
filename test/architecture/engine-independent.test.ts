/**
 * CI's server pass skips the suites listed in `ENGINE_INDEPENDENT` (vitest.config.ts, ADR 049):
 * their result cannot depend on the engine. That holds only while none of them reaches a database,
 * so each listed file is read here, and one that imports a database helper or driver, or reads
 * `DATABASE_URL`, fails this test — and then belongs out of the list.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import picomatch from 'picomatch';
import { describe, expect, it } from 'vitest';
import { ENGINE_INDEPENDENT } from '../../vitest.config.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** Every `*.test.ts` under `src` and `test`, as paths relative to the repository. */
function testFiles(): string[] {
  const found: string[] = [];
  for (const top of ['src', 'test']) {
    for (const entry of readdirSync(join(ROOT, top), { withFileTypes: true, recursive: true })) {
      if (entry.isFile() && entry.name.endsWith('.test.ts'))
        found.push(relative(ROOT, join(entry.parentPath, entry.name)));
    }
  }
  return found.sort();
}

/** What a suite that opens a database imports or reads. */
const DATABASE_REACH: [string, RegExp][] = [
  ['the test server', /from '[./]*\/?(test\/)?http\.js'/],
  ['the test database', /test-db\.js'|template-store\.js'/],
  ['the factories', /factories\.js'/],
  ['the database module', /db\/database\.js'/],
  ['a driver', /from '(pg|@electric-sql\/pglite[^']*)'/],
  ['DATABASE_URL', /DATABASE_URL/],
];

const isListed = picomatch(ENGINE_INDEPENDENT);
const SELF = 'test/architecture/engine-independent.test.ts';
const listed = testFiles().filter((path) => isListed(path));

describe('the suites the server pass skips', () => {
  it('are found (the globs match files)', () => {
    expect(listed.length).toBeGreaterThan(30);
    for (const glob of ENGINE_INDEPENDENT)
      expect(
        listed.some((path) => picomatch.isMatch(path, glob)),
        glob,
      ).toBe(true);
  });

  // This file names the patterns it looks for, so it is not read by them.
  it.each(listed.filter((path) => path !== SELF))('%s opens no database', (path) => {
    const text = readFileSync(join(ROOT, path), 'utf8');
    const reaches = DATABASE_REACH.filter(([, pattern]) => pattern.test(text)).map(
      ([name]) => name,
    );
    expect(reaches).toEqual([]);
  });

  it('the check would catch one that does', () => {
    const sample = "import { startTestServer } from '../http.js';\nprocess.env.DATABASE_URL;";
    expect(DATABASE_REACH.filter(([, pattern]) => pattern.test(sample)).length).toBe(2);
  });
});
