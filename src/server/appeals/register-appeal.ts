/**
 * Register an appeal (regulation 3.1.2): give it a registration number, route it to the default
 * executor of its question type with a control date, and write its history — in one transaction.
 * A consultation (regulation 3.1.1) is registered and closed at once with "consultation given".
 */
import { FIRST_SERVED_YEAR, receivedAtProblem } from '../../domain/client-values.js';
import { createHash } from 'node:crypto';
import { type Insertable, type Kysely, sql } from 'kysely';
import { appealDeadlines as deadlinesOf } from '../../domain/calendar/deadline-engine.js';
import { yearInZone } from '../../domain/deadlines.js';
import { loadCalendar } from '../calendar/calendar.repository.js';
import { findRepeatedAppeal } from './repeated-appeals.queries.js';
import { routeAppeal } from './route-appeal.js';
import { placeAddress } from '../addresses/place-address.js';
import type { AppealStatus } from '../../domain/vocabulary.js';
import type { ResultCode } from '../../domain/results.js';
import { findSameApplicant, getApplicant, phoneKeys } from '../applicants/applicants.service.js';
import type { Actor, Deps } from '../context.js';
import { actorId, actorLabel } from '../context.js';
import type { DB } from '../db/schema.js';
import { AppError, badRequest, conflict } from '../errors.js';
import { appealsRegistered } from '../ops/metrics.js';
import type { AppealEventType } from './appeal-history.js';
import type { RegisterAppealInput } from '../../contract/appeals.schemas.js';
import { activeWorkForAppeal } from '../works/works-linking.js';
import { HOUR_ORIGIN } from '../monitoring/appeal-counts.js';
import type { ApplicantInput } from '../../contract/applicants.schemas.js';

/** One history event written with a new appeal (its actor and time are the registration's). */
export interface NewEvent {
  type: AppealEventType;
  from: AppealStatus | null;
  to: AppealStatus | null;
  /** The event's data; the registered event also gets the appeal's `number`. */
  data: Record<string, unknown>;
}

/** The columns of a new appeal, except its number and who registered it. */
export type NewAppealValues = Omit<
  Insertable<DB['appeals']>,
  'id' | 'number' | 'registered_by' | 'updated_at'
> & { registered_at: Date };

/**
 * Insert a new appeal with the next registration number of `year`, its main assignment and its
 * history events, in one statement (one round trip).
 *
 * The number is gapless per year (CMU Resolution 348, ADR 008): the year's counter row is locked
 * by this statement until the caller's transaction ends, so run it last in the transaction — every
 * registration of the year waits for that lock. The number is `YYYY-NNNNNN` (at least six digits),
 * formatted here as `formatRegistrationNumber` does.
 *
 * @returns the new appeal's id and number.
 */
