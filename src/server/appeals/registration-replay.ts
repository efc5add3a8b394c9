/**
 * The Idempotency-Key of a staff registration: the hashes kept with the appeal, the replay of the
 * appeal an earlier request with the same key registered (`replayRegistration`), and the test for
 * the unique violation a concurrent request with the same key meets.
 */
import { type Kysely, sql } from 'kysely';
import type { DB } from '../db/schema.js';
import { AppError } from '../errors.js';
import type { RegisteredAppeal } from './registration-steps.js';

/** Whether `error` is PostgreSQL's unique violation (SQLSTATE 23505). */
export function isUniqueViolation(error: unknown): boolean {
  return (error as { code?: unknown } | null)?.code === '23505';
}

/**
 * The appeal an earlier request with this key registered, as `registerAppeal` answered it then.
 *
 * @throws AppError 422 `idempotency_key_reused` when the key came with another request.
 */
export async function replayRegistration(
  db: Kysely<DB>,
  key: { keyHash: string; requestHash: string },
): Promise<(RegisteredAppeal & { replayed: true }) | null> {
  const row = await db
    .selectFrom('appeal_registration_keys as k')
    .innerJoin('appeals as a', 'a.id', 'k.appeal_id')
    .leftJoin('assignments as m', (join) =>
      join.onRef('m.appeal_id', '=', 'a.id').on('m.role', '=', 'main'),
    )
    .select([
      'k.request_hash',
      'a.id',
      'a.number',
      'a.status',
      'a.control_date',
      'a.legal_deadline',
      'a.repeats_appeal_id',
      'a.applicant_id',
      'm.executor_id',
      sql<number[]>`(SELECT coalesce(array_agg(c.executor_id ORDER BY c.id), '{}')
                       FROM assignments c
                      WHERE c.appeal_id = a.id AND c.role = 'co'
                        AND c.assigned_at = a.registered_at)`.as('co_executor_ids'),
    ])
    .where('k.key_hash', '=', key.keyHash)
    .orderBy('m.id')
    .executeTakeFirst();
  if (!row) return null;
  if (row.request_hash !== key.requestHash) {
    throw new AppError(
      'idempotency_key_reused',
      422,
      'This Idempotency-Key was already used for a different appeal; make a new key for a new form.',
    );
  }
  return {
    id: row.id,
    number: row.number,
    status: row.status,
    controlDate: row.control_date,
    legalDeadline: row.legal_deadline,
    executorId: row.executor_id,
    coExecutorIds: row.co_executor_ids,
    repeatsAppealId: row.repeats_appeal_id,
    applicantId: row.applicant_id,
    replayed: true,
  };
}
