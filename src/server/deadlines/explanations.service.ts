/**
 * Explanation requests (regulation 4.1.5): on an overdue assignment the controller asks the
 * executor for a written explanation of late or partial execution, with its own term
 * (`explanation_term_days`, default 3 days, ending at the end of a working day).
 */
import { z } from 'zod';
import { legalDeadline } from '../../domain/calendar/deadline-engine.js';
import { appealScope, can } from '../../domain/policy.js';
import { recordAppealEvent } from '../appeals/appeal-history.js';
import type { Deps, UserActor } from '../context.js';
import { conflict, forbidden, notFound } from '../errors.js';
import { enqueueNotifications, escalationRecipients } from '../notifications/outbox.js';
import { formatInZone } from '../notifications/templates.js';
import { numberSetting } from '../settings.js';
import { loadCalendar } from '../calendar/calendar.repository.js';
import { lockActiveMainAssignment, refuseWhileOpen } from './request-on-main-assignment.js';
import {
  explanationAnswerSchema,
  explanationRequestSchema,
  type ExplanationView,
} from '../../contract/deadlines.schemas.js';

/**
 * Ask the main executor of an overdue appeal for a written explanation.
 * @throws AppError 404 `appeal_not_found`; 409 `not_overdue`, `no_active_assignment`,
 *   `explanation_already_requested`.
 */
export async function requestExplanation(
  deps: Deps,
  actor: UserActor,
  appealId: number,
  input: z.infer<typeof explanationRequestSchema>,
): Promise<{ id: number; dueAt: string }> {
  return deps.db.transaction().execute(async (trx) => {
    const now = deps.now();
    const { appeal, main } = await lockActiveMainAssignment(trx, actor, appealId, {
      ownOnly: false,
      message: 'The appeal has no executor at work to explain anything.',
    });
    const controlDate = main.control_date ?? appeal.control_date;
    if (!controlDate || controlDate >= now) {
      throw conflict(
        'not_overdue',
        'An explanation is asked for overdue execution; the control date has not passed.',
      );
    }
    await refuseWhileOpen(
      trx,
      'explanation_requests',
      { assignmentId: main.id },
      'explanation_already_requested',
      (id) => `Explanation request ${id} is still unanswered.`,
    );
    const calendar = await loadCalendar(trx, deps.config.timeZone, now);
    const termDays = await numberSetting(trx, 'explanation_term_days', 3);
    const dueAt = legalDeadline({ receivedAt: now, termDays, calendar });
    const row = await trx
      .insertInto('explanation_requests')
      .values({
        appeal_id: appealId,
        assignment_id: main.id,
        requested_by: actor.id,
        question: input.question,
        due_at: dueAt,
        created_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await recordAppealEvent(trx, {
      appealId,
      actor,
      at: now,
      type: 'explanation_requested',
      comment: input.question,
      data: {
        explanationRequestId: row.id,
        dueAt: dueAt.toISOString(),
        executorId: main.executor_id,
      },
    });
    const { byExecutor } = await escalationRecipients(trx, [main.executor_id]);
    await enqueueNotifications(
      trx,
      (byExecutor.get(main.executor_id) ?? []).map((person) => ({
        dedupeKey: `explanation_requested:${row.id}:${person.userId ?? person.email}`,
        kind: 'explanation_requested' as const,
        appealId,
        recipientUserId: person.userId,
        recipientEmail: person.email,
        params: {
          number: appeal.number,
          deadline: formatInZone(dueAt, deps.config.timeZone, 'uk'),
          text: input.question,
          link: `${deps.config.publicUrl}/appeals/${appealId}`,
        },
      })),
      { now, calendar },
    );
    return { id: row.id, dueAt: dueAt.toISOString() };
  });
}

/**
 * The executor answers an explanation request of its organisation.
 * @throws AppError 404 `explanation_request_not_found`; 409 `explanation_already_answered`.
 */
export async function answerExplanation(
  deps: Deps,
  actor: UserActor,
  requestId: number,
  input: z.infer<typeof explanationAnswerSchema>,
): Promise<ExplanationView> {
  await deps.db.transaction().execute(async (trx) => {
    const now = deps.now();
    const request = await trx
      .selectFrom('explanation_requests as e')
      .innerJoin('assignments as s', 's.id', 'e.assignment_id')
      .select(['e.id', 'e.appeal_id', 'e.state', 's.executor_id'])
      .where('e.id', '=', requestId)
      .forUpdate()
      .executeTakeFirst();
    if (!request || request.executor_id !== actor.organisationId)
      throw notFound('explanation_request', requestId);
    if (request.state !== 'requested')
      throw conflict('explanation_already_answered', 'This request is answered already.');
    await trx
      .updateTable('explanation_requests')
      .set({ state: 'answered', answer: input.answer, answered_by: actor.id, answered_at: now })
      .where('id', '=', requestId)
      .execute();
    await recordAppealEvent(trx, {
      appealId: request.appeal_id,
      actor,
      at: now,
      type: 'explanation_given',
      comment: input.answer,
      data: { explanationRequestId: requestId },
    });
  });
  const [view] = await listExplanations(deps, actor, { id: requestId });
  return view!;
}

/** Explanation requests the actor may see (an executor: its organisation's), newest first. */
export async function listExplanations(
  deps: Deps,
  actor: UserActor,
  filter: { state?: 'requested' | 'answered'; id?: number },
): Promise<ExplanationView[]> {
  // Only the roles that handle explanation requests see them: who asks (controller, supervisor)
  // and who answers (executors, their own organisation's) — issue 11, item 13.
  if (!can(actor.role, 'explanation.request') && !can(actor.role, 'assignment.work')) {
    throw forbidden('Explanation requests are seen by controllers, supervisors and executors.');
  }
  const now = deps.now();
  let q = deps.db
    .selectFrom('explanation_requests as e')
    .innerJoin('appeals as a', 'a.id', 'e.appeal_id')
    .innerJoin('assignments as s', 's.id', 'e.assignment_id')
    .innerJoin('organisations as o', 'o.id', 's.executor_id')
    .select([
      'e.id',
      'e.appeal_id',
      'a.number',
      'o.name',
      'e.question',
      'e.due_at',
      'e.state',
      'e.answer',
      'e.answered_at',
    ]);
  const scope = appealScope(actor);
  if (scope.kind === 'organisation') q = q.where('s.executor_id', '=', scope.organisationId);
  if (filter.state) q = q.where('e.state', '=', filter.state);
  if (filter.id) q = q.where('e.id', '=', filter.id);
  const rows = await q.orderBy('e.created_at', 'desc').orderBy('e.id', 'desc').limit(200).execute();
  return rows.map((r) => ({
    id: r.id,
    appealId: r.appeal_id,
    appealNumber: r.number,
    executor: r.name,
    question: r.question,
    dueAt: r.due_at.toISOString(),
    state: r.state,
    answer: r.answer,
    answeredAt: r.answered_at?.toISOString() ?? null,
    overdue: r.state === 'requested' && r.due_at < now,
  }));
}