export async function insertNumberedAppeal(
  trx: Kysely<DB>,
  input: {
    year: number;
    actor: Actor;
    now: Date;
    appeal: NewAppealValues;
    /** An applicant to create with the appeal (its id becomes the appeal's `applicant_id`). */
    newApplicant: ApplicantInput | null;
    mainAssignment: {
      executorId: number;
      instruction: string | null;
      controlDate: Date | null;
    } | null;
    /**
     * Co-executor assignments the routing rule names (issue 14, item 4; ADR 045), as
     * `assignExecutor` makes them by hand: pending, with the main's instruction and control date.
     */
    coAssignments?: readonly { executorId: number }[];
    events: readonly NewEvent[];
    /** The hashed Idempotency-Key of the request and the request's hash, kept with the appeal. */
    registrationKey?: { keyHash: string; requestHash: string } | null;
  },
): Promise<{ id: number; number: string; applicantId: number | null }> {
  const key = input.registrationKey ?? null;
  const a = input.appeal;
  const na = input.newApplicant;
  const by = actorId(input.actor);
  const label = actorLabel(input.actor);
  const events = JSON.stringify(
    input.events.map((e, i) => ({
      ord: i,
      type: e.type,
      from_status: e.from,
      to_status: e.to,
      data: e.data,
    })),
  );
  const main = input.mainAssignment;
  const coIds = main ? (input.coAssignments ?? []).map((c) => c.executorId) : [];
  const { rows } = await sql<{ id: number; number: string; applicant_id: number | null }>`
    WITH new_applicant AS (
      INSERT INTO applicants (full_name, phones, phone_keys, email, address, privileged_category,
                              social_status, sex)
      SELECT ${na?.fullName ?? null}::text, ${na ? na.phones : null}::text[],
             ${na ? phoneKeys(na.phones) : null}::text[], ${na?.email ?? null}::text,
             ${na?.address ?? null}::text, ${na?.privilegedCategory ?? null}::text,
             ${na?.socialStatus ?? null}::text, ${a.author_sex ?? null}::text
       WHERE ${na !== null}::boolean
      RETURNING id
    ), counter AS (
      INSERT INTO registration_counters (year, last_value) VALUES (${input.year}, 1)
      ON CONFLICT (year) DO UPDATE SET last_value = registration_counters.last_value + 1
      RETURNING last_value::text AS n
    ), appeal AS (
      INSERT INTO appeals (number, received_at, registered_at, channel, kind, subject, receipt_sign,
                           repeats_appeal_id, legal_deadline, applicant_id, question_type_id,
                           address_text, latitude, longitude, building_id, district_id, address_key,
                           address_flags, description, confidential, privileged,
                           status, result, control_date, closed_at, registered_by, updated_at,
                           work_id, author_sex, author_category, author_social_status)
      SELECT ${String(input.year)}::text || '-' || lpad(n, greatest(6, length(n)), '0'),
             ${a.received_at}::timestamptz, ${a.registered_at}::timestamptz, ${a.channel}::text,
             ${a.kind}::text, ${a.subject}::text, ${a.receipt_sign ?? 'primary'}::text,
             ${a.repeats_appeal_id ?? null}::integer, ${a.legal_deadline ?? null}::timestamptz,
             coalesce((SELECT id FROM new_applicant), ${a.applicant_id ?? null}::integer),
             ${a.question_type_id}::integer,
             ${a.address_text ?? null}::text, ${a.latitude ?? null}::double precision,
             ${a.longitude ?? null}::double precision, ${a.building_id ?? null}::integer,
             ${a.district_id ?? null}::integer, ${a.address_key ?? null}::text,
             ${a.address_flags ?? []}::text[], ${a.description}::text,
             ${a.confidential ?? false}::boolean, ${a.privileged ?? false}::boolean,
             ${a.status}::text, ${a.result ?? null}::text, ${a.control_date ?? null}::timestamptz,
             ${a.closed_at ?? null}::timestamptz, ${by}::integer, ${input.now}::timestamptz,
             ${a.work_id ?? null}::integer, ${a.author_sex ?? null}::text,
             ${a.author_category ?? null}::text, ${a.author_social_status ?? null}::text
        FROM counter
      RETURNING id, number, applicant_id
    ), main_assignment AS (
      INSERT INTO assignments (appeal_id, executor_id, role, state, instruction, control_date,
                               assigned_by, assigned_at)
      SELECT appeal.id, ${main?.executorId ?? null}::integer, 'main', 'pending',
             ${main?.instruction ?? null}::text, ${main?.controlDate ?? null}::timestamptz,
             ${by}::integer, ${input.now}::timestamptz
        FROM appeal
       WHERE ${main !== null}::boolean
    ), co_assignments AS (
      INSERT INTO assignments (appeal_id, executor_id, role, state, instruction, control_date,
                               assigned_by, assigned_at)
      SELECT appeal.id, co.executor_id, 'co', 'pending',
             ${main?.instruction ?? null}::text, ${main?.controlDate ?? null}::timestamptz,
             ${by}::integer, ${input.now}::timestamptz
        FROM appeal, unnest(${coIds}::integer[]) WITH ORDINALITY AS co(executor_id, ord)
       ORDER BY co.ord
    ), history AS (
      INSERT INTO appeal_events (appeal_id, at, actor_id, actor_label, type, from_status, to_status, data)
      SELECT appeal.id, ${input.now}::timestamptz, ${by}::integer, ${label}::text, e.type, e.from_status, e.to_status,
             CASE WHEN e.type = 'registered'
                  THEN e.data || jsonb_build_object('number', appeal.number) ELSE e.data END
        FROM appeal, jsonb_to_recordset(${events}::jsonb)
             AS e(ord integer, type text, from_status text, to_status text, data jsonb)
       ORDER BY e.ord
    ), hour_count AS (
      -- The live counts (issue 18, ADR 048): this appeal's hour × type × kind × district row + 1.
      INSERT INTO appeal_hour_counts AS c (hour, question_type_id, kind, district_id, appeals)
      SELECT date_bin('1 hour', ${a.received_at}::timestamptz, ${HOUR_ORIGIN}::timestamptz),
             ${a.question_type_id}::integer, ${a.kind}::text, coalesce(${a.district_id ?? null}::integer, 0), 1
        FROM appeal
      ON CONFLICT (hour, question_type_id, kind, district_id)
      DO UPDATE SET appeals = c.appeals + 1
    ), registration_key AS (
      INSERT INTO appeal_registration_keys (key_hash, request_hash, appeal_id, created_at)
      SELECT ${key?.keyHash ?? null}::text, ${key?.requestHash ?? null}::text, appeal.id,
             ${input.now}::timestamptz
        FROM appeal
       WHERE ${key !== null}::boolean
    )
    SELECT id, number, applicant_id FROM appeal`.execute(trx);
  const row = rows[0]!;
  return { id: row.id, number: row.number, applicantId: row.applicant_id };
}

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

