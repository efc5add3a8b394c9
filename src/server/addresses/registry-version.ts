/**
 * The address registry's version (setting `address_registry_version`): every change of streets,
 * their names or buildings bumps it, so each process's in-memory street index knows to rebuild.
 */
import { sql, type Kysely } from 'kysely';
import type { DB } from '../db/schema.js';

let localChanges = 0;

/** How many times this process changed the registry (its own changes show at once). */
export function localRegistryChanges(): number {
  return localChanges;
}

/** Bump the version (inside the caller's transaction when given one). */
export async function bumpRegistryVersion(db: Kysely<DB>): Promise<void> {
  localChanges++;
  await sql`
    INSERT INTO settings (key, value) VALUES ('address_registry_version', '1'::jsonb)
    ON CONFLICT (key) DO UPDATE SET value = to_jsonb(settings.value::text::bigint + 1)`.execute(db);
}

/** The current version (0 when none was recorded) and the database's name (the cache's identity). */
export async function registryVersion(
  db: Kysely<DB>,
): Promise<{ version: number; database: string }> {
  const { rows } = await sql<{ value: unknown; database: string }>`
    SELECT (SELECT value FROM settings WHERE key = 'address_registry_version') AS value,
           current_database() AS database`.execute(db);
  const value = rows[0]?.value;
  return { version: typeof value === 'number' ? value : 0, database: rows[0]?.database ?? '' };
}
