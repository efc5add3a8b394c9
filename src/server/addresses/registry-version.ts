/**
 * The address registry's version (setting `address_registry_version`): every change of streets,
 * their names or buildings bumps it, so each process's in-memory street index knows to rebuild.
 */
import { sql, type Kysely } from 'kysely';
import type { DB } from '../db/schema.js';

/** Bump the version (inside the caller's transaction when given one). */
export async function bumpRegistryVersion(db: Kysely<DB>): Promise<void> {
  await sql`
    INSERT INTO settings (key, value) VALUES ('address_registry_version', '1'::jsonb)
    ON CONFLICT (key) DO UPDATE SET value = to_jsonb(settings.value::text::bigint + 1)`.execute(db);
}

/** The current version (0 when none was recorded). */
export async function registryVersion(db: Kysely<DB>): Promise<number> {
  const row = await db
    .selectFrom('settings')
    .select('value')
    .where('key', '=', 'address_registry_version')
    .executeTakeFirst();
  const value = row?.value as unknown;
  return typeof value === 'number' ? value : 0;
}
