/**
 * Tracking by number and access code, and the applicant's feedback (regulation 2.2.7; Law
 * 393/96-ВР Art. 15, 19: the result is notified to the applicant).
 *
 * The number is the submission's tracking number (P-…) or, once registered, the appeal's
 * registration number; the access code of the receipt proves the asker is the applicant. A wrong
 * code and an unknown number answer alike (404 `tracking_not_found`), and too many wrong codes lock
 * the number (429 `too_many_attempts`, access-codes.ts).
 *
 * What the applicant sees: status, control date, executor organisation, result, the timeline of
 * statuses, and the executor's answer as the controller accepted it (the last response before the
 * accepting review). Never staff names, internal comments, instructions or other applicants.
 */
import { latestMainExecutor } from './public-appeals.queries.js';
import type { Kysely, Selectable } from 'kysely';
import {
  decideTransition,
  isActiveAssignment,
  nextAssignmentState,
} from '../../domain/appeal-lifecycle.js';
import {
  decideFeedback,
  REJECTION_REASONS,
  type RejectionReason,
  resultAfterConfirmation,
  type SubmissionState,
  TRACKING_NUMBER_PATTERN,
  trackingKey,
  withoutRepeatedSteps,
} from '../../domain/portal.js';
import type { ResultCode } from '../../domain/results.js';
import { REGISTRATION_NUMBER_PATTERN } from '../../domain/text.js';
import type { AppealStatus } from '../../domain/vocabulary.js';
import { recordAppealEvent } from '../appeals/appeal-history.js';
import type { Deps, SystemActor } from '../context.js';
import type { DB, SubmissionsTable } from '../db/schema.js';
import type { Readable } from 'node:stream';
import { AppError, conflict, notFound } from '../errors.js';
import { numberSetting } from '../settings.js';
import {
  accessCodeMatches,
  assertTrackingNotLocked,
  clearFailedAttempts,
  recordFailedAttempt,
} from './access-codes.js';
import type { FeedbackInput, TrackingView } from '../../contract/portal.schemas.js';
import { presentResult } from './portal.presenter.js';

type Submission = Selectable<SubmissionsTable>;

/** Events shown on the public timeline (the rest are staff-internal). */
const TIMELINE_EVENTS = new Set([
  'registered',
  'imported',
  'accepted',
  'responded',
  'returned_for_rework',
  'review_accepted',
  'cancelled',
  'closed',
  'disputed_by_applicant',
  'confirmed_by_applicant',
  'submission_merged',
]);

const notFoundError = () =>
  new AppError(
    'tracking_not_found',
    404,
    'No appeal with this number and access code. Check both as written on your receipt.',
  );

/**
 * The submission a number and code open.
 * @throws AppError 404 `tracking_not_found`; 429 `too_many_attempts`.
 */
async function findTracked(
  deps: Deps,
  number: string,
  accessCode: string,
  client: string,
): Promise<Submission> {
  await assertTrackingNotLocked(deps, number, client);
  const key = trackingKey(number);
  let candidates: Submission[] = [];
  if (TRACKING_NUMBER_PATTERN.test(key)) {
    candidates = await deps.db
      .selectFrom('submissions')
      .selectAll()
      .where('tracking_number', '=', key)
      .where('access_code_hash', 'is not', null)
      .execute();
  } else if (REGISTRATION_NUMBER_PATTERN.test(key)) {
    candidates = await deps.db
      .selectFrom('submissions as s')
      .innerJoin('appeals as a', 'a.id', 's.appeal_id')
      .selectAll('s')
      .where('a.number', '=', key)
      .where('s.access_code_hash', 'is not', null)
      .orderBy('s.id')
      .limit(20)
      .execute();
  }
  for (const candidate of candidates) {
    if (await accessCodeMatches(candidate.access_code_hash, accessCode)) {
      await clearFailedAttempts(deps, number, client);
      return candidate;
    }
  }
  if (candidates.length === 0) await accessCodeMatches(null, accessCode); // same work either way
  await recordFailedAttempt(deps, number, client);
  throw notFoundError();
}

