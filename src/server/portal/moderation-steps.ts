/**
 * What registering, merging and rejecting a submission share: the pending submission's row lock,
 * marking it moderated, moving its photos onto the appeal, and the e-mail to the applicant.
 */
import type { Kysely, Selectable } from 'kysely';
import { REJECTION_REASONS } from '../../domain/portal.js';
import type { Deps, UserActor } from '../context.js';
import type { DB, SubmissionsTable } from '../db/schema.js';
import { conflict, notFound } from '../errors.js';
import { loadCalendar } from '../calendar/calendar.repository.js';
import { enqueueNotifications, type NewNotification } from '../notifications/outbox.js';

export type Submission = Selectable<SubmissionsTable>;

/** @throws AppError 404 `submission_not_found`; 409 `submission_already_moderated`. */
export async function lockPending(trx: Kysely<DB>, id: number): Promise<Submission> {
  const row = await trx
    .selectFrom('submissions')
    .selectAll()
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirst();
  if (!row) throw notFound('submission', id);
  if (row.state !== 'pending') {
    throw conflict(
      'submission_already_moderated',
      `Submission ${row.tracking_number} was already ${row.state}.`,
      { state: row.state, appealId: row.appeal_id },
    );
  }
  return row;
}

export async function markModerated(
  trx: Kysely<DB>,
  submission: Submission,
  actor: UserActor,
  now: Date,
  change: {
    state: 'registered' | 'merged' | 'rejected';
    appealId?: number;
    receiptSign?: 'duplicate' | 'multiple';
    rejectionReason?: keyof typeof REJECTION_REASONS;
    comment?: string | undefined;
    questionTypeId?: number;
  },
): Promise<void> {
  await trx
    .updateTable('submissions')
    .set({
      state: change.state,
      appeal_id: change.appealId ?? null,
      receipt_sign: change.receiptSign ?? null,
      rejection_reason: change.rejectionReason ?? null,
      moderation_comment: change.comment ?? null,
      moderated_by: actor.id,
      moderated_at: now,
      ...(change.questionTypeId ? { question_type_id: change.questionTypeId } : {}),
    })
    .where('id', '=', submission.id)
    .execute();
}

/** The photos of a submission become the appeal's; returns their ids. */
export async function movePhotos(trx: Kysely<DB>, submissionId: number, appealId: number) {
  const moved = await trx
    .updateTable('attachments')
    .set({ appeal_id: appealId })
    .where('submission_id', '=', submissionId)
    .returning('id')
    .execute();
  return moved.map((m) => m.id);
}

export async function notifyApplicant(
  trx: Kysely<DB>,
  deps: Deps,
  submission: Submission,
  notification: Omit<NewNotification, 'recipientEmail' | 'locale'>,
  now: Date,
): Promise<void> {
  if (!submission.applicant_email) return;
  await enqueueNotifications(
    trx,
    [
      {
        ...notification,
        recipientEmail: submission.applicant_email,
        locale: submission.locale === 'en' ? 'en' : 'uk',
      },
    ],
    { now, calendar: await loadCalendar(trx, deps.config.timeZone, now) },
  );
}
