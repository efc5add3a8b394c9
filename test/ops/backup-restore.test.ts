/**
 * Issue 23, item 4: `kontakt backup` of an embedded data directory with appeals, history and
 * attachments, `kontakt restore` into a fresh data directory, and every appeal, history row and
 * file found again, byte for byte. A backup is refused while a server holds the directory. On a
 * PostgreSQL run the commands refuse and point to pg_dump.
 */
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { sql } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { addAttachment, readAttachment } from '../../src/server/attachments/attachments.service.js';
import { diskFileStore } from '../../src/server/attachments/file-store.js';
import { loadConfig } from '../../src/server/config.js';
import type { Deps, UserActor } from '../../src/server/context.js';
import { openDatabase } from '../../src/server/db/database.js';
import { migrateToLatest } from '../../src/server/db/migrate.js';
import { seedDemo } from '../../src/server/setup/seed-demo.js';
import { seedReferenceData } from '../../src/server/setup/seed-reference-data.js';
import { makeUser } from '../factories.js';
import { kontakt, spawnServe, SPAWNING_TEST } from './spawned-server.js';

const dirs: string[] = [];
const tempDir = (prefix: string) => {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  dirs.push(dir);
  return dir;
};
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

/** Open `dataDir`, run `work` with its deps, close. */
async function withDataDir<T>(dataDir: string, work: (deps: Deps) => Promise<T>): Promise<T> {
  const database = await openDatabase({ dataDir, command: 'backup test' });
  try {
    return await work({
      db: database.db,
      config: loadConfig({ KONTAKT_DATA_DIR: dataDir }),
      now: () => new Date(),
      files: diskFileStore(join(dataDir, 'files')),
    });
  } finally {
    await database.close();
  }
}

/** Everything the restore must bring back: appeals, history rows, and each file's digest. */
async function snapshot(deps: Deps, actor: UserActor) {
  const appeals = await sql<{ id: number; number: string; status: string }>`
    SELECT id, number, status FROM appeals ORDER BY id`.execute(deps.db);
  const events = await sql<{ id: number; appeal_id: number; type: string }>`
    SELECT id, appeal_id, type FROM appeal_events ORDER BY id`.execute(deps.db);
  const attachments = await sql<{ id: number }>`SELECT id FROM attachments ORDER BY id`.execute(
    deps.db,
  );
  const files: Record<number, string> = {};
  for (const { id } of attachments.rows) {
    const file = await readAttachment(deps, actor, id);
    const hash = createHash('sha256');
    for await (const chunk of file.stream) hash.update(chunk as Buffer);
    files[id] = hash.digest('hex');
  }
  return { appeals: appeals.rows, events: events.rows, files };
}

describe.skipIf(Boolean(process.env.DATABASE_URL))('embedded engine', () => {
  it(
    'restores every appeal, history row and file into a fresh data directory',
    SPAWNING_TEST,
    async () => {
      const source = tempDir('kontakt-backup-src-');
      const archive = join(tempDir('kontakt-backup-out-'), 'kontakt.tar.gz');
      const before = await withDataDir(source, async (deps) => {
        await migrateToLatest(deps.db);
        await seedReferenceData(deps.db);
        await seedDemo(deps);
        const user = await makeUser(deps, 'supervisor', { login: 'backup-supervisor' });
        const actor: UserActor = { kind: 'user', ...user };
        const ids = await sql<{ id: number }>`SELECT id FROM appeals ORDER BY id LIMIT 3`.execute(
          deps.db,
        );
        for (const [i, { id }] of ids.rows.entries()) {
          await addAttachment(deps, actor, id, {
            stream: Readable.from(
              Buffer.from(`Акт обстеження ${i}: вигаданий текст.\n`.repeat(50)),
            ),
            fileName: `act-${i}.txt`,
            declaredType: 'text/plain',
            truncated: () => false,
          });
        }
        return { actor, data: await snapshot(deps, actor) };
      });
      expect(before.data.appeals.length).toBeGreaterThan(0);
      expect(Object.keys(before.data.files)).toHaveLength(3);

      // Refused while a server holds the directory (stop → backup → start).
      const server = await spawnServe({
        env: { KONTAKT_DATA_DIR: source, DATABASE_URL: '' },
      });
      try {
        await server.waitForStatus('/api/health/ready', 200);
        await expect(
          kontakt(['backup', '--out', archive], { KONTAKT_DATA_DIR: source }),
        ).rejects.toThrow(/in use by another Kontakt process/);
      } finally {
        server.child.kill('SIGTERM');
        await server.waitForExit();
      }

      expect(await kontakt(['backup', '--out', archive], { KONTAKT_DATA_DIR: source })).toMatch(
        /Wrote/,
      );
      const target = tempDir('kontakt-restore-');
      expect(await kontakt(['restore', archive], { KONTAKT_DATA_DIR: target })).toMatch(/Restored/);
      await expect(kontakt(['restore', archive], { KONTAKT_DATA_DIR: target })).rejects.toThrow(
        /already holds a database/,
      );

      const after = await withDataDir(target, (deps) => snapshot(deps, before.actor));
      expect(after).toEqual(before.data);
    },
  );
});

describe.skipIf(!process.env.DATABASE_URL)('PostgreSQL server', () => {
  it('refuses and points to pg_dump', SPAWNING_TEST, async () => {
    await expect(
      kontakt(['backup', '--out', join(tempDir('kontakt-pg-'), 'x.tar.gz')], {
        DATABASE_URL: process.env.DATABASE_URL!,
      }),
    ).rejects.toThrow(/pg_dump/);
  });
});
