/**
 * Register an appeal (regulation 3.1.2): give it a registration number, route it to the default
 * executor of its question type with a control date, and write its history — in one transaction.
 * A consultation (regulation 3.1.1) is registered and closed at once with "consultation given".
 */
import { type Kysely, sql } from 'kysely';
import { appealDeadlines as deadlinesOf } from '../../domain/calendar/deadline-engine.js';
import { yearInZone } from '../../domain/deadlines.js';
import { loadCalendar } from '../deadlines/calendar.repository.js';
import { findRepeatedAppeal } from './repeated-appeals.js';
import { formatRegistrationNumber } from '../../domain/text.js';
import type { AppealStatus } from '../../domain/vocabulary.js';
import type { ResultCode } from '../../domain/results.js';
import { getApplicant, insertApplicant } from '../applicants/applicants.service.js';
import type { Actor, Deps } from '../context.js';
import { actorId } from '../context.js';
import type { DB } from '../db/schema.js';
import { badRequest, conflict } from '../errors.js';
import { recordAppealEvent } from './appeal-history.js';
import type { RegisterAppealInput } from './appeals.schemas.js';

/**
 * The next registration number of `year`, without gaps (the counter row is locked until commit).
 */
export async function nextRegistrationNumber(db: Kysely<DB>, year: number): Promise<string> {
  const { rows } = await sql<{ last_value: number }>`
    INSERT INTO registration_counters (year, last_value) VALUES (${year}, 1)
    ON CONFLICT (year) DO UPDATE SET last_value = registration_counters.last_value + 1
    RETURNING last_value`.execute(db);
  return formatRegistrationNumber(year, rows[0]!.last_value);
}

export interface QuestionTypeForRouting {
  id: number;
  name: string;
  term_days: number;
  term_hours: number | null;
  review_margin_days: number;
  is_emergency: boolean;
  executor_id: number | null;
}

/** A question type with its routing rule. @throws AppError 400 `unknown_question_type`. */
export async function questionTypeForRouting(
  db: Kysely<DB>,
  questionTypeId: number,
): Promise<QuestionTypeForRouting> {
  const row = await db
    .selectFrom('question_types')
    .leftJoin('routing_rules', 'routing_rules.question_type_id', 'question_types.id')
    .select([
      'question_types.id',
      'question_types.name',
      'question_types.term_days',
      'question_types.term_hours',
      'question_types.review_margin_days',
      'question_types.is_emergency',
      'routing_rules.executor_id',
    ])
    .where('question_types.id', '=', questionTypeId)
    .where('question_types.active', '=', true)
    .executeTakeFirst();
  if (!row) {
    throw badRequest(
      'unknown_question_type',
      `No active question type with id ${questionTypeId}; see GET /api/v1/classifier.`,
    );
  }
  return row;
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
    calendar: await loadCalendar(db, timeZone),
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
  /** The earlier appeal this one repeats (Art. 8), if any. */
  repeatsAppealId: number | null;
  /** The applicant on record (new or given), for the next question of the same caller. */
  applicantId: number | null;
}

/**
 * Register one appeal.
 *
 * @param input validated by `registerAppealSchema`.
 * @returns the new appeal's id, registration number, status, control date and main executor.
 * @throws AppError 400 `unknown_question_type`, `unknown_executor`, 404 `applicant_not_found`;
 *   nothing is written when any check fails.
 */
export async function registerAppeal(
  deps: Deps,
  actor: Actor,
  input: RegisterAppealInput,
): Promise<RegisteredAppeal> {
  return deps.db.transaction().execute((trx) => registerAppealIn(trx, deps, actor, input));
}

/**
 * `registerAppeal` inside a transaction the caller holds (e.g. the moderator's registration of a
 * portal submission, which marks the submission in the same transaction).
 */
