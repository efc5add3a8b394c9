/**
 * What the applicant sees when tracking (regulation 2.2.7; Law 393/96-ВР Art. 15, 19): status,
 * control date, executor organisation, result, the public timeline, and the executor's answer as
 * the controller accepted it. Never staff names, internal comments, instructions or other
 * applicants. Read by tracking.service.ts after the number and code are checked.
 */
import { publicWorkById } from '../works/works.service.js';
import { latestMainExecutor } from './public-appeals.queries.js';
import type { Kysely, Selectable } from 'kysely';
import {
  decideFeedback,
  REJECTION_REASONS,
  type RejectionReason,
  withoutRepeatedSteps,
} from '../../domain/portal.js';
import type { ResultCode } from '../../domain/results.js';
import type { AppealStatus } from '../../domain/vocabulary.js';
import type { Deps } from '../context.js';
import type { DB, SubmissionsTable } from '../db/schema.js';
import { numberSetting } from '../settings.js';
import type { TrackingView } from '../../contract/portal.schemas.js';
import { presentResult } from './portal.presenter.js';

export type Submission = Selectable<SubmissionsTable>;

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

/**
 * Joined to another person's appeal on the same problem (receipt sign «multiple»; «duplicate» is
 * the same person again): such an applicant sees the appeal's result, not its letter, and does not
 * judge it (Art. 10).
 */
export function joinedToAnothersAppeal(s: Submission): boolean {
  return s.state === 'merged' && s.receipt_sign !== 'duplicate';
}

export async function buildView(db: Kysely<DB>, deps: Deps, s: Submission): Promise<TrackingView> {
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
    state: s.state,
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
      'a.work_id',
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
    // Issue 16: the works the appeal is linked to (their public text and end).
    works: appeal.work_id === null ? null : await publicWorkById(db, appeal.work_id),
  };
  // Only the appeal's own applicant confirms or disputes its result.
  view.feedback.canGive = decision.ok && !merged;
  view.feedback.refusal = merged ? 'merged_into_other_appeal' : decision.ok ? null : decision.code;
  return view;
}
