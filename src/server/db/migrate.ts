/**
 * Migrations are numbered SQL files in `migrations/` (ADR 0004), applied in order by Kysely's
 * Migrator, each in its own transaction, under an advisory lock so that several app processes
 * starting together apply each once.
 */
import { readdir, readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { type Kysely, type Migration, type MigrationProvider, Migrator, sql } from 'kysely';
import type { DB } from './schema.js';

export const MIGRATIONS_DIR = fileURLToPath(new URL('../../../migrations/', import.meta.url));

const MIGRATION_FILE = /^\d{4}_[\w-]+\.sql$/;

/** The names of the migrations this version of the code knows (file names without `.sql`), in order. */
export async function migrationNames(dir = MIGRATIONS_DIR): Promise<string[]> {
  return (await readdir(dir))
    .filter((f) => MIGRATION_FILE.test(f))
    .sort()
    .map((f) => f.replace(/\.sql$/, ''));
}

function migrator(db: Kysely<DB>): Migrator {
  return new Migrator({
    db,
    provider: new SqlFileMigrationProvider(MIGRATIONS_DIR),
    migrationTableName: 'schema_migrations',
    migrationLockTableName: 'schema_migrations_lock',
  });
}

/**
 * The migrations `migrateToLatest` would apply now, in order, without applying any
 * (`kontakt migrate --dry-run`).
 */
export async function pendingMigrations(db: Kysely<DB>): Promise<string[]> {
  const all = await migrator(db).getMigrations();
  return all.filter((m) => m.executedAt === undefined).map((m) => m.name);
}

class SqlFileMigrationProvider implements MigrationProvider {
  constructor(private readonly dir: string) {}

  async getMigrations(): Promise<Record<string, Migration>> {
    const migrations: Record<string, Migration> = {};
    for (const name of await migrationNames(this.dir)) {
      const text = await readFile(`${this.dir}/${name}.sql`, 'utf8');
      migrations[name] = {
        up: async (db) => {
          await sql.raw(text).execute(db);
        },
      };
    }
    return migrations;
  }
}

/**
 * Apply every pending migration.
 *
 * @returns the names of the migrations applied now (empty when the schema was current).
 * @throws Error naming the failed migration; nothing of it remains (transactional DDL).
 */
export async function migrateToLatest(db: Kysely<DB>): Promise<string[]> {
  const { error, results } = await migrator(db).migrateToLatest();
  const failed = results?.find((r) => r.status === 'Error');
  if (error) {
    const reason = error instanceof Error ? error.message : JSON.stringify(error);
    throw new Error(`Migration ${failed?.migrationName ?? '(unknown)'} failed: ${reason}`);
  }
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
