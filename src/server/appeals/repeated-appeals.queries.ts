/**
 * Repeated appeals (Law 393/96-ВР Art. 8; Resolution 858 "receipt sign"): the same applicant on
 * the same question type — and the same address when both give one — within the configured window
 * (`repeat_window_days`, default 30) repeats the earlier appeal.
 */
import type { Kysely } from 'kysely';
import { DECIDED_ON_MERITS, type ResultCode } from '../../domain/results.js';
import { matchKey } from '../../domain/text.js';
import type { DB } from '../db/schema.js';
import { numberSetting } from '../settings.js';

export interface RepeatOf {
  id: number;
  number: string;
  status: string;
  result: ResultCode | null;
  receivedAt: string;
  /** The earlier appeal was decided on the merits: the operator must confirm before registering. */
  decidedOnMerits: boolean;
}

/** The most recent earlier appeal this one would repeat, or null. */
export async function findRepeatedAppeal(
  db: Kysely<DB>,
  input: {
    applicantId: number;
    questionTypeId: number;
    address?: string | null | undefined;
    receivedAt: Date;
  },
): Promise<RepeatOf | null> {
  const windowDays = await numberSetting(db, 'repeat_window_days', 30);
  const since = new Date(input.receivedAt.getTime() - windowDays * 86_400_000);
  const candidates = await db
    .selectFrom('appeals')
    .select(['id', 'number', 'status', 'result', 'received_at', 'address_text'])
    .where('applicant_id', '=', input.applicantId)
    .where('question_type_id', '=', input.questionTypeId)
    .where('received_at', '>=', since)
    .where('received_at', '<=', input.receivedAt)
    .where('kind', '!=', 'consultation')
    .orderBy('received_at', 'desc')
    .orderBy('id', 'desc')
    .limit(20)
    .execute();
  const address = input.address?.trim() ? matchKey(input.address) : null;
  const matching = candidates.filter(
    (c) => address === null || c.address_text === null || matchKey(c.address_text) === address,
  );
  const decided = (c: (typeof matching)[number]) =>
    c.status === 'closed' &&
    c.result !== null &&
    DECIDED_ON_MERITS.includes(c.result as ResultCode);
  // One decided on the merits matters most (Art. 8); otherwise the most recent.
  const row = matching.find(decided) ?? matching[0];
  if (!row) return null;
  const result = row.result as ResultCode | null;
  return {
    id: row.id,
    number: row.number,
    status: row.status,
    result,
    receivedAt: row.received_at.toISOString(),
    decidedOnMerits:
      row.status === 'closed' && result !== null && DECIDED_ON_MERITS.includes(result),
  };
}
