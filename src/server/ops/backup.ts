/**
 * `kontakt backup` and `kontakt restore` for the embedded engine (issue 23; ADR 022).
 *
 * The embedded database lives inside the serving process, and only one process may open it
 * (db/lock.ts), so a backup is **stop → backup → start**: the command takes the data directory's
 * lock (it is refused while a server runs), dumps the database with PGlite's own consistent
 * `dumpDataDir`, and archives it with the attachments store. For PostgreSQL use `pg_dump` or
 * continuous archiving (PITR) plus a copy of the attachments store: docs/OPERATIONS.md.
 *
 * The archive is a gzipped tar:
 *   .backup/manifest.json   format, version, time, migrations applied, row counts
 *   .backup/database.tar.gz PGlite's dump of its data directory
 *   files/…                 the attachments store (`KONTAKT_DATA_DIR/files`, without `tmp/`)
 */
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { sql } from 'kysely';
import * as tar from 'tar';
import type { Config } from '../config.js';
import { type Database, openDatabase } from '../db/database.js';
import { AppError } from '../errors.js';
import { VERSION } from '../version.js';

const META = '.backup';

export interface BackupManifest {
  format: 1;
  version: string;
  createdAt: string;
  migrations: string[];
  counts: { appeals: number; appealEvents: number; attachments: number; files: number };
}

function embeddedOnly(config: Config, command: string): void {
  if (config.databaseUrl) {
    throw new AppError(
      'backup_needs_embedded',
      400,
      `${command} is for the embedded database. On PostgreSQL use pg_dump (or continuous archiving) and copy the attachments store (KONTAKT_DATA_DIR/files): see docs/OPERATIONS.md.`,
    );
  }
}

function countFiles(dir: string): number {
  if (!existsSync(dir)) return 0;
  return readdirSync(dir, { withFileTypes: true, recursive: true }).filter(
    (e) => e.isFile() && !resolve(e.parentPath).startsWith(resolve(dir, 'tmp')),
  ).length;
}

async function manifestOf(database: Database, filesDir: string): Promise<BackupManifest> {
  const one = async (table: 'appeals' | 'appeal_events' | 'attachments') =>
    (
      await sql<{ n: number }>`SELECT count(*)::int AS n FROM ${sql.table(table)}`.execute(
        database.db,
      )
    ).rows[0]!.n;
  const migrations = await sql<{ name: string }>`SELECT name FROM schema_migrations ORDER BY name`
    .execute(database.db)
    .then((r) => r.rows.map((row) => row.name));
  return {
    format: 1,
    version: VERSION,
    createdAt: new Date().toISOString(),
    migrations,
    counts: {
      appeals: await one('appeals'),
      appealEvents: await one('appeal_events'),
      attachments: await one('attachments'),
      files: countFiles(filesDir),
    },
  };
}

/**
 * Write a backup of the embedded data directory to `outFile`.
 *
 * @throws AppError `data_dir_locked` while a server (or another command) holds the directory;
 *   `backup_needs_embedded` with DATABASE_URL set.
 */
export async function backupEmbedded(config: Config, outFile: string): Promise<BackupManifest> {
  embeddedOnly(config, 'kontakt backup');
  const database = await openDatabase({ dataDir: config.dataDir, command: 'kontakt backup' });
  const staging = join(config.dataDir, META);
  try {
    const filesDir = join(config.dataDir, 'files');
    const manifest = await manifestOf(database, filesDir);
    rmSync(staging, { recursive: true, force: true });
    mkdirSync(staging);
    const dump = await database.dumpDataDir!();
    await writeFile(join(staging, 'database.tar.gz'), Buffer.from(await dump.arrayBuffer()));
    await writeFile(join(staging, 'manifest.json'), JSON.stringify(manifest, null, 2));
    const entries = [META, ...(existsSync(filesDir) ? ['files'] : [])];
    await tar.create(
      {
        gzip: true,
        file: outFile,
        cwd: config.dataDir,
        portable: true,
        filter: (path) => !/^files\/tmp(\/|$)/.test(path),
      },
      entries,
    );
    return manifest;
  } finally {
    rmSync(staging, { recursive: true, force: true });
    await database.close();
  }
}

/**
 * Restore a backup into the embedded data directory, which must hold no database yet (move an
 * old one aside first). Checks the restored counts against the backup's manifest.
 *
 * @throws AppError `restore_target_not_empty`, `backup_unreadable`, `restore_mismatch`.
 */
export async function restoreEmbedded(config: Config, file: string): Promise<BackupManifest> {
  embeddedOnly(config, 'kontakt restore');
  const pgliteDir = join(config.dataDir, 'pglite');
  if (existsSync(pgliteDir) && readdirSync(pgliteDir).length > 0) {
    throw new AppError(
      'restore_target_not_empty',
      409,
      `${config.dataDir} already holds a database. Restore into an empty data directory (move the old one aside, or set KONTAKT_DATA_DIR).`,
    );
  }
  const unpacked = mkdtempSync(join(tmpdir(), 'kontakt-restore-'));
  try {
    try {
      await tar.extract({ file, cwd: unpacked, strict: true });
    } catch (error) {
      throw new AppError(
        'backup_unreadable',
        400,
        `${file} is not a Kontakt backup: ${(error as Error).message}`,
      );
    }
    const manifestPath = join(unpacked, META, 'manifest.json');
    if (!existsSync(manifestPath)) {
      throw new AppError(
        'backup_unreadable',
        400,
        `${file} is not a Kontakt backup (no manifest).`,
      );
    }
    const manifest = JSON.parse(await readFile(manifestPath, 'utf8')) as BackupManifest;
    const dump = await readFile(join(unpacked, META, 'database.tar.gz'));
    const database = await openDatabase({
      dataDir: config.dataDir,
      loadDataDir: new Blob([dump]),
      command: 'kontakt restore',
    });
    try {
      const filesDir = join(config.dataDir, 'files');
      if (existsSync(join(unpacked, 'files'))) {
        cpSync(join(unpacked, 'files'), filesDir, { recursive: true });
      }
      const restored = await manifestOf(database, filesDir);
      const expected = JSON.stringify(manifest.counts);
      if (JSON.stringify(restored.counts) !== expected) {
        throw new AppError(
          'restore_mismatch',
          500,
          `The restored data do not match the backup: expected ${expected}, found ${JSON.stringify(restored.counts)}.`,
        );
      }
      return manifest;
    } finally {
      await database.close();
    }
  } finally {
    rmSync(unpacked, { recursive: true, force: true });
  }
}