export async function registerAppealIn(
  trx: Kysely<DB>,
  deps: Deps,
  actor: Actor,
  input: RegisterAppealInput,
): Promise<RegisteredAppeal> {
  const now = deps.now();
  const receivedAt = input.receivedAt ? new Date(input.receivedAt) : now;
  const questionType = await questionTypeForRouting(trx, input.questionTypeId);
  const isConsultation = input.kind === 'consultation';
  const executorId = isConsultation ? null : (input.executorId ?? questionType.executor_id);
  if (executorId !== null) await assertExecutor(trx, executorId);

  const applicant =
    input.applicantId !== undefined
      ? await getApplicant(trx, input.applicantId)
      : input.applicant
        ? await insertApplicant(trx, input.applicant)
        : null;
  const applicantId = applicant?.id ?? null;
  const privileged = Boolean(applicant?.privilegedCategory?.trim());

  const repeatOf =
    applicantId !== null && !isConsultation
      ? await findRepeatedAppeal(trx, {
          applicantId,
          questionTypeId: questionType.id,
          address: input.address,
          receivedAt,
        })
      : null;
  if (repeatOf?.decidedOnMerits && !input.acknowledgeRepeat) {
    throw conflict(
      'repeat_of_decided_appeal',
      `This applicant's appeal ${repeatOf.number} on the same question was already decided on the merits; ` +
        'by Art. 8 of the Law a repeated appeal need not be considered. Tell the caller, or register anyway with acknowledgeRepeat: true.',
      { repeatOf },
    );
  }
  const deadlines = isConsultation
    ? { legal: null, control: null }
    : await appealDeadlines(trx, deps.config.timeZone, questionType, receivedAt);
  const controlDate = input.controlDate ? new Date(input.controlDate) : deadlines.control;
  const number = await nextRegistrationNumber(trx, yearInZone(receivedAt, deps.config.timeZone));
  const status: AppealStatus = isConsultation ? 'closed' : 'registered';
  const result: ResultCode | null = isConsultation ? 'consultation_given' : null;

  const appeal = await trx
    .insertInto('appeals')
    .values({
      number,
      received_at: receivedAt,
      registered_at: now,
      channel: input.channel,
      kind: input.kind,
      subject: input.subject,
      receipt_sign: repeatOf && input.receiptSign === 'primary' ? 'repeated' : input.receiptSign,
      repeats_appeal_id: repeatOf?.id ?? null,
      legal_deadline: deadlines.legal,
      applicant_id: applicantId,
      question_type_id: questionType.id,
      address_text: input.address ?? null,
      latitude: input.latitude ?? null,
      longitude: input.longitude ?? null,
      description: input.description,
      confidential: input.confidential,
      privileged,
      status,
      result,
      control_date: controlDate,
      closed_at: isConsultation ? now : null,
      registered_by: actorId(actor),
      updated_at: now,
    })
    .returning(['id', 'number'])
    .executeTakeFirstOrThrow();

  await recordAppealEvent(trx, {
    appealId: appeal.id,
    actor,
    at: now,
    type: 'registered',
    to: 'registered',
    data: {
      number,
      channel: input.channel,
      kind: input.kind,
      questionTypeId: questionType.id,
      ...(repeatOf ? { repeatsAppealId: repeatOf.id, repeatsNumber: repeatOf.number } : {}),
    },
  });
  if (isConsultation) {
    await recordAppealEvent(trx, {
      appealId: appeal.id,
      actor,
      at: now,
      type: 'closed',
      from: 'registered',
      to: 'closed',
      data: { result },
    });
  }
  if (executorId !== null) {
    await trx
      .insertInto('assignments')
      .values({
        appeal_id: appeal.id,
        executor_id: executorId,
        role: 'main',
        state: 'pending',
        instruction: input.instruction ?? null,
        control_date: controlDate,
        assigned_by: actorId(actor),
        assigned_at: now,
      })
      .execute();
    await recordAppealEvent(trx, {
      appealId: appeal.id,
      actor,
      at: now,
      type: 'assigned',
      from: 'registered',
      to: 'registered',
      data: { executorId, role: 'main', routed: input.executorId === undefined },
    });
  }
  return {
    id: appeal.id,
    number,
    status,
    controlDate,
    legalDeadline: deadlines.legal,
    executorId,
    repeatsAppealId: repeatOf?.id ?? null,
    applicantId,
  };
}
