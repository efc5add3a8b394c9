/**
 * What registration reads besides the applicant and the repeat check, and what it answers: the
 * question type with its routing rule (`questionTypeForRouting`), the check that an executor is an
 * active organisation (`assertExecutor`, also used when assigning by hand), the legal deadline and
 * control date by the city's calendar (`appealDeadlines`), and the answer's shape
 * (`RegisteredAppeal`).
 */
import { type Kysely, sql } from 'kysely';
import { appealDeadlines as deadlinesOf } from '../../domain/calendar/deadline-engine.js';
import type { AppealStatus } from '../../domain/vocabulary.js';
import { loadCalendar } from '../calendar/calendar.repository.js';
import type { DB } from '../db/schema.js';
import { badRequest } from '../errors.js';
import { prepared } from '../db/prepared.js';

export interface QuestionTypeForRouting {
  id: number;
  name: string;
  term_days: number;
  term_hours: number | null;
  review_margin_days: number;
  is_emergency: boolean;
  executor_id: number | null;
  /** The default rule's co-executors (issue 14, item 4), or null when the type has no rule. */
  co_executor_ids: number[] | null;
}

/**
 * A question type with its routing rule, and whether the executor the appeal would go to — `executorId`
 * when given, else the rule's — is an active organisation (one round trip for both).
 *
 * @throws AppError 400 `unknown_question_type`.
 */
export async function questionTypeForRouting(
  db: Kysely<DB>,
  questionTypeId: number,
  executorId?: number,
): Promise<QuestionTypeForRouting & { executor_active: boolean }> {
  const row = await db
    .selectFrom('question_types')
    .leftJoin('routing_rules', 'routing_rules.question_type_id', 'question_types.id')
    .select((eb) => [
      'question_types.id',
      'question_types.name',
      'question_types.term_days',
      'question_types.term_hours',
      'question_types.review_margin_days',
      'question_types.is_emergency',
      'routing_rules.executor_id',
      'routing_rules.co_executor_ids',
      eb
        .exists(
          eb
            .selectFrom('organisations as o')
            .select(sql.lit(1).as('one'))
            .where('o.active', '=', true)
            .whereRef(
              'o.id',
              '=',
              executorId === undefined
                ? eb.ref('routing_rules.executor_id')
                : sql<number>`${executorId}::integer`,
            ),
        )
        .as('executor_active'),
    ])
    .where('question_types.id', '=', questionTypeId)
    .where('question_types.active', '=', true)
    .modifyEnd(prepared)
    .executeTakeFirst();
  if (!row) {
    throw badRequest(
      'unknown_question_type',
      `No active question type with id ${questionTypeId}; see GET /api/v1/classifier.`,
    );
  }
  return { ...row, executor_active: Boolean(row.executor_active) };
}

/** @throws AppError 400 `unknown_executor` when the organisation does not exist or is inactive. */
export async function assertExecutor(db: Kysely<DB>, executorId: number): Promise<void> {
  const org = await db
    .selectFrom('organisations')
    .select('id')
    .where('id', '=', executorId)
    .where('active', '=', true)
    .executeTakeFirst();
  if (!org)
    throw badRequest('unknown_executor', `No active executor organisation with id ${executorId}.`);
}

/**
 * The legal deadline (Law 393/96-ВР Art. 20, or hours for an emergency type) and the executor's
 * control date, earlier by the question type's review margin in working days, by the city's
 * work calendar.
 */
export async function appealDeadlines(
  db: Kysely<DB>,
  timeZone: string,
  questionType: Pick<
    QuestionTypeForRouting,
    'term_days' | 'term_hours' | 'review_margin_days' | 'is_emergency'
  >,
  receivedAt: Date,
): Promise<{ legal: Date; control: Date }> {
  return deadlinesOf({
    receivedAt,
    // The seed's years are those around the date the term starts from.
    calendar: await loadCalendar(db, timeZone, receivedAt),
    questionType: {
      termDays: questionType.term_days,
      termHours: questionType.term_hours,
      reviewMarginDays: questionType.review_margin_days,
      emergency: questionType.is_emergency,
    },
  });
}

export interface RegisteredAppeal {
  id: number;
  number: string;
  status: AppealStatus;
  controlDate: Date | null;
  legalDeadline: Date | null;
  executorId: number | null;
  /** The co-executors the routing rule assigned (issue 14, item 4). */
  coExecutorIds: number[];
  /** The earlier appeal this one repeats (Art. 8), if any. */
  repeatsAppealId: number | null;
  /** The applicant on record (new or given), for the next question of the same caller. */
  applicantId: number | null;
}
