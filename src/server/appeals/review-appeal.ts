/** A step of the appeal's lifecycle (module doc of `appeal-actions.ts`). */
import { isActiveAssignment } from '../../domain/appeal-lifecycle.js';
import type { Deps, UserActor } from '../context.js';
import { AppError } from '../errors.js';
import { recordAppealEvent } from './appeal-history.js';
import { followMassLead } from './follow-mass-lead.js';
import type { ReviewInput } from '../../contract/appeals.schemas.js';
import { notifyApplicantsOfResult } from '../notifications/result-notifications.js';
import {
  loadForUpdate,
  activeMain,
  decide,
  setAssignmentState,
  setAppealStatus,
  type ActionOutcome,
} from './appeal-steps.js';

/**
 * The controller's review of the executor's response (regulation 4.1.4): accept with a result
 * (the appeal closes), or return for rework with a comment (the appeal stays on control).
 * @throws AppError 409 `transition_not_allowed` (not on check), `rework_limit_reached`.
 */
export async function reviewAppeal(
  deps: Deps,
  actor: UserActor,
  appealId: number,
  input: ReviewInput,
): Promise<ActionOutcome> {
  return deps.db.transaction().execute(async (trx) => {
    const now = deps.now();
    const loaded = await loadForUpdate(trx, actor, appealId);
    const action = input.decision === 'accept' ? 'review_accept' : 'review_rework';
    const decision = await decide(trx, loaded, action);
    const main = activeMain(loaded.assignments);
    if (!main) throw new AppError('no_main_assignment', 409, 'The appeal has no main executor.');
    const lastResponse = await trx
      .selectFrom('responses')
      .select('id')
      .where('assignment_id', '=', main.id)
      .orderBy('id', 'desc')
      .executeTakeFirst();

    await setAssignmentState(trx, main, action, now);
    if (input.decision === 'accept') {
      for (const co of loaded.assignments) {
        if (co.id === main.id || !isActiveAssignment(co.state)) continue;
        await setAssignmentState(
          trx,
          co,
          co.state === 'responded' ? 'review_accept' : 'withdraw',
          now,
        );
      }
    }
    await setAppealStatus(trx, loaded.appeal, decision.to, now, {
      reworkCount: decision.reworkCount,
      ...(input.decision === 'accept' ? { result: input.result } : {}),
    });
    await trx
      .insertInto('reviews')
      .values({
        appeal_id: appealId,
        response_id: lastResponse?.id ?? null,
        reviewer_id: actor.id,
        decision: input.decision,
        result: input.decision === 'accept' ? input.result : null,
        comment: input.comment ?? null,
        created_at: now,
      })
      .execute();
    await recordAppealEvent(trx, {
      appealId,
      actor,
      at: now,
      type: input.decision === 'accept' ? 'review_accepted' : 'returned_for_rework',
      from: loaded.appeal.status,
      to: decision.to,
      comment: input.comment ?? null,
      data:
        input.decision === 'accept'
          ? { result: input.result, responseId: lastResponse?.id ?? null }
          : { reworkCount: decision.reworkCount, responseId: lastResponse?.id ?? null },
    });
    // Issue 16: the members of a mass appeal this one leads follow the review.
    const members = await followMassLead(
      trx,
      actor,
      appealId,
      {
        action,
        result: input.decision === 'accept' ? input.result : null,
        comment: input.comment ?? null,
        reviewerId: actor.id,
      },
      now,
    );
    if (input.decision === 'accept') {
      await notifyApplicantsOfResult(trx, deps, loaded.appeal, input.result, now);
      for (const member of members) {
        if (member.status === 'closed')
          await notifyApplicantsOfResult(trx, deps, member, input.result, now);
      }
    }
    return { appealId, status: decision.to };
  });
}
