/**
 * The contact centre ends a co-executor's assignment (its part is no longer needed, or it was
 * added by mistake): the assignment becomes `withdrawn`, the appeal's status does not change, and
 * the history says who ended it and why. The main executor is never ended this way — it answers,
 * or returns the appeal as not in its competence (Art. 7), and the centre re-routes it.
 */
import { isActiveAssignment, nextAssignmentState } from '../../domain/appeal-lifecycle.js';
import type { Deps, UserActor } from '../context.js';
import { conflict, notFound } from '../errors.js';
import { recordAppealEvent } from './appeal-history.js';
import { lockVisibleAppeal } from './lock-visible-appeal.js';
import type { ActionOutcome } from './appeal-actions.js';

export interface EndCoAssignmentInput {
  appealId: number;
  assignmentId: number;
  comment?: string | undefined;
}

/**
 * @throws AppError 404 `appeal_not_found`, `assignment_not_found` (not an assignment of this
 *   appeal); 409 `transition_not_allowed` (the main assignment, one already ended, or a closed
 *   appeal).
 */
export async function endCoAssignment(
  deps: Deps,
  actor: UserActor,
  input: EndCoAssignmentInput,
): Promise<ActionOutcome> {
  return deps.db.transaction().execute(async (trx) => {
    const now = deps.now();
    const loaded = await lockVisibleAppeal(trx, actor, input.appealId);
    const assignment = loaded.assignments.find((a) => a.id === input.assignmentId);
    if (!assignment) throw notFound('assignment', input.assignmentId);
    const status = loaded.appeal.status;
    if (assignment.role !== 'co') {
      throw conflict(
        'transition_not_allowed',
        'Only a co-executor’s assignment is ended here; the main executor answers or returns the appeal.',
      );
    }
    if (status === 'closed') {
      throw conflict('transition_not_allowed', 'The appeal is closed; its assignments are final.');
    }
    const to = nextAssignmentState(assignment.state, 'withdraw');
    if (!isActiveAssignment(assignment.state) || to === null) {
      throw conflict(
        'transition_not_allowed',
        `The assignment is "${assignment.state}" and has already ended.`,
      );
    }
    await trx
      .updateTable('assignments')
      .set({ state: to, finished_at: now })
      .where('id', '=', assignment.id)
      .execute();
    await recordAppealEvent(trx, {
      appealId: input.appealId,
      actor,
      at: now,
      type: 'assignment_ended',
      from: status,
      to: status,
      comment: input.comment ?? null,
      data: {
        assignmentId: assignment.id,
        executorId: assignment.executor_id,
        role: assignment.role,
      },
    });
    return { appealId: input.appealId, status };
  });
}
