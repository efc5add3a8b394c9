/** A step of the appeal's lifecycle (module doc of `appeal-actions.ts`). */
import { isActiveAssignment } from '../../domain/appeal-lifecycle.js';
import type { Deps, UserActor } from '../context.js';
import { AppError, conflict } from '../errors.js';
import { recordAppealEvent } from './appeal-history.js';
import { followMassLead } from './follow-mass-lead.js';
import type { AssignInput } from '../../contract/appeals.schemas.js';
import { assertExecutor } from './registration-steps.js';
import { loadForUpdate, decide, setAppealStatus, type ActionOutcome } from './appeal-steps.js';

/**
 * The contact centre assigns an executor: the main one (when none is active) or a co-executor.
 * @throws AppError 400 `unknown_executor`, `control_date_out_of_term` (a given control date not
 *   after now or after the legal deadline, Art. 20); 409 `main_assignment_exists`, `transition_not_allowed`,
 *   `already_assigned` (this organisation already works on the appeal).
 */
export async function assignExecutor(
  deps: Deps,
  actor: UserActor,
  appealId: number,
  input: AssignInput,
): Promise<ActionOutcome & { assignmentId: number }> {
  return deps.db.transaction().execute(async (trx) => {
    const now = deps.now();
    const loaded = await loadForUpdate(trx, actor, appealId);
    await assertExecutor(trx, input.executorId);
    const status = loaded.appeal.status;
    if (input.role === 'main') {
      await decide(trx, loaded, 'assign');
    } else if (status === 'closed') {
      throw conflict('transition_not_allowed', 'The appeal is closed; reopen it before assigning.');
    }
    if (
      loaded.assignments.some(
        (a) => a.executor_id === input.executorId && isActiveAssignment(a.state),
      )
    ) {
      throw conflict(
        'already_assigned',
        'This organisation already has an active assignment on the appeal.',
      );
    }
    const controlDate = input.controlDate
      ? new Date(input.controlDate)
      : loaded.appeal.control_date;
    // An executor's own term lies ahead and within the appeal's legal term (Law 393/96-ВР, Art. 20).
    const legal = loaded.appeal.legal_deadline;
    if (
      input.controlDate &&
      controlDate &&
      (controlDate.getTime() <= now.getTime() ||
        (legal !== null && controlDate.getTime() > new Date(legal).getTime()))
    ) {
      throw new AppError(
        'control_date_out_of_term',
        400,
        'The control date must be after now and not after the appeal’s legal deadline.',
        { legalDeadline: legal ? new Date(legal).toISOString() : null },
      );
    }
    const assignment = await trx
      .insertInto('assignments')
      .values({
        appeal_id: appealId,
        executor_id: input.executorId,
        role: input.role,
        state: 'pending',
        instruction: input.instruction ?? null,
        control_date: controlDate,
        assigned_by: actor.id,
        assigned_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    if (input.role === 'main') {
      await setAppealStatus(trx, loaded.appeal, 'registered', now, { result: null });
    }
    await recordAppealEvent(trx, {
      appealId,
      actor,
      at: now,
      type: 'assigned',
      from: status,
      to: input.role === 'main' ? 'registered' : status,
      comment: input.instruction ?? null,
      data: { assignmentId: assignment.id, executorId: input.executorId, role: input.role },
    });
    if (input.role === 'main') {
      // Issue 16: the members of a mass appeal this one leads follow its new executor.
      await followMassLead(
        trx,
        actor,
        appealId,
        {
          action: 'assign',
          assignmentId: assignment.id,
          executorId: input.executorId,
          instruction: input.instruction ?? null,
        },
        now,
      );
    }
    return {
      appealId,
      status: input.role === 'main' ? 'registered' : status,
      assignmentId: assignment.id,
    };
  });
}
