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
import {
  decideFeedback,
  resultAfterConfirmation,
  TRACKING_NUMBER_PATTERN,
  trackingKey,
} from '../../domain/portal.js';
import type { ResultCode } from '../../domain/results.js';
import { REGISTRATION_NUMBER_PATTERN } from '../../domain/text.js';
import { recordAppealEvent } from '../appeals/appeal-history.js';
import type { Deps, SystemActor } from '../context.js';
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
import { reopenForCheck } from './reopen-for-check.js';
import { buildView, joinedToAnothersAppeal, type Submission } from './tracking-view.js';

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

    await reopenForCheck(trx, {
      appeal: { id: appealId, status, rework_count: appeal.rework_count },
      actor,
      now,
      eventType: 'disputed_by_applicant',
      comment: input.comment ?? null,
      data: { submissionId: submission.id, rating: input.rating, disputedResult: ratedResult },
    });
  });
  const fresh = await deps.db
    .selectFrom('submissions')
    .selectAll()
    .where('id', '=', submission.id)
    .executeTakeFirstOrThrow();
  return buildView(deps.db, deps, fresh);
}
