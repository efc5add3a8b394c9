/**
 * The embedded database (PGlite): data survive a restart, and a second process is refused.
 */
import { spawnSync } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { openDatabase } from '../../src/server/db/database.js';
import { migrateToLatest } from '../../src/server/db/migrate.js';

const usesServer = Boolean(process.env.DATABASE_URL);
let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'kontakt-embedded-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function templateBlob(): Promise<Blob | undefined> {
  const path = inject('pgliteTemplatePath');
  return path ? new Blob([await readFile(path)]) : undefined;
}

describe.skipIf(usesServer)('embedded database (PGlite)', () => {
  it('keeps committed data across a restart', async () => {
    const blob = await templateBlob();
    const first = await openDatabase({ dataDir: dir, ...(blob ? { loadDataDir: blob } : {}) });
    await migrateToLatest(first.db);
    await first.db
      .insertInto('settings')
      .values({ key: 'restart_probe', value: JSON.stringify({ kept: true }) })
      .execute();
    await first.close();

    const second = await openDatabase({ dataDir: dir });
    const row = await second.db
      .selectFrom('settings')
      .select('value')
      .where('key', '=', 'restart_probe')
      .executeTakeFirst();
    await second.close();
    expect(row?.value).toEqual({ kept: true });
  });

  it('refuses a second open of the same data directory in this process', async () => {
    const held = await openDatabase({ dataDir: dir, command: 'test holder' });
    try {
      await expect(openDatabase({ dataDir: dir })).rejects.toMatchObject({
        code: 'data_dir_locked',
      });
    } finally {
      await held.close();
    }
  });

  it('refuses the CLI of another process while a server holds the directory', async () => {
    const held = await openDatabase({ dataDir: dir, command: 'kontakt serve' });
    try {
      const result = spawnSync(process.execPath, ['bin/kontakt.mjs', 'migrate'], {
        env: { ...process.env, KONTAKT_DATA_DIR: dir, DATABASE_URL: '' },
        encoding: 'utf8',
        timeout: 180_000,
      });
      expect(result.status).toBe(1);
      expect(result.stderr).toContain('in use by another Kontakt process');
      expect(result.stderr).toContain('kontakt serve');
    } finally {
      await held.close();
    }
  });

  it('takes over a lock left by a process that is gone', async () => {
    await writeFile(
      join(dir, 'kontakt.lock'),
      JSON.stringify({
        pid: 2 ** 22 + 12345,
        host: (await import('node:os')).hostname(),
        startedAt: 'then',
        command: 'crashed',
      }),
    );
    const database = await openDatabase({ dataDir: dir });
    await database.close();
  });
});
