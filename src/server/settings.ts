/**
 * Settings an administrator may change at run time (the `settings` table).
 */
import type { Kysely } from 'kysely';
import { DEFAULT_REWORK_LIMIT } from '../domain/appeal-lifecycle.js';
import type { DB } from './db/schema.js';
import { prepared } from './db/prepared.js';

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
    .modifyEnd(prepared)
    .executeTakeFirst();
  const value = row?.value as unknown;
  return typeof value === 'number' && Number.isFinite(value) ? value : fallback;
}

/** The configured rework limit (settings table; default 2 as in Kyiv 1551). */
export function reworkLimit(db: Kysely<DB>): Promise<number> {
  return numberSetting(db, 'rework_limit', DEFAULT_REWORK_LIMIT);
}

/** Default of `due_soon_hours` (migration 0003 seeds the same). */
export const DEFAULT_DUE_SOON_HOURS = 24;

/**
 * Hours before the control date when an open appeal counts as due soon (`due_soon_hours`, default
 * 24). One window for the sweep's `due_soon` mark and the `due_soon` work queue.
 */
export function dueSoonHours(db: Kysely<DB>): Promise<number> {
  return numberSetting(db, 'due_soon_hours', DEFAULT_DUE_SOON_HOURS);
}