/**
 * One of the applicant's own photos, opened by the number and access code (a POST, so the code
 * stays out of URLs and logs; the page shows it from a blob). Only the photos sent with this
 * submission: never the executor's files or another applicant's.
 * @throws AppError 404 `tracking_not_found`, `attachment_not_found`; 429 `too_many_attempts`.
 */
export async function readTrackedPhoto(
  deps: Deps,
  number: string,
  accessCode: string,
  photoId: number,
  client: string,
): Promise<{ stream: Readable; mediaType: string; sizeBytes: number }> {
  const submission = await findTracked(deps, number, accessCode, client);
  const photo = await deps.db
    .selectFrom('attachments')
    .select(['storage_key', 'media_type', 'size_bytes'])
    .where('id', '=', photoId)
    .where('submission_id', '=', submission.id)
    .executeTakeFirst();
  if (!photo) throw notFound('attachment', photoId);
  return {
    stream: await deps.files.read(photo.storage_key),
    mediaType: photo.media_type,
    sizeBytes: photo.size_bytes,
  };
}

/**
 * Joined to another person's appeal on the same problem (receipt sign «multiple»; «duplicate» is
 * the same person again): such an applicant sees the appeal's result, not its letter, and does not
 * judge it (Art. 10).
 */
function joinedToAnothersAppeal(s: Submission): boolean {
  return s.state === 'merged' && s.receipt_sign !== 'duplicate';
}

async function buildView(db: Kysely<DB>, deps: Deps, s: Submission): Promise<TrackingView> {
  const questionType = await db
    .selectFrom('question_types')
    .select(['id', 'name', 'name_en'])
    .where('id', '=', s.question_type_id)
    .executeTakeFirstOrThrow();
  const photos = await db
    .selectFrom('attachments')
    .select(['id', 'file_name', 'media_type', 'size_bytes'])
    .where('submission_id', '=', s.id)
    .orderBy('id')
    .execute();
  const feedbackRows = await db
    .selectFrom('appeal_feedback')
    .select(['verdict', 'rating', 'created_at'])
    .where('submission_id', '=', s.id)
    .orderBy('id')
    .execute();
  const view: TrackingView = {
    trackingNumber: s.tracking_number,
    submittedAt: s.received_at.toISOString(),
    state: s.state as SubmissionState,
    questionType: { id: questionType.id, name: questionType.name, nameEn: questionType.name_en },
    description: s.description,
    address: s.address_text,
    photos: photos.length,
    photoFiles: photos.map((p) => ({
      id: p.id,
      fileName: p.file_name,
      mediaType: p.media_type,
      sizeBytes: p.size_bytes,
    })),
    rejection: s.rejection_reason
      ? {
          reason: s.rejection_reason as RejectionReason,
          explanation:
            REJECTION_REASONS[s.rejection_reason as RejectionReason][
              s.locale === 'en' ? 'en' : 'uk'
            ],
          comment: s.moderation_comment,
        }
      : null,
    appeal: null,
    feedback: {
      canGive: false,
      refusal: s.appeal_id === null ? 'appeal_not_registered' : null,
      given: feedbackRows.map((f) => ({
        verdict: f.verdict as 'confirm' | 'dispute',
        rating: f.rating,
        at: f.created_at.toISOString(),
      })),
    },
  };
  if (s.appeal_id === null) return view;

  const appeal = await db
    .selectFrom('appeals as a')
    .leftJoinLateral(latestMainExecutor, (join) => join.onTrue())
    .leftJoin('organisations as o', 'o.id', 'm.executor_id')
    .select([
      'a.id',
      'a.number',
      'a.status',
      'a.result',
      'a.registered_at',
      'a.control_date',
      'a.closed_at',
      'o.name as executor_name',
    ])
    .where('a.id', '=', s.appeal_id)
    .executeTakeFirstOrThrow();
  const accepted = await db
    .selectFrom('reviews as v')
    .innerJoin('responses as r', 'r.id', 'v.response_id')
    .select(['r.text', 'v.created_at'])
    .where('v.appeal_id', '=', appeal.id)
    .where('v.decision', '=', 'accept')
    .orderBy('v.id', 'desc')
    .executeTakeFirst();
  const events = await db
    .selectFrom('appeal_events')
    .select(['at', 'type', 'to_status'])
    .where('appeal_id', '=', appeal.id)
    .where('to_status', 'is not', null)
    .orderBy('at')
    .orderBy('id')
    .execute();
  const status = appeal.status;
  const merged = joinedToAnothersAppeal(s);
  const lastOwn = feedbackRows.at(-1)?.created_at ?? null;
  const decision = decideFeedback({
    status,
    result: appeal.result as ResultCode | null,
    closedAt: appeal.closed_at,
    lastFeedbackAt: lastOwn,
    now: deps.now(),
    windowDays: await numberSetting(db, 'feedback_window_days', 30),
  });
  view.appeal = {
    number: appeal.number,
    status,
    registeredAt: appeal.registered_at.toISOString(),
    controlDate: appeal.control_date?.toISOString() ?? null,
    executor: appeal.executor_name,
    result: status === 'closed' ? presentResult(appeal.result) : null,
    closedAt: appeal.closed_at?.toISOString() ?? null,
    // The answer is addressed to the appeal's own applicant and may name them: a submission merged
    // into someone else's appeal sees the result, not the letter (Art. 10).
    answer:
      status === 'closed' && accepted && !merged
        ? { text: accepted.text, at: accepted.created_at.toISOString() }
        : null,
    timeline: withoutRepeatedSteps(
      events
        .filter((e) => TIMELINE_EVENTS.has(e.type))
        .map((e) => ({
          at: e.at.toISOString(),
          status: e.to_status as AppealStatus,
          event: e.type,
        })),
    ),
  };
  // Only the appeal's own applicant confirms or disputes its result.
  view.feedback.canGive = decision.ok && !merged;
  view.feedback.refusal = merged ? 'merged_into_other_appeal' : decision.ok ? null : decision.code;
  return view;
}

