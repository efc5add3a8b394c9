/**
 * What the lifecycle's steps share (module doc of `appeal-actions.ts`): the appeal locked with its
 * assignments, the pure lifecycle's decision, state changes with their history events, and the
 * executor's step on its own assignment.
 */
import type { Kysely, Selectable } from 'kysely';
import {
  type AppealAction,
  type AssignmentAction,
  decideTransition,
  isActiveAssignment,
  nextAssignmentState,
} from '../../domain/appeal-lifecycle.js';
import type { ResultCode } from '../../domain/results.js';
import type { AppealStatus } from '../../domain/vocabulary.js';
import type { Deps, UserActor } from '../context.js';
import type { AppealsTable, AssignmentsTable, DB } from '../db/schema.js';
import { conflict } from '../errors.js';
import { reworkLimit } from '../settings.js';
import { recordAppealEvent } from './appeal-history.js';
import { followMassLead, type LeadStep } from './follow-mass-lead.js';
import { type LockedAppeal, lockVisibleAppeal } from './lock-visible-appeal.js';

export type AppealRow = Selectable<AppealsTable>;
export type AssignmentRow = Selectable<AssignmentsTable>;

export interface ActionOutcome {
  appealId: number;
  status: AppealStatus;
}

export type Loaded = LockedAppeal;

/** Lock and load an appeal with its assignments, as `actor` may see it (404 outside its scope). */
export const loadForUpdate = lockVisibleAppeal;

export function activeMain(assignments: AssignmentRow[]): AssignmentRow | undefined {
  return assignments.find((a) => a.role === 'main' && isActiveAssignment(a.state));
}

export function lifecycleState(loaded: Loaded) {
  return {
    status: loaded.appeal.status,
    reworkCount: loaded.appeal.rework_count,
    hasMainAssignment: activeMain(loaded.assignments) !== undefined,
  };
}

export function refuse(decision: { code: string; message: string }): never {
  throw conflict(decision.code, decision.message);
}

export async function decide(db: Kysely<DB>, loaded: Loaded, action: AppealAction) {
  const decision = decideTransition(lifecycleState(loaded), action, {
    reworkLimit: await reworkLimit(db),
  });
  if (!decision.ok) refuse(decision);
  return decision;
}

export async function setAssignmentState(
  db: Kysely<DB>,
  assignment: AssignmentRow,
  action: AssignmentAction,
  now: Date,
): Promise<void> {
  const to = nextAssignmentState(assignment.state, action);
  if (to === null) {
    throw conflict(
      'transition_not_allowed',
      `The assignment is "${assignment.state}"; "${action}" is not possible now.`,
    );
  }
  await db
    .updateTable('assignments')
    .set({
      state: to,
      ...(action === 'accept' ? { accepted_at: now } : {}),
      ...(isActiveAssignment(to) ? { finished_at: null } : { finished_at: now }),
    })
    .where('id', '=', assignment.id)
    .execute();
}

export async function setAppealStatus(
  db: Kysely<DB>,
  appeal: AppealRow,
  to: AppealStatus,
  now: Date,
  extra: { reworkCount?: number; result?: ResultCode | null } = {},
): Promise<void> {
  await db
    .updateTable('appeals')
    .set({
      status: to,
      updated_at: now,
      ...(extra.reworkCount !== undefined ? { rework_count: extra.reworkCount } : {}),
      ...(extra.result !== undefined ? { result: extra.result } : {}),
      closed_at: to === 'closed' ? now : null,
    })
    .where('id', '=', appeal.id)
    .execute();
}

/**
 * The executor's own active assignment on the appeal (main first).
 * @throws AppError 409 `no_active_assignment` when its organisation has none active.
 */
export function ownAssignment(actor: UserActor, loaded: Loaded): AssignmentRow {
  const own = loaded.assignments
    .filter((a) => a.executor_id === actor.organisationId && isActiveAssignment(a.state))
    .sort((a, b) => (a.role === b.role ? 0 : a.role === 'main' ? -1 : 1));
  if (!own[0]) {
    throw conflict(
      'no_active_assignment',
      'Your organisation has no active assignment on this appeal.',
    );
  }
  return own[0];
}

/**
 * One of an executor's steps: `accept`, `respond`, or `return_not_in_competence`. On the main
 * assignment the appeal's status moves too; on a co-executor's only the assignment does.
 */
export async function executorStep(
  deps: Deps,
  actor: UserActor,
  appealId: number,
  action: 'accept' | 'respond' | 'return_not_in_competence',
  write: (
    trx: Kysely<DB>,
    loaded: Loaded,
    assignment: AssignmentRow,
    now: Date,
  ) => Promise<Record<string, unknown>>,
  eventType: 'accepted' | 'responded' | 'returned_not_in_competence',
  comment: string | null,
): Promise<ActionOutcome> {
  return deps.db.transaction().execute(async (trx) => {
    const now = deps.now();
    const loaded = await loadForUpdate(trx, actor, appealId);
    const assignment = ownAssignment(actor, loaded);
    const from = loaded.appeal.status;
    let to = from;
    if (assignment.role === 'main') {
      const decision = await decide(trx, loaded, action);
      to = decision.to;
    }
    await setAssignmentState(trx, assignment, action, now);
    const data = await write(trx, loaded, assignment, now);
    if (assignment.role === 'main') {
      await setAppealStatus(trx, loaded.appeal, to, now, {
        ...(action === 'return_not_in_competence' ? { result: null } : {}),
      });
    }
    await recordAppealEvent(trx, {
      appealId,
      actor,
      at: now,
      type: eventType,
      from,
      to,
      comment,
      data: { assignmentId: assignment.id, role: assignment.role, ...data },
    });
    if (assignment.role === 'main') {
      await followMassLead(
        trx,
        actor,
        appealId,
        await leadStep(trx, action, assignment, data, comment),
        now,
      );
    }
    return { appealId, status: to };
  });
}

/** What a lead's executor step wrote, for the members of its mass appeal to follow. */
async function leadStep(
  trx: Kysely<DB>,
  action: 'accept' | 'respond' | 'return_not_in_competence',
  assignment: AssignmentRow,
  data: Record<string, unknown>,
  comment: string | null,
): Promise<LeadStep> {
  if (action !== 'respond') return { action, assignmentId: assignment.id, comment };
  const response = await trx
    .selectFrom('responses')
    .select(['id', 'text', 'proposed_result', 'author_id'])
    .where('id', '=', Number(data.responseId))
    .executeTakeFirstOrThrow();
  return {
    action,
    assignmentId: assignment.id,
    responseId: response.id,
    text: response.text,
    proposedResult: response.proposed_result,
    authorId: response.author_id,
  };
}