/**
 * Register one appeal.
 *
 * @param input validated by `registerAppealSchema`.
 * @param idempotencyKey the request's `Idempotency-Key` (one per filled form): the same key from
 *   the same user returns the appeal it registered first (`replayed: true`) instead of a second.
 * @returns the new appeal's id, registration number, status, control date and main executor.
 * @throws AppError 400 `unknown_question_type`, `unknown_executor`, 404 `applicant_not_found`,
 *   409 `repeat_of_decided_appeal` (Art. 8, unless `acknowledgeRepeat`), 422
 *   `idempotency_key_reused`; nothing is written when any check fails.
 */
export async function registerAppeal(
  deps: Deps,
  actor: Actor,
  input: RegisterAppealInput,
  idempotencyKey?: string | null,
): Promise<RegisteredAppeal & { replayed: boolean }> {
  // No explicit transaction: the checks only read, and everything written (a new applicant, the
  // number, the appeal, its assignment and history, the request's key) is one statement, hence
  // one transaction that commits on the server without another round trip while the year's
  // counter row is locked.
  if (!idempotencyKey)
    return { ...(await registerAppealIn(deps.db, deps, actor, input)), replayed: false };
  const key = {
    keyHash: sha256(`staff:${actorId(actor) ?? 'system'}:${idempotencyKey}`),
    requestHash: sha256(JSON.stringify(input)),
  };
  const earlier = await replayRegistration(deps.db, key);
  if (earlier) return earlier;
  try {
    return { ...(await registerAppealIn(deps.db, deps, actor, input, key)), replayed: false };
  } catch (error) {
    // The same form sent twice at once: the second statement meets the first one's key.
    const again = isUniqueViolation(error) ? await replayRegistration(deps.db, key) : null;
    if (again) return again;
    throw error;
  }
}

const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');

function isUniqueViolation(error: unknown): boolean {
  return (error as { code?: unknown } | null)?.code === '23505';
}

/**
 * The appeal an earlier request with this key registered, as `registerAppeal` answered it then.
 *
 * @throws AppError 422 `idempotency_key_reused` when the key came with another request.
 */
