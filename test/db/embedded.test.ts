/**
 * The embedded database (PGlite): data survive a restart, and a second process is refused.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { openDatabase } from '../../src/server/db/database.js';
import { migrateToLatest } from '../../src/server/db/migrate.js';
import { KONTAKT_CHILD_NODE_ARGS } from '../child-node.js';

const usesServer = Boolean(process.env.DATABASE_URL);
const dirs: string[] = [];

/** A data directory of the test's own, removed after the file. */
async function freshDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'kontakt-embedded-'));
  dirs.push(dir);
  return dir;
}
afterAll(async () => {
  for (const dir of dirs) await rm(dir, { recursive: true, force: true });
});

/**
 * Runs the CLI in a child process without blocking this one: the test's own event loop keeps
 * running (the lock holder, timers), and a slow start on a loaded machine only takes longer.
 */
async function runCli(args: string[], env: NodeJS.ProcessEnv) {
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, args, {
      env,
      encoding: 'utf8',
    });
    return { status: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code?: number; stdout?: string; stderr?: string };
    return { status: failed.code ?? -1, stdout: failed.stdout ?? '', stderr: failed.stderr ?? '' };
  }
}

async function templateBlob(): Promise<Blob | undefined> {
  const path = inject('pgliteTemplatePath');
  return path ? new Blob([await readFile(path)]) : undefined;
}

/** Start a new data directory from the run's template (a second instead of an initdb). */
async function loaded(): Promise<{ loadDataDir?: Blob }> {
  const blob = await templateBlob();
  return blob ? { loadDataDir: blob } : {};
}

describe.skipIf(usesServer)('embedded database (PGlite)', () => {
  it('keeps committed data across a restart', async () => {
    const dir = await freshDir();
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
    const dir = await freshDir();
    const held = await openDatabase({ dataDir: dir, command: 'test holder', ...(await loaded()) });
    try {
      await expect(openDatabase({ dataDir: dir })).rejects.toMatchObject({
        code: 'data_dir_locked',
      });
    } finally {
      await held.close();
    }
  });

  it('refuses the CLI of another process while a server holds the directory', async () => {
    const dir = await freshDir();
    const held = await openDatabase({
      dataDir: dir,
      command: 'kontakt serve',
      ...(await loaded()),
    });
    try {
      const env: NodeJS.ProcessEnv = { ...process.env, KONTAKT_DATA_DIR: dir, DATABASE_URL: '' };
      delete env.NODE_OPTIONS; // vitest's loader hooks are not for the child
      const result = await runCli([...KONTAKT_CHILD_NODE_ARGS, 'bin/kontakt.mjs', 'migrate'], env);
      expect(result.status).toBe(1);
      expect(result.stderr).toContain('in use by another Kontakt process');
      expect(result.stderr).toContain('kontakt serve');
    } finally {
      await held.close();
    }
  });

  it('takes over a lock left by a process that is gone', async () => {
    const dir = await freshDir();
    await writeFile(
      join(dir, 'kontakt.lock'),
      JSON.stringify({
        pid: 2 ** 22 + 12345,
        host: (await import('node:os')).hostname(),
        startedAt: 'then',
        command: 'crashed',
      }),
    );
    const database = await openDatabase({ dataDir: dir, ...(await loaded()) });
    await database.close();
  });
});
