/**
 * Return a closed appeal to the controller's check because the applicant says the problem remains:
 * lifecycle `dispute` (closed → on_check), the main executor's last accepted answer reopened, and an
 * event in the appeal's history — all in the caller's transaction. Used by the portal dispute
 * (`tracking.service.ts`) and by a "not solved" call-back answer (issue 19, `callbacks.service.ts`).
 *
 * @throws AppError 409 (the lifecycle's code, e.g. `appeal_not_closed`) or `dispute_not_possible`
 *   (no executor's answer to check again).
 */
import type { Transaction } from 'kysely';
import {
  decideTransition,
  isActiveAssignment,
  nextAssignmentState,
} from '../../domain/appeal-lifecycle.js';
import type { AppealStatus } from '../../domain/vocabulary.js';
import { recordAppealEvent, type AppealEventType } from '../appeals/appeal-history.js';
import type { Actor } from '../context.js';
import type { DB } from '../db/schema.js';
import { conflict } from '../errors.js';

export async function reopenForCheck(
  trx: Transaction<DB>,
  opts: {
    appeal: { id: number; status: AppealStatus; rework_count: number };
    actor: Actor;
    now: Date;
    /** History event type, e.g. `disputed_by_applicant`, `not_solved_on_callback`. */
    eventType: AppealEventType;
    /** The applicant's words. */
    comment: string | null;
    data: Record<string, unknown>;
  },
): Promise<void> {
  const { appeal, now } = opts;
  const transition = decideTransition(
    { status: appeal.status, reworkCount: appeal.rework_count, hasMainAssignment: false },
    'dispute',
  );
  if (!transition.ok) throw conflict(transition.code, transition.message);
  const main = await trx
    .selectFrom('assignments')
    .select(['id', 'state'])
    .where('appeal_id', '=', appeal.id)
    .where('role', '=', 'main')
    .where('state', '=', 'done')
    .orderBy('id', 'desc')
    .executeTakeFirst();
  const activeMain = await trx
    .selectFrom('assignments')
    .select(['id', 'state'])
    .where('appeal_id', '=', appeal.id)
    .where('role', '=', 'main')
    .where('state', 'in', ['pending', 'in_work', 'responded', 'rework'])
    .executeTakeFirst();
  const reopened = main ? nextAssignmentState(main.state, 'reopen') : null;
  if (!main || !reopened || activeMain || !isActiveAssignment(reopened)) {
    throw conflict(
      'dispute_not_possible',
      'This appeal has no executor’s answer to check again; please submit a new appeal describing the problem.',
    );
  }
  await trx
    .updateTable('assignments')
    .set({ state: reopened, finished_at: null })
    .where('id', '=', main.id)
    .execute();
  await trx
    .updateTable('appeals')
    .set({ status: transition.to, result: null, closed_at: null, updated_at: now })
    .where('id', '=', appeal.id)
    .execute();
  await recordAppealEvent(trx, {
    appealId: appeal.id,
    actor: opts.actor,
    at: now,
    type: opts.eventType,
    from: appeal.status,
    to: transition.to,
    comment: opts.comment,
    data: { ...opts.data, assignmentId: main.id },
  });
}
