/**
 * A fresh database per test file, copied from the run's template (see global-setup.ts), and the
 * dependencies of the use cases around it.
 */
import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { inject } from 'vitest';
import { databaseFileStore, diskFileStore } from '../src/server/attachments/file-store.js';
import { loadConfig, type Config } from '../src/server/config.js';
import type { Deps } from '../src/server/context.js';
import { type Database, openDatabase } from '../src/server/db/database.js';
import { adminUrl, databaseUrlWithName } from './pg-urls.js';
import { createLiveBus } from '../src/server/live/live-bus.js';
import { listenForAuthChanges } from '../src/server/auth/session-cache.js';

export interface TestContext {
  deps: Deps;
  database: Database;
  config: Config;
  /** The URL of this file's own database on a server run (undefined on the embedded engine). */
  databaseUrl: string | undefined;
  /** Move the test clock (default: real time). */
  setNow(date: Date | null): void;
  close(): Promise<void>;
}

export async function createTestContext(overrides: Partial<Config> = {}): Promise<TestContext> {
  const url = process.env.DATABASE_URL;
  const filesDir = await mkdtemp(join(tmpdir(), 'kontakt-test-'));
  let database: Database;
  let ownUrl: string | undefined;
  let dropDatabase: () => Promise<void> = async () => {};
  if (url) {
    const name = `kontakt_t_${inject('runId')}_${randomBytes(4).toString('hex')}`;
    const admin = new pg.Client({ connectionString: adminUrl(url) });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name} TEMPLATE ${inject('pgTemplateName')}`);
    await admin.end();
    ownUrl = databaseUrlWithName(url, name);
    database = await openDatabase({ databaseUrl: ownUrl, poolSize: 5 });
    dropDatabase = async () => {
      const client = new pg.Client({ connectionString: adminUrl(url) });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await client.end();
    };
  } else {
    const dump = await readFile(inject('pgliteTemplatePath'));
    database = await openDatabase({ dataDir: 'memory://', loadDataDir: new Blob([dump]) });
  }
  const config: Config = {
    // Every test client is 127.0.0.1: the per-address limits are off unless a test sets them.
    ...loadConfig({
      KONTAKT_DATA_DIR: filesDir,
      KONTAKT_SUBMISSIONS_PER_HOUR: '0',
      KONTAKT_TRACKING_PER_MINUTE: '0',
    }),
    ...(url ? { databaseUrl: url, fileStore: 'database' as const } : {}),
    ...overrides,
  };
  let fixedNow: Date | null = null;
  const deps: Deps = {
    db: database.db,
    config,
    now: () => fixedNow ?? new Date(),
    files:
      config.fileStore === 'database'
        ? databaseFileStore(database.db, join(filesDir, 'tmp'))
        : diskFileStore(join(filesDir, 'files')),
    live: await createLiveBus(database),
    // As `kontakt serve` runs (ADR 062): every HTTP test goes through the session cache.
    sessions: await listenForAuthChanges(database),
  };
  return {
    deps,
    database,
    config,
    databaseUrl: ownUrl,
    setNow: (date) => {
      fixedNow = date;
    },
    close: async () => {
      await deps.live?.close();
      await deps.sessions?.close();
      await database.close();
      await dropDatabase();
      await rm(filesDir, { recursive: true, force: true });
    },
  };
}
