/** A step of the appeal's lifecycle (module doc of `appeal-actions.ts`). */
import { isActiveAssignment } from '../../domain/appeal-lifecycle.js';
import type { Deps, UserActor } from '../context.js';
import { recordAppealEvent } from './appeal-history.js';
import {
  loadForUpdate,
  decide,
  setAssignmentState,
  setAppealStatus,
  type ActionOutcome,
} from './appeal-steps.js';

/**
 * Cancel an open appeal at the applicant's request: it closes with "cancelled by the applicant"
 * and every active assignment is withdrawn.
 */
export async function cancelAppeal(
  deps: Deps,
  actor: UserActor,
  appealId: number,
  comment: string,
): Promise<ActionOutcome> {
  return deps.db.transaction().execute(async (trx) => {
    const now = deps.now();
    const loaded = await loadForUpdate(trx, actor, appealId);
    const decision = await decide(trx, loaded, 'cancel');
    for (const assignment of loaded.assignments) {
      if (isActiveAssignment(assignment.state)) {
        await setAssignmentState(trx, assignment, 'withdraw', now);
      }
    }
    await setAppealStatus(trx, loaded.appeal, decision.to, now, {
      result: 'cancelled_by_applicant',
    });
    await recordAppealEvent(trx, {
      appealId,
      actor,
      at: now,
      type: 'cancelled',
      from: loaded.appeal.status,
      to: decision.to,
      comment,
      data: { result: 'cancelled_by_applicant' },
    });
    return { appealId, status: decision.to };
  });
}
