/**
 * Settings an administrator may change at run time (the `settings` table).
 */
import type { Kysely } from 'kysely';
import type { DB } from './db/schema.js';

/** A numeric setting, or `fallback` when it is missing or not a number. */
export async function numberSetting(
  db: Kysely<DB>,
  key: string,
  fallback: number,
): Promise<number> {
  const row = await db
    .selectFrom('settings')
    .select('value')
    .where('key', '=', key)
    .executeTakeFirst();
  const value = row?.value as unknown;
  return typeof value === 'number' && Number.isFinite(value) ? value : fallback;
}