async function replayRegistration(
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

/**
 * `registerAppeal` inside a transaction the caller holds (e.g. the moderator's registration of a
 * portal submission, which marks the submission in the same transaction), or on the pool (`db`):
 * it reads, then writes everything in its last statement (`insertNumberedAppeal`).
 */
export async function registerAppealIn(
  trx: Kysely<DB>,
  deps: Deps,
  actor: Actor,
  input: RegisterAppealInput,
  registrationKey: { keyHash: string; requestHash: string } | null = null,
): Promise<RegisteredAppeal> {
  const now = deps.now();
  const receivedAt = input.receivedAt ? new Date(input.receivedAt) : now;
  const receivedProblem = receivedAtProblem(receivedAt, now);
  if (receivedProblem) {
    throw badRequest(
      receivedProblem,
      receivedProblem === 'received_in_future'
        ? 'receivedAt is in the future (more than a minute ahead of the server’s clock).'
        : `receivedAt is before ${FIRST_SERVED_YEAR}, outside the years the system serves.`,
    );
  }
  const original =
    input.originalAppealId !== undefined
      ? await trx
          .selectFrom('appeals')
          .select(['id', 'number'])
          .where('id', '=', input.originalAppealId)
          .executeTakeFirst()
      : undefined;
  if (input.originalAppealId !== undefined && !original) {
    throw badRequest(
      'unknown_original_appeal',
      `No appeal with id ${input.originalAppealId} to be the original of this one.`,
    );
  }
  const questionType = await questionTypeForRouting(trx, input.questionTypeId, input.executorId);
  const isConsultation = input.kind === 'consultation';
  if (input.executorId !== undefined && !questionType.executor_active) {
    throw badRequest(
      'unknown_executor',
      `No active executor organisation with id ${input.executorId}.`,
    );
  }
  // The address placed in the registry (building, district, flags), then routed by it (issue 15).
  const place = await placeAddress(trx, input);
  // Issue 16: at a building active works of the question's service cover, the appeal is linked
  // to the works and not routed one by one.
  const linkedWork =
    isConsultation || input.executorId !== undefined
      ? null
      : await activeWorkForAppeal(trx, questionType.id, place.building?.id ?? null);
  const routed =
    isConsultation || input.executorId !== undefined || linkedWork
      ? null
      : await routeAppeal(trx, questionType, place);
  const executorId = isConsultation ? null : (input.executorId ?? routed?.executorId ?? null);
  if (executorId !== null && input.executorId === undefined && routed?.reason.rule === 'default') {
    if (!questionType.executor_active) {
      throw badRequest(
        'unknown_executor',
        `No active executor organisation with id ${executorId}.`,
      );
    }
  }

  // A known applicant is read; a new one is created by the final statement, with the appeal.
  // A "new" applicant with the name and a phone or e-mail of one on record is that one (a second
  // press, or a caller registered a minute ago), unless the operator says they are someone else.
  const known =
    input.applicantId !== undefined
      ? await getApplicant(trx, input.applicantId)
      : input.applicant && !input.separateApplicant
        ? await findSameApplicant(trx, {
            fullName: input.applicant.fullName,
            phone: input.applicant.phones[0] ?? null,
            email: input.applicant.email ?? null,
          })
        : null;
  const newApplicant = known === null && input.applicant ? input.applicant : null;
  const privileged = Boolean(
    (known?.privilegedCategory ?? newApplicant?.privilegedCategory)?.trim(),
  );

  // A new applicant has no earlier appeal to repeat.
  const repeatOf =
    known !== null && !isConsultation
      ? await findRepeatedAppeal(trx, {
          applicantId: known.id,
          questionTypeId: questionType.id,
          buildingId: place.building?.id ?? null,
          addressKey: place.addressKey,
          receivedAt,
        })
      : null;
  if (repeatOf?.decidedOnMerits && !input.acknowledgeRepeat) {
    throw conflict(
      'repeat_of_decided_appeal',
      `This applicant's appeal ${repeatOf.number} on the same question was already decided on the merits; ` +
        'by Art. 8 of the Law a repeated appeal need not be considered. Tell the caller, or register anyway with acknowledgeRepeat: true.',
      { number: repeatOf.number, repeatOf },
    );
  }
  const deadlines = isConsultation
    ? { legal: null, control: null }
    : await appealDeadlines(trx, deps.config.timeZone, questionType, receivedAt);
  const controlDate = input.controlDate ? new Date(input.controlDate) : deadlines.control;
  const status: AppealStatus = isConsultation ? 'closed' : 'registered';
  const result: ResultCode | null = isConsultation ? 'consultation_given' : null;

  // The history of the registration, in this order: registered, closed (a consultation),
  // assigned (routed to the main executor).
  const events: NewEvent[] = [
    {
      type: 'registered',
      from: null,
      to: 'registered',
      data: {
        channel: input.channel,
        kind: input.kind,
        questionTypeId: questionType.id,
        ...(repeatOf ? { repeatsAppealId: repeatOf.id, repeatsNumber: repeatOf.number } : {}),
        ...(original ? { originalAppealId: original.id, originalNumber: original.number } : {}),
        ...(repeatOf?.decidedOnMerits && input.repeatReason
          ? { repeatReason: input.repeatReason }
          : {}),
      },
    },
  ];
  if (isConsultation)
    events.push({ type: 'closed', from: 'registered', to: 'closed', data: { result } });
  if (executorId !== null) {
    events.push({
      type: 'assigned',
      from: 'registered',
      to: 'registered',
      data: {
        executorId,
        role: 'main',
        routed: input.executorId === undefined,
        ...(routed ? { routing: routed.reason } : {}),
      },
    });
  }
  // The rule's co-executors (issue 14, item 4): the same assignment and history event as a
  // co-executor added on the card (`assignExecutor`), so notifications and access follow.
  const coExecutorIds = executorId !== null && routed ? routed.coExecutorIds : [];
  for (const coExecutorId of coExecutorIds) {
    events.push({
      type: 'assigned',
      from: 'registered',
      to: 'registered',
      data: { executorId: coExecutorId, role: 'co', routed: true, routing: routed!.reason },
    });
  }
  if (linkedWork)
    events.push({ type: 'works_linked', from: null, to: null, data: { workId: linkedWork.id } });
  // Last, in one statement: the number (the year's counter row stays locked until commit, so
  // everything slow is done before it), the appeal, its main assignment and its history.
  const appeal = await insertNumberedAppeal(trx, {
    year: yearInZone(receivedAt, deps.config.timeZone),
    actor,
    now,
    appeal: {
      received_at: receivedAt,
      registered_at: now,
      channel: input.channel,
      kind: input.kind,
      subject: input.subject,
      receipt_sign: repeatOf && input.receiptSign === 'primary' ? 'repeated' : input.receiptSign,
      repeats_appeal_id: repeatOf?.id ?? null,
      legal_deadline: deadlines.legal,
      applicant_id: known?.id ?? null,
      question_type_id: questionType.id,
      address_text: place.addressText,
      latitude: place.latitude,
      longitude: place.longitude,
      building_id: place.building?.id ?? null,
      district_id: place.districtId,
      address_key: place.addressKey,
      address_flags: place.flags,
      description: input.description,
      confidential: input.confidential,
      privileged,
      status,
      result,
      control_date: controlDate,
      closed_at: isConsultation ? now : null,
      work_id: linkedWork?.id ?? null,
      // Classifier No. 858 (issue 17): as stated; a known applicant's sex when not stated.
      author_sex: input.authorSex ?? known?.sex ?? null,
      author_category: input.authorCategory ?? null,
      author_social_status: input.authorSocialStatus ?? null,
    },
    newApplicant,
    mainAssignment:
      executorId === null
        ? null
        : { executorId, instruction: input.instruction ?? null, controlDate },
    coAssignments: coExecutorIds.map((id) => ({ executorId: id })),
    events,
    registrationKey,
  });
  appealsRegistered.inc({ channel: input.channel });
  const number = appeal.number;
  return {
    id: appeal.id,
    number,
    status,
    controlDate,
    legalDeadline: deadlines.legal,
    executorId,
    coExecutorIds,
    repeatsAppealId: repeatOf?.id ?? null,
    applicantId: appeal.applicantId,
  };
}