/**
 * What the applicant sees of their submission and appeal.
 * @throws AppError 404 `tracking_not_found`; 429 `too_many_attempts`.
 */
export async function trackSubmission(
  deps: Deps,
  number: string,
  accessCode: string,
  client: string,
): Promise<TrackingView> {
  const submission = await findTracked(deps, number, accessCode, client);
  return buildView(deps.db, deps, submission);
}

/**
 * The applicant confirms or disputes the result of the closed appeal and rates it 1–5. A
 * confirmation of «done, awaiting confirmation» makes it «done, confirmed»; a dispute reopens the
 * appeal to the controller (lifecycle `dispute`: closed → on_check; the main executor's accepted
 * answer is checked again). Both are events in the appeal's history.
 *
 * @throws AppError 404 `tracking_not_found`; 429 `too_many_attempts`; 409 `appeal_not_registered`,
 *   `merged_into_other_appeal` (only the appeal's own applicant judges it), `appeal_not_closed`, `result_not_rated`, `feedback_window_passed`, `feedback_already_given`,
 *   `dispute_not_possible` (no executor's answer to check again).
 */
export async function giveFeedback(
  deps: Deps,
  input: FeedbackInput,
  client: string,
): Promise<TrackingView> {
  const submission = await findTracked(deps, input.number, input.accessCode, client);
  if (submission.appeal_id === null) {
    throw conflict(
      'appeal_not_registered',
      'The submission has not become an appeal (yet); there is no result to rate.',
    );
  }
  if (joinedToAnothersAppeal(submission)) {
    throw conflict(
      'merged_into_other_appeal',
      'Your submission was joined to another applicant’s appeal on the same problem; only that applicant confirms or disputes its result. If the problem remains, submit a new appeal.',
    );
  }
  const appealId = submission.appeal_id;
  const actor: SystemActor = {
    kind: 'system',
    label: `applicant (portal, ${submission.tracking_number})`,
  };
  await deps.db.transaction().execute(async (trx) => {
    const now = deps.now();
    const appeal = await trx
      .selectFrom('appeals')
      .selectAll()
      .where('id', '=', appealId)
      .forUpdate()
      .executeTakeFirstOrThrow();
    const last = await trx
      .selectFrom('appeal_feedback')
      .select('created_at')
      .where('submission_id', '=', submission.id)
      .where('appeal_id', '=', appealId)
      .orderBy('id', 'desc')
      .executeTakeFirst();
    const status = appeal.status;
    const result = appeal.result as ResultCode | null;
    const decision = decideFeedback({
      status,
      result,
      closedAt: appeal.closed_at,
      lastFeedbackAt: last?.created_at ?? null,
      now,
      windowDays: await numberSetting(trx, 'feedback_window_days', 30),
    });
    if (!decision.ok) throw conflict(decision.code, decision.message);
    const ratedResult = result!;
    await trx
      .insertInto('appeal_feedback')
      .values({
        appeal_id: appealId,
        submission_id: submission.id,
        verdict: input.verdict,
        rating: input.rating,
        comment: input.comment ?? null,
        result: ratedResult,
        created_at: now,
      })
      .execute();

    if (input.verdict === 'confirm') {
      const confirmed = resultAfterConfirmation(ratedResult);
      if (confirmed !== ratedResult) {
        await trx
          .updateTable('appeals')
          .set({ result: confirmed, updated_at: now })
          .where('id', '=', appealId)
          .execute();
      }
      await recordAppealEvent(trx, {
        appealId,
        actor,
        at: now,
        type: 'confirmed_by_applicant',
        from: status,
        to: status,
        comment: input.comment ?? null,
        data: {
          submissionId: submission.id,
          rating: input.rating,
          result: ratedResult,
          ...(confirmed !== ratedResult ? { newResult: confirmed } : {}),
        },
      });
      return;
    }

    const transition = decideTransition(
      { status, reworkCount: appeal.rework_count, hasMainAssignment: false },
      'dispute',
    );
    if (!transition.ok) throw conflict(transition.code, transition.message);
    const main = await trx
      .selectFrom('assignments')
      .select(['id', 'state'])
      .where('appeal_id', '=', appealId)
      .where('role', '=', 'main')
      .where('state', '=', 'done')
      .orderBy('id', 'desc')
      .executeTakeFirst();
    const activeMain = await trx
      .selectFrom('assignments')
      .select(['id', 'state'])
      .where('appeal_id', '=', appealId)
      .where('role', '=', 'main')
      .where('state', 'in', ['pending', 'in_work', 'responded', 'rework'])
      .executeTakeFirst();
    const reopened = main ? nextAssignmentState(main.state, 'reopen') : null;
    if (!main || !reopened || activeMain || !isActiveAssignment(reopened)) {
      throw conflict(
        'dispute_not_possible',
        'This appeal has no executor’s answer to check again; please submit a new appeal describing the problem.',
      );
    }
    await trx
      .updateTable('assignments')
      .set({ state: reopened, finished_at: null })
      .where('id', '=', main.id)
      .execute();
    await trx
      .updateTable('appeals')
      .set({ status: transition.to, result: null, closed_at: null, updated_at: now })
      .where('id', '=', appealId)
      .execute();
    await recordAppealEvent(trx, {
      appealId,
      actor,
      at: now,
      type: 'disputed_by_applicant',
      from: status,
      to: transition.to,
      comment: input.comment ?? null,
      data: {
        submissionId: submission.id,
        rating: input.rating,
        disputedResult: ratedResult,
        assignmentId: main.id,
      },
    });
  });
  const fresh = await deps.db
    .selectFrom('submissions')
    .selectAll()
    .where('id', '=', submission.id)
    .executeTakeFirstOrThrow();
  return buildView(deps.db, deps, fresh);
}
