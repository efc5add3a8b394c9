/**
 * Where attachment bytes live, behind one interface (issue 21, item 1; ADR 033):
 * - `disk`: under `<data dir>/files` (the embedded default: one process, one machine);
 * - `database`: in PostgreSQL itself, in 1 MiB chunks of `file_chunks` (the default when
 *   `DATABASE_URL` is set), so every app node behind a balancer reads what another stored, with
 *   no extra service.
 * Bytes stream in and out: a file is never held whole in memory. The SHA-256 of every file is
 * stored with its row (`attachments.sha256`).
 */
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, rename, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { Kysely } from 'kysely';
import type { Config } from '../config.js';
import type { DB } from '../db/schema.js';
import { AppError } from '../errors.js';

export interface FileStore {
  /** Which backend this is (`kontakt files migrate` names them). */
  readonly kind: FileStoreKind;
  /** Move a finished temporary file into the store under `key`. */
  adopt(tempPath: string, key: string): Promise<void>;
  /** A stream of the stored bytes. @throws AppError 404 `stored_file_missing` when the key is unknown. */
  read(key: string): Promise<Readable>;
  /** Whether `key` is stored. */
  has(key: string): Promise<boolean>;
  remove(key: string): Promise<void>;
  /** A directory for temporary uploads of this process (on the store's file system for disk). */
  tempDir(): string;
}

export type FileStoreKind = 'disk' | 'database';

/** Bytes per row of `file_chunks`. */
export const FILE_CHUNK_BYTES = 1024 * 1024;

function storedFileMissing(key: string): AppError {
  return new AppError(
    'stored_file_missing',
    404,
    `The file's bytes are not in the file store (${key}); the administrator should restore it.`,
  );
}

function checkedKey(key: string): string {
  if (!/^[\w/-]+$/.test(key) || key.includes('..')) throw new Error(`Bad storage key: ${key}`);
  return key;
}

/** Files under `root` on this machine's disk. */
export function diskFileStore(root: string): FileStore {
  const pathOf = (key: string): string => join(root, checkedKey(key));
  return {
    kind: 'disk',
    async adopt(tempPath, key) {
      const target = pathOf(key);
      await mkdir(dirname(target), { recursive: true });
      await rename(tempPath, target);
    },
    async read(key) {
      const path = pathOf(key);
      try {
        await stat(path);
      } catch {
        throw storedFileMissing(key);
      }
      return createReadStream(path);
    },
    async has(key) {
      return stat(pathOf(key)).then(
        () => true,
        () => false,
      );
    },
    async remove(key) {
      await rm(pathOf(key), { force: true });
    },
    tempDir: () => join(root, 'tmp'),
  };
}

/**
 * Files in PostgreSQL (`file_chunks`, migration 0017): `adopt` copies the temporary file in
 * chunks of {@link FILE_CHUNK_BYTES} inside one transaction (a file is there whole or not at
 * all) and deletes it; `read` streams the chunks one query at a time.
 */
export function databaseFileStore(db: Kysely<DB>, tempRoot: string): FileStore {
  const has = async (key: string): Promise<boolean> => {
    const row = await db
      .selectFrom('file_chunks')
      .select('seq')
      .where('key', '=', key)
      .where('seq', '=', 0)
      .executeTakeFirst();
    return row !== undefined;
  };
  return {
    kind: 'database',
    async adopt(tempPath, key) {
      checkedKey(key);
      await db.transaction().execute(async (trx) => {
        let seq = 0;
        for await (const chunk of createReadStream(tempPath, { highWaterMark: FILE_CHUNK_BYTES })) {
          await trx
            .insertInto('file_chunks')
            .values({ key, seq, bytes: chunk as Buffer })
            .execute();
          seq += 1;
        }
        if (seq === 0) {
          await trx
            .insertInto('file_chunks')
            .values({ key, seq, bytes: Buffer.alloc(0) })
            .execute();
        }
      });
      await rm(tempPath, { force: true });
    },
    async read(key) {
      if (!(await has(key))) throw storedFileMissing(key);
      async function* chunks(): AsyncGenerator<Buffer> {
        for (let seq = 0; ; seq += 1) {
          const row = await db
            .selectFrom('file_chunks')
            .select('bytes')
            .where('key', '=', key)
            .where('seq', '=', seq)
            .executeTakeFirst();
          if (!row) return;
          yield Buffer.from(row.bytes);
        }
      }
      return Readable.from(chunks());
    },
    has,
    async remove(key) {
      await db.deleteFrom('file_chunks').where('key', '=', key).execute();
    },
    tempDir: () => tempRoot,
  };
}

/**
 * The store the configuration names (`KONTAKT_FILE_STORE`; default `database` with
 * `DATABASE_URL`, else `disk` under the data directory).
 */
export function openFileStore(config: Config, db: Kysely<DB>): FileStore {
  return config.fileStore === 'database'
    ? databaseFileStore(db, join(tmpdir(), 'kontakt-uploads'))
    : diskFileStore(join(config.dataDir, 'files'));
}

/**
 * Copy every stored file (attachments' keys) from `from` to `to`, skipping those already there;
 * the source keeps its copy (delete it by hand once the new store is checked).
 * @returns how many were copied, already there, and missing in the source.
 */
export async function migrateFiles(
  db: Kysely<DB>,
  from: FileStore,
  to: FileStore,
): Promise<{ copied: number; present: number; missing: number }> {
  const counts = { copied: 0, present: 0, missing: 0 };
  const keys = await db.selectFrom('attachments').select('storage_key').orderBy('id').execute();
  await mkdir(to.tempDir(), { recursive: true });
  for (const { storage_key: key } of keys) {
    if (await to.has(key)) {
      counts.present += 1;
      continue;
    }
    if (!(await from.has(key))) {
      counts.missing += 1;
      continue;
    }
    const temp = join(to.tempDir(), `migrate-${key.replaceAll('/', '-')}`);
    await pipeline(await from.read(key), createWriteStream(temp));
    await to.adopt(temp, key);
    counts.copied += 1;
  }
  return counts;
}
