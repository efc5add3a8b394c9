/**
 * Issue 23, item 5: `kontakt migrate --dry-run` lists what would run and applies nothing.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, expect, it } from 'vitest';
import { migrationNames } from '../../src/server/db/migrate.js';
import { adminUrl, databaseUrlWithName } from '../pg-urls.js';
import { createStore, kontakt, type Store, SPAWNING_TEST } from './spawned-server.js';

const cleanups: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const cleanup of cleanups) await cleanup();
});

/** An empty database (or data directory) of the run's engine. */
async function emptyEnv(): Promise<Record<string, string>> {
  const dir = mkdtempSync(join(tmpdir(), 'kontakt-dry-run-'));
  cleanups.push(async () => rmSync(dir, { recursive: true, force: true }));
  const url = process.env.DATABASE_URL;
  if (!url) return { KONTAKT_DATA_DIR: dir, DATABASE_URL: '' };
  const name = `kontakt_dry_${randomBytes(4).toString('hex')}`;
  const admin = async (statement: string) => {
    const client = new pg.Client({ connectionString: adminUrl(url) });
    await client.connect();
    await client.query(statement);
    await client.end();
  };
  await admin(`CREATE DATABASE ${name}`);
  cleanups.push(() => admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
  return { KONTAKT_DATA_DIR: dir, DATABASE_URL: databaseUrlWithName(url, name) };
}

it(
  'lists every migration on an empty database, twice (nothing applied), then none once migrated',
  SPAWNING_TEST,
  async () => {
    const env = await emptyEnv();
    const all = (await migrationNames()).join(', ');
    expect(await kontakt(['migrate', '--dry-run'], env)).toContain(
      `Would apply (in this order): ${all}`,
    );
    expect(await kontakt(['migrate', '--dry-run'], env)).toContain(
      `Would apply (in this order): ${all}`,
    );
    expect(await kontakt(['migrate'], env)).toContain(`Applied: ${all}`);
    expect(await kontakt(['migrate', '--dry-run'], env)).toContain('nothing would run');
  },
);

it('says nothing would run on a current database', SPAWNING_TEST, async () => {
  const store: Store = await createStore();
  cleanups.push(() => store.drop());
  expect(await kontakt(['migrate', '--dry-run'], store.env)).toContain('nothing would run');
});
