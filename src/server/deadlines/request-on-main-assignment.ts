/**
 * What an extension request and an explanation request share: both are asked on the active main
 * assignment of an open appeal the actor may see, under the appeal's row lock, and neither is
 * asked twice while one is still open. The caller adds its own rule between the two checks (the
 * 45-day cap, the passed control date), inserts its row and writes its history event.
 */
import type { Kysely, Selectable } from 'kysely';
import { isActiveAssignment } from '../../domain/appeal-lifecycle.js';
import { lockVisibleAppeal } from '../appeals/lock-visible-appeal.js';
import type { UserActor } from '../context.js';
import type { AppealsTable, AssignmentsTable, DB } from '../db/schema.js';
import { conflict } from '../errors.js';

export interface MainAssignmentRequest {
  appeal: Selectable<AppealsTable>;
  main: Selectable<AssignmentsTable>;
}

/**
 * Lock the appeal and find its active main assignment (only the actor's own organisation's when
 * `ownOnly`, for requests the executor makes).
 * @throws AppError 404 `appeal_not_found`; 409 `no_active_assignment` (with `message`).
 */
export async function lockActiveMainAssignment(
  trx: Kysely<DB>,
  actor: UserActor,
  appealId: number,
  options: { ownOnly: boolean; message: string },
): Promise<MainAssignmentRequest> {
  const { appeal, assignments } = await lockVisibleAppeal(trx, actor, appealId);
  const main = assignments.find(
    (a) =>
      a.role === 'main' &&
      isActiveAssignment(a.state) &&
      (!options.ownOnly || a.executor_id === actor.organisationId),
  );
  if (!main || appeal.status === 'closed') throw conflict('no_active_assignment', options.message);
  return { appeal, main };
}

/**
 * Refuse a second request while one is still open (`state = 'requested'`), looked up by the
 * appeal (extensions) or by the assignment (explanations).
 * @throws AppError 409 `code`, with the open request's id in the message.
 */
export async function refuseWhileOpen(
  trx: Kysely<DB>,
  table: 'extension_requests' | 'explanation_requests',
  by: { appealId: number } | { assignmentId: number },
  code: string,
  message: (openId: number) => string,
): Promise<void> {
  let q = trx.selectFrom(table).select('id').where('state', '=', 'requested');
  q =
    'appealId' in by
      ? q.where('appeal_id', '=', by.appealId)
      : q.where('assignment_id', '=', by.assignmentId);
  const open = await q.executeTakeFirst();
  if (open) throw conflict(code, message(open.id));
}
