/**
 * Register an appeal (regulation 3.1.2): give it a registration number, route it to the default
 * executor of its question type with a control date, and write its history — in one transaction.
 * A consultation (regulation 3.1.1) is registered and closed at once with "consultation given".
 * This file holds the use case (its checks, routing, applicant, repeat check and history); the one
 * write statement is in `numbered-appeal.queries.ts`, the question type, executor and deadline reads
 * in `registration-steps.ts`, the grouping of registrations that arrive together in
 * `registration-groups.ts`, and the Idempotency-Key replay in `registration-replay.ts`.
 */
import { FIRST_SERVED_YEAR, receivedAtProblem } from '../../domain/client-values.js';
import type { Kysely } from 'kysely';
import { yearInZone } from '../../domain/deadlines.js';
import { findRepeatedAppeal } from './repeated-appeals.queries.js';
import { routeAppeal } from './route-appeal.js';
import { placeAddress } from '../addresses/place-address.js';
import type { AppealStatus } from '../../domain/vocabulary.js';
import type { ResultCode } from '../../domain/results.js';
import { findSameApplicant, getApplicant } from '../applicants/applicants.service.js';
import type { Actor, Deps } from '../context.js';
import { actorId } from '../context.js';
import type { DB } from '../db/schema.js';
import { badRequest, conflict } from '../errors.js';
import { appealsRegistered } from '../ops/metrics.js';
import type { RegisterAppealInput } from '../../contract/appeal-registration.schemas.js';
import { activeWorkForAppeal } from '../works/works-linking.js';
import type { NewEvent } from './numbered-appeal.queries.js';
import { insertNumberedAppeal } from './registration-groups.js';
import {
  appealDeadlines,
  questionTypeForRouting,
  type RegisteredAppeal,
} from './registration-steps.js';
import { isUniqueViolation, replayRegistration } from './registration-replay.js';
import { sha256 } from '../sha256.js';
import { newAccessCode } from '../portal/access-codes.js';
import {
  getsStaffTrackingCode,
  isStaffTrackedAppeal,
  type IssuedTrackingCode,
  issueStaffTrackingCode,
  mailTrackingCode,
} from '../portal/staff-tracking.service.js';

/**
 * Register one appeal.
 *
 * @param input validated by `registerAppealSchema`.
 * @param idempotencyKey the request's `Idempotency-Key` (one per filled form): the same key from
 *   the same user returns the appeal it registered first (`replayed: true`) instead of a second.
 * @param options.trackingCode issue the caller's tracking code (issue 12 item 16) where the appeal
 *   gets one (`getsStaffTrackingCode`): written by the registration's one statement, e-mailed
 *   after it when the applicant gave an address; a replayed registration gets a new code.
 * @returns the new appeal's id, registration number, status, control date, main executor and
 *   (with `options.trackingCode`) the code to read out, or null.
 * @throws AppError 400 `unknown_question_type`, `unknown_executor`, 404 `applicant_not_found`,
 *   409 `repeat_of_decided_appeal` (Art. 8, unless `acknowledgeRepeat`), 422
 *   `idempotency_key_reused`; nothing is written when any check fails.
 */
export async function registerAppeal(
  deps: Deps,
  actor: Actor,
  input: RegisterAppealInput,
  idempotencyKey?: string | null,
  options: { trackingCode?: boolean } = {},
): Promise<RegisteredAppeal & { replayed: boolean; tracking: IssuedTrackingCode | null }> {
  // No explicit transaction: the checks only read, and everything written (a new applicant, the
  // number, the appeal, its assignment, history and tracking code, the request's key) is one
  // statement, hence one transaction that commits on the server without another round trip
  // while the year's counter row is locked.
  const trackingCode = options.trackingCode ?? false;
  if (!idempotencyKey)
    return {
      ...(await registerAppealIn(deps.db, deps, actor, input, null, { trackingCode })),
      replayed: false,
    };
  const key = {
    keyHash: sha256(`staff:${actorId(actor) ?? 'system'}:${idempotencyKey}`),
    requestHash: sha256(JSON.stringify(input)),
  };
  // A replayed registration gets a new code: the first answer (and its code) never arrived.
  const replayed = async (earlier: RegisteredAppeal & { replayed: true }) => ({
    ...earlier,
    tracking: trackingCode ? await issueStaffTrackingCode(deps, actor, earlier.id) : null,
  });
  const earlier = await replayRegistration(deps.db, key);
  if (earlier) return replayed(earlier);
  try {
    return {
      ...(await registerAppealIn(deps.db, deps, actor, input, key, { trackingCode })),
      replayed: false,
    };
  } catch (error) {
    // The same form sent twice at once: the second statement meets the first one's key.
    const again = isUniqueViolation(error) ? await replayRegistration(deps.db, key) : null;
    if (again) return replayed(again);
    throw error;
  }
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
  options: { trackingCode?: boolean } = {},
): Promise<RegisteredAppeal & { tracking: IssuedTrackingCode | null }> {
  const now = deps.now();
  // The tracking code's hash (~1 ms of argon2 in the thread pool) is made while the reads below
  // wait for the database; the applicant's name and contact are checked once the applicant is read.
  const mayTrack = options.trackingCode === true && isStaffTrackedAppeal(input);
  const codeMade = mayTrack ? newAccessCode(null) : null;
  // An unused code's rejection must not go unhandled while the reads run.
  codeMade?.catch(() => {});
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
  // Who the tracking row names: the applicant on record, or the new one.
  const tracked = known ?? newApplicant;
  const trackedApplicant = tracked && {
    name: tracked.fullName,
    email: tracked.email ?? null,
    phone: tracked.phones[0] ?? null,
    address: tracked.address ?? null,
  };
  const code =
    codeMade &&
    trackedApplicant &&
    getsStaffTrackingCode({
      ...input,
      applicantName: trackedApplicant.name,
      applicantEmail: trackedApplicant.email,
      applicantPhone: trackedApplicant.phone,
    })
      ? await codeMade
      : null;
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
      intake_seconds: input.intakeSeconds ?? null,
    },
    newApplicant,
    mainAssignment:
      executorId === null
        ? null
        : { executorId, instruction: input.instruction ?? null, controlDate },
    coAssignments: coExecutorIds.map((id) => ({ executorId: id })),
    events,
    registrationKey,
    trackingCode:
      code && trackedApplicant
        ? {
            accessCodeHash: code.hash,
            trackingYear: yearInZone(now, deps.config.timeZone),
            applicant: trackedApplicant,
          }
        : null,
  });
  appealsRegistered.inc({ channel: input.channel });
  const number = appeal.number;
  const tracking =
    code && appeal.trackingSubmissionId !== null
      ? {
          number,
          accessCode: code.display,
          emailed: await mailTrackingCode(deps, trx, {
            submissionId: appeal.trackingSubmissionId,
            appealId: appeal.id,
            number,
            code,
            email: trackedApplicant?.email ?? null,
            questionType: questionType.name,
            now,
          }),
        }
      : null;
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
    tracking,
  };
}
