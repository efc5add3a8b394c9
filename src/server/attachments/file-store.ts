/**
 * Where attachment bytes live, behind one interface (issue 21, item 1; ADR 033):
 * - `disk`: under `<data dir>/files` (the embedded default: one process, one machine);
 * - `database`: in PostgreSQL itself, in 1 MiB chunks of `file_chunks` (the default when
 *   `DATABASE_URL` is set), so every app node behind a balancer reads what another stored, with
 *   no extra service.
 * - `s3`: in an S3-compatible object store (ADR 043), for cities whose files outgrow the database.
 * Bytes stream in and out: a file is never held whole in memory. The SHA-256 of every file is
 * stored with its row (`attachments.sha256`).
 */
import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, rename, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { S3Client } from '@aws-sdk/client-s3';
import type { Kysely } from 'kysely';
import type { Config, S3Settings } from '../config.js';
import type { DB } from '../db/schema.js';
import { AppError } from '../errors.js';
import { clientS3 } from '../lazy-modules.js';

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

export type FileStoreKind = 'disk' | 'database' | 's3';

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

/** Whether an S3 error means "no such object" (404 on GET/HEAD; `NoSuchKey`/`NotFound`). */
function isMissingObject(error: unknown): boolean {
  if (!(error instanceof clientS3().S3ServiceException)) return false;
  return (
    error.name === 'NoSuchKey' ||
    error.name === 'NotFound' ||
    error.$metadata.httpStatusCode === 404
  );
}

/** The SHA-256 (hex) of a file on disk, read as a stream. */
async function sha256OfFile(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/** An S3 client for the settings (checksums only where S3 requires them: s3rver, MinIO, Garage). */
export function s3Client(settings: S3Settings): S3Client {
  const { S3Client } = clientS3();
  return new S3Client({
    endpoint: settings.endpoint,
    region: settings.region,
    forcePathStyle: settings.forcePathStyle,
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
    ...(settings.accessKeyId && settings.secretAccessKey
      ? {
          credentials: {
            accessKeyId: settings.accessKeyId,
            secretAccessKey: settings.secretAccessKey,
          },
        }
      : {}),
  });
}

/**
 * Files in an S3-compatible object store (ADR 043), one object per key in `bucket`. `adopt`
 * streams the temporary file up with its length and stores its SHA-256 as the object's
 * `x-amz-meta-sha256` (the attachment row keeps it too); `read` streams the object down. A key
 * the bucket lacks is the same 404 `stored_file_missing` as the other stores; any other S3 error
 * (store down, wrong keys) is thrown as is: the operator must see it.
 */
export function s3FileStore(client: S3Client, bucket: string, tempRoot: string): FileStore {
  const { DeleteObjectCommand, GetObjectCommand, HeadObjectCommand, PutObjectCommand } = clientS3();
  const has = async (key: string): Promise<boolean> => {
    try {
      await client.send(new HeadObjectCommand({ Bucket: bucket, Key: checkedKey(key) }));
      return true;
    } catch (error) {
      if (isMissingObject(error)) return false;
      throw error;
    }
  };
  return {
    kind: 's3',
    async adopt(tempPath, key) {
      checkedKey(key);
      const { size } = await stat(tempPath);
      const sha256 = await sha256OfFile(tempPath);
      await client.send(
        new PutObjectCommand({
          Bucket: bucket,
          Key: key,
          Body: createReadStream(tempPath),
          ContentLength: size,
          Metadata: { sha256 },
        }),
      );
      await rm(tempPath, { force: true });
    },
    async read(key) {
      try {
        const object = await client.send(
          new GetObjectCommand({ Bucket: bucket, Key: checkedKey(key) }),
        );
        return object.Body as Readable;
      } catch (error) {
        if (isMissingObject(error)) throw storedFileMissing(key);
        throw error;
      }
    },
    has,
    async remove(key) {
      await client.send(new DeleteObjectCommand({ Bucket: bucket, Key: checkedKey(key) }));
    },
    tempDir: () => tempRoot,
  };
}

/**
 * The store the configuration names (`KONTAKT_FILE_STORE`; default `database` with
 * `DATABASE_URL`, else `disk` under the data directory; `s3` needs `KONTAKT_S3_BUCKET`).
 */
export function openFileStore(config: Config, db: Kysely<DB>): FileStore {
  if (config.fileStore === 's3') {
    if (!config.s3.bucket) throw new Error('KONTAKT_S3_BUCKET is required for the s3 file store');
    return s3FileStore(s3Client(config.s3), config.s3.bucket, join(tmpdir(), 'kontakt-uploads'));
  }
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
