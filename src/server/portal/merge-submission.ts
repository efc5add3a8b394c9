import { recordAppealEvent } from '../appeals/appeal-history.js';
import type { Deps, UserActor } from '../context.js';
import { conflict, notFound } from '../errors.js';
import type { MergeSubmissionInput, ModerationOutcome } from '../../contract/moderation.schemas.js';
import { trackUrl } from './tracking-numbers.js';
import { lockPending, markModerated, movePhotos, notifyApplicant } from './moderation-steps.js';

/**
 * Merge a submission into an open appeal on the same problem: the submission is linked with the
 * receipt sign (duplicate: the same person again; multiple: another person), its photos join the
 * appeal, and the applicant follows that appeal.
 *
 * @throws AppError 404 `submission_not_found`, `appeal_not_found`; 409
 *   `submission_already_moderated`, `appeal_closed` (a decided question: reject as repeated, Art. 8,
 *   or register a new appeal).
 */
export async function mergeSubmission(
  deps: Deps,
  actor: UserActor,
  submissionId: number,
  input: MergeSubmissionInput,
): Promise<ModerationOutcome> {
  return deps.db.transaction().execute(async (trx) => {
    const now = deps.now();
    const s = await lockPending(trx, submissionId);
    const appeal = await trx
      .selectFrom('appeals')
      .select(['id', 'number', 'status'])
      .where('id', '=', input.appealId)
      .forUpdate()
      .executeTakeFirst();
    if (!appeal) throw notFound('appeal', input.appealId);
    const status = appeal.status;
    if (status === 'closed') {
      throw conflict(
        'appeal_closed',
        `Appeal ${appeal.number} is closed; merge only into an open appeal. For a question already decided reject the submission as repeated (Art. 8), or register it.`,
      );
    }
    const photoIds = await movePhotos(trx, s.id, appeal.id);
    await markModerated(trx, s, actor, now, {
      state: 'merged',
      appealId: appeal.id,
      receiptSign: input.receiptSign,
      comment: input.comment,
    });
    await trx.updateTable('appeals').set({ updated_at: now }).where('id', '=', appeal.id).execute();
    await recordAppealEvent(trx, {
      appealId: appeal.id,
      actor,
      at: now,
      type: 'submission_merged',
      from: status,
      to: status,
      comment: input.comment ?? null,
      data: {
        submissionId: s.id,
        trackingNumber: s.tracking_number,
        channel: s.channel,
        receiptSign: input.receiptSign,
        photoIds,
      },
    });
    await notifyApplicant(
      trx,
      deps,
      s,
      {
        dedupeKey: `submission_merged:${s.id}`,
        kind: 'submission_merged',
        appealId: appeal.id,
        params: {
          number: s.tracking_number,
          appealNumber: appeal.number,
          link: trackUrl(deps, s.tracking_number),
        },
      },
      now,
    );
    return {
      submissionId: s.id,
      state: 'merged',
      appeal: {
        id: appeal.id,
        number: appeal.number,
        status,
        receiptSign: input.receiptSign,
      },
    };
  });
}
