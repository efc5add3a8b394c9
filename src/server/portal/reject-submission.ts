import { REJECTION_REASONS } from '../../domain/portal.js';
import type { Deps, UserActor } from '../context.js';
import type {
  ModerationOutcome,
  RejectSubmissionInput,
} from '../../contract/moderation.schemas.js';
import { lockPending, markModerated, notifyApplicant } from './moderation-steps.js';

/**
 * Reject a submission with a reason; the applicant receives the reasoned refusal with the article
 * of the Law and how to appeal it (Art. 15, 19). No appeal is created.
 *
 * @throws AppError 404 `submission_not_found`; 409 `submission_already_moderated`.
 */
export async function rejectSubmission(
  deps: Deps,
  actor: UserActor,
  submissionId: number,
  input: RejectSubmissionInput,
): Promise<ModerationOutcome> {
  return deps.db.transaction().execute(async (trx) => {
    const now = deps.now();
    const s = await lockPending(trx, submissionId);
    await markModerated(trx, s, actor, now, {
      state: 'rejected',
      rejectionReason: input.reason,
      comment: input.comment,
    });
    const locale = s.locale === 'en' ? 'en' : 'uk';
    const explanation = REJECTION_REASONS[input.reason][locale];
    await notifyApplicant(
      trx,
      deps,
      s,
      {
        dedupeKey: `submission_rejected:${s.id}`,
        kind: 'submission_rejected',
        params: {
          number: s.tracking_number,
          text: input.comment ? `${explanation}\n${input.comment}` : explanation,
        },
      },
      now,
    );
    return { submissionId: s.id, state: 'rejected', appeal: null };
  });
}
