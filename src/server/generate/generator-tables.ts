/**
 * The tables the generator fills: their columns in buffer order, the ones whose ids it gives
 * itself, the next free id of each, and the registration counters it continues.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.js';
import type { NextIds } from './generator-model.js';

export const APPLICANT_COLUMNS = [
  'id', 'full_name', 'phones', 'phone_keys', 'email', 'address', 'privileged_category',
  'social_status', 'created_at', 'updated_at', 'sex',
]; // prettier-ignore
export const APPEAL_COLUMNS = [
  'id', 'number', 'received_at', 'registered_at', 'channel', 'kind', 'subject', 'receipt_sign',
  'applicant_id', 'question_type_id', 'address_text', 'latitude', 'longitude', 'description',
  'confidential', 'privileged', 'status', 'result', 'control_date', 'legal_deadline',
  'rework_count', 'closed_at', 'updated_at', 'district_id', 'author_sex',
  'author_category', 'author_social_status', 'main_executor_id',
]; // prettier-ignore
export const ASSIGNMENT_COLUMNS = [
  'id', 'appeal_id', 'executor_id', 'role', 'state', 'control_date', 'assigned_at', 'accepted_at',
  'finished_at', 'privileged',
]; // prettier-ignore
export const RESPONSE_COLUMNS = [
  'id',
  'appeal_id',
  'assignment_id',
  'text',
  'proposed_result',
  'created_at',
];
export const REVIEW_COLUMNS = [
  'id',
  'appeal_id',
  'response_id',
  'decision',
  'result',
  'comment',
  'created_at',
];
export const EVENT_COLUMNS = [
  'appeal_id', 'at', 'actor_label', 'type', 'from_status', 'to_status', 'comment', 'data',
]; // prettier-ignore

/** Tables whose ids the generator gives itself (their identity sequences are moved past them). */
export const ID_TABLES = ['applicants', 'appeals', 'assignments', 'responses', 'reviews'] as const;

/** The next free id of each table in `ID_TABLES`. */
export async function nextIds(db: Kysely<DB>): Promise<NextIds> {
  const next = {} as NextIds;
  for (const table of ID_TABLES) {
    const row = await db
      .selectFrom(table)
      .select((eb) => eb.fn.max<number | null>('id').as('max'))
      .executeTakeFirst();
    next[table] = Number(row?.max ?? 0) + 1;
  }
  return next;
}

/** Each year's last registration number. */
export async function readCounters(db: Kysely<DB>): Promise<Map<number, number>> {
  const rows = await db.selectFrom('registration_counters').selectAll().execute();
  return new Map(rows.map((r) => [r.year, r.last_value]));
}
