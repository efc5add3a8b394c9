/**
 * The steps of the lifecycle after registration: assign, accept, respond, return as "not in
 * competence", review (accept with a result or return for rework), cancel. Each runs in one
 * transaction with the appeal row locked, asks the pure lifecycle (`domain/appeal-lifecycle.ts`)
 * whether the step is allowed, and writes the history event with the change.
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
import { AppError, badRequest, conflict } from '../errors.js';
import { reworkLimit } from '../settings.js';
import { recordAppealEvent } from './appeal-history.js';
import { type LockedAppeal, lockVisibleAppeal } from './lock-visible-appeal.js';
import type { AssignInput, RespondInput, ReviewInput } from '../../contract/appeals.schemas.js';
import { assertExecutor } from './register-appeal.js';
import { notifyApplicantsOfResult } from '../notifications/result-notifications.js';

type AppealRow = Selectable<AppealsTable>;
type AssignmentRow = Selectable<AssignmentsTable>;

export interface ActionOutcome {
  appealId: number;
  status: AppealStatus;
}

type Loaded = LockedAppeal;

/** Lock and load an appeal with its assignments, as `actor` may see it (404 outside its scope). */
const loadForUpdate = lockVisibleAppeal;

function activeMain(assignments: AssignmentRow[]): AssignmentRow | undefined {
  return assignments.find((a) => a.role === 'main' && isActiveAssignment(a.state));
}

function lifecycleState(loaded: Loaded) {
  return {
    status: loaded.appeal.status,
    reworkCount: loaded.appeal.rework_count,
    hasMainAssignment: activeMain(loaded.assignments) !== undefined,
  };
}

function refuse(decision: { code: string; message: string }): never {
  throw conflict(decision.code, decision.message);
}

async function decide(db: Kysely<DB>, loaded: Loaded, action: AppealAction) {
  const decision = decideTransition(lifecycleState(loaded), action, {
    reworkLimit: await reworkLimit(db),
  });
  if (!decision.ok) refuse(decision);
  return decision;
}

async function setAssignmentState(
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

async function setAppealStatus(
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
function ownAssignment(actor: UserActor, loaded: Loaded): AssignmentRow {
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
async function executorStep(
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
    return { appealId, status: to };
  });
}

/** The executor accepts the assignment into work. @throws 404, 409 as `executorStep`. */
export function acceptAssignment(
  deps: Deps,
  actor: UserActor,
  appealId: number,
): Promise<ActionOutcome> {
  return executorStep(deps, actor, appealId, 'accept', () => Promise.resolve({}), 'accepted', null);
}

/**
 * The executor answers (звіт виконавця), with text and already uploaded attachments.
 * @throws AppError 400 `unknown_attachment` when an attachment is not this appeal's or is taken.
 */
export function respondToAppeal(
  deps: Deps,
  actor: UserActor,
  appealId: number,
  input: RespondInput,
): Promise<ActionOutcome> {
  return executorStep(
    deps,
    actor,
    appealId,
    'respond',
    async (trx, _loaded, assignment, now) => {
      const response = await trx
        .insertInto('responses')
        .values({
          appeal_id: appealId,
          assignment_id: assignment.id,
          author_id: actor.id,
          text: input.text,
          proposed_result: input.proposedResult ?? null,
          created_at: now,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      if (input.attachmentIds.length > 0) {
        const updated = await trx
          .updateTable('attachments')
          .set({ response_id: response.id })
          .where('id', 'in', input.attachmentIds)
          .where('appeal_id', '=', appealId)
          .where('response_id', 'is', null)
          .where('uploaded_by', '=', actor.id)
          .executeTakeFirst();
        if (Number(updated.numUpdatedRows) !== new Set(input.attachmentIds).size) {
          throw badRequest(
            'unknown_attachment',
            'Every attachmentId must be a file you uploaded to this appeal and not yet used in a response.',
          );
        }
      }
      return { responseId: response.id, attachmentIds: input.attachmentIds };
    },
    'responded',
    null,
  );
}

/**
 * The executor says the question is not in its competence (Law 393/96-ВР Art. 7): the
 * assignment goes back to the contact centre, which re-routes the appeal.
 */
export function returnNotInCompetence(
  deps: Deps,
  actor: UserActor,
  appealId: number,
  comment: string,
): Promise<ActionOutcome> {
  return executorStep(
    deps,
    actor,
    appealId,
    'return_not_in_competence',
    () => Promise.resolve({}),
    'returned_not_in_competence',
    comment,
  );
}

/**
 * The contact centre assigns an executor: the main one (when none is active) or a co-executor.
 * @throws AppError 400 `unknown_executor`; 409 `main_assignment_exists`, `transition_not_allowed`,
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
    return {
      appealId,
      status: input.role === 'main' ? 'registered' : status,
      assignmentId: assignment.id,
    };
  });
}

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
    if (input.decision === 'accept') {
      await notifyApplicantsOfResult(trx, deps, loaded.appeal, input.result, now);
    }
    return { appealId, status: decision.to };
  });
}

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
