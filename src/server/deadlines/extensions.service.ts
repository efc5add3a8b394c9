/**
 * Extension of the term (Law 393/96-ВР Art. 20): the executor asks with a reason, the head of the
 * centre (supervisor) approves or refuses; an approved extension moves the legal deadline and the
 * control date, never past 45 days in total, and the applicant is told of the new term.
 */
import type { Kysely } from 'kysely';
import { z } from 'zod';
import {
  executorControlDate,
  legalDeadline,
  MAX_TOTAL_TERM_DAYS,
} from '../../domain/calendar/deadline-engine.js';
import { ACTIVE_ASSIGNMENT_STATES } from '../../domain/appeal-lifecycle.js';
import { recordAppealEvent } from '../appeals/appeal-history.js';
import type { Deps, UserActor } from '../context.js';
import type { DB } from '../db/schema.js';
import { conflict, notFound } from '../errors.js';
import {
  enqueueNotifications,
  escalationRecipients,
  type NewNotification,
} from '../notifications/outbox.js';
import { formatInZone } from '../notifications/templates.js';
import { loadCalendar } from '../calendar/calendar.repository.js';
import { lockActiveMainAssignment, refuseWhileOpen } from './request-on-main-assignment.js';
import {
  extensionDecisionSchema,
  extensionRequestSchema,
  type ExtensionRequestView,
} from '../../contract/deadlines.schemas.js';

/**
 * The executor asks to extend the term of an appeal it works on.
 * @throws AppError 404 `appeal_not_found`; 409 `no_active_assignment`, `extension_over_45_days`,
 *   `extension_already_requested`.
 */
export async function requestExtension(
  deps: Deps,
  actor: UserActor,
  appealId: number,
  input: z.infer<typeof extensionRequestSchema>,
): Promise<{ id: number }> {
  return deps.db.transaction().execute(async (trx) => {
    const now = deps.now();
    const { appeal, main: own } = await lockActiveMainAssignment(trx, actor, appealId, {
      ownOnly: true,
      message: 'Only the main executor of an open appeal may ask for an extension.',
    });
    const qt = await trx
      .selectFrom('question_types')
      .select('term_days')
      .where('id', '=', appeal.question_type_id)
      .executeTakeFirstOrThrow();
    const total = qt.term_days + appeal.extended_days + input.days;
    if (total > MAX_TOTAL_TERM_DAYS) {
      throw conflict(
        'extension_over_45_days',
        `The term would be ${total} days; Art. 20 of the Law allows at most ${MAX_TOTAL_TERM_DAYS} days in total. At most ${Math.max(0, MAX_TOTAL_TERM_DAYS - qt.term_days - appeal.extended_days)} more days can be asked.`,
      );
    }
    await refuseWhileOpen(
      trx,
      'extension_requests',
      { appealId },
      'extension_already_requested',
      (id) => `Extension request ${id} is still waiting for a decision.`,
    );
    const row = await trx
      .insertInto('extension_requests')
      .values({
        appeal_id: appealId,
        assignment_id: own.id,
        requested_by: actor.id,
        reason: input.reason,
        requested_days: input.days,
        created_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await recordAppealEvent(trx, {
      appealId,
      actor,
      at: now,
      type: 'extension_requested',
      comment: input.reason,
      data: { extensionRequestId: row.id, days: input.days },
    });
    const org = await trx
      .selectFrom('organisations')
      .select('name')
      .where('id', '=', own.executor_id)
      .executeTakeFirstOrThrow();
    const { supervisors } = await escalationRecipients(trx, []);
    await enqueueNotifications(
      trx,
      supervisors.map((s) => ({
        dedupeKey: `extension_requested:${row.id}:${s.userId}`,
        kind: 'extension_requested',
        appealId,
        recipientUserId: s.userId,
        recipientEmail: s.email,
        params: {
          number: appeal.number,
          executor: org.name,
          days: input.days,
          text: input.reason,
          link: `${deps.config.publicUrl}/appeals/${appealId}`,
        },
      })),
      { now, calendar: await loadCalendar(trx, deps.config.timeZone, now) },
    );
    return { id: row.id };
  });
}

/**
 * The supervisor approves or refuses an extension request.
 * @throws AppError 404 `extension_request_not_found`; 409 `extension_already_decided`.
 */
export async function decideExtension(
  deps: Deps,
  actor: UserActor,
  requestId: number,
  input: z.infer<typeof extensionDecisionSchema>,
): Promise<ExtensionRequestView> {
  await deps.db.transaction().execute(async (trx) => {
    const now = deps.now();
    const request = await trx
      .selectFrom('extension_requests')
      .selectAll()
      .where('id', '=', requestId)
      .forUpdate()
      .executeTakeFirst();
    if (!request) throw notFound('extension_request', requestId);
    if (request.state !== 'requested') {
      throw conflict('extension_already_decided', `The request was already ${request.state}.`);
    }
    const appeal = await trx
      .selectFrom('appeals')
      .selectAll()
      .where('id', '=', request.appeal_id)
      .forUpdate()
      .executeTakeFirstOrThrow();
    const calendar = await loadCalendar(trx, deps.config.timeZone, deps.now());
    const notifications: NewNotification[] = [];
    const link = `${deps.config.publicUrl}/appeals/${appeal.id}`;
    let newDeadline: Date | null = null;
    if (input.approve && appeal.status !== 'closed') {
      const qt = await trx
        .selectFrom('question_types')
        .select(['term_days', 'review_margin_days'])
        .where('id', '=', appeal.question_type_id)
        .executeTakeFirstOrThrow();
      const extended = appeal.extended_days + request.requested_days;
      newDeadline = legalDeadline({
        receivedAt: appeal.received_at,
        termDays: Math.min(MAX_TOTAL_TERM_DAYS, qt.term_days + extended),
        calendar,
      });
      const control = executorControlDate({
        legalDeadline: newDeadline,
        reviewMarginDays: qt.review_margin_days,
        calendar,
        receivedAt: appeal.received_at,
      });
      await trx
        .updateTable('appeals')
        .set({
          legal_deadline: newDeadline,
          control_date: control,
          extended_days: extended,
          updated_at: now,
        })
        .where('id', '=', appeal.id)
        .execute();
      await trx
        .updateTable('assignments')
        .set({ control_date: control })
        .where('appeal_id', '=', appeal.id)
        .where('state', 'in', ACTIVE_ASSIGNMENT_STATES)
        .execute();
      if (appeal.applicant_id !== null) {
        const applicant = await trx
          .selectFrom('applicants')
          .select('email')
          .where('id', '=', appeal.applicant_id)
          .executeTakeFirst();
        if (applicant?.email) {
          notifications.push({
            dedupeKey: `deadline_extended_applicant:${request.id}`,
            kind: 'deadline_extended_applicant',
            appealId: appeal.id,
            recipientEmail: applicant.email,
            params: {
              number: appeal.number,
              deadline: formatInZone(newDeadline, deps.config.timeZone, 'uk'),
              text: request.reason,
            },
          });
        }
      }
    }
    const approved = input.approve && newDeadline !== null;
    await trx
      .updateTable('extension_requests')
      .set({
        state: approved ? 'approved' : 'refused',
        decided_by: actor.id,
        decided_at: now,
        decision_comment: input.comment ?? null,
        new_deadline: newDeadline,
      })
      .where('id', '=', request.id)
      .execute();
    await recordAppealEvent(trx, {
      appealId: appeal.id,
      actor,
      at: now,
      type: approved ? 'extension_approved' : 'extension_refused',
      comment: input.comment ?? null,
      data: {
        extensionRequestId: request.id,
        days: request.requested_days,
        newDeadline: newDeadline?.toISOString() ?? null,
      },
    });
    if (request.assignment_id !== null) {
      const assignment = await trx
        .selectFrom('assignments')
        .select('executor_id')
        .where('id', '=', request.assignment_id)
        .executeTakeFirstOrThrow();
      const { byExecutor } = await escalationRecipients(trx, [assignment.executor_id]);
      for (const person of byExecutor.get(assignment.executor_id) ?? []) {
        notifications.push({
          dedupeKey: `extension_decided:${request.id}:${person.userId ?? person.email}`,
          kind: 'extension_decided',
          appealId: appeal.id,
          recipientUserId: person.userId,
          recipientEmail: person.email,
          params: {
            number: appeal.number,
            approved,
            deadline: newDeadline ? formatInZone(newDeadline, deps.config.timeZone, 'uk') : '',
            text: input.comment ?? '',
            link,
          },
        });
      }
    }
    await enqueueNotifications(trx, notifications, { now, calendar });
  });
  const [view] = await listExtensionRequests(deps.db, { id: requestId });
  return view!;
}

/** Extension requests, newest first (by state, or one by id). */
export async function listExtensionRequests(
  db: Kysely<DB>,
  filter: { state?: 'requested' | 'approved' | 'refused'; id?: number; executorId?: number },
): Promise<ExtensionRequestView[]> {
  let q = db
    .selectFrom('extension_requests as r')
    .innerJoin('appeals as a', 'a.id', 'r.appeal_id')
    .leftJoin('assignments as s', 's.id', 'r.assignment_id')
    .leftJoin('organisations as o', 'o.id', 's.executor_id')
    .select([
      'r.id',
      'r.appeal_id',
      'a.number',
      'o.name as executor',
      'r.reason',
      'r.requested_days',
      'r.state',
      'r.new_deadline',
      'r.decision_comment',
      'r.created_at',
    ]);
  if (filter.state) q = q.where('r.state', '=', filter.state);
  if (filter.id) q = q.where('r.id', '=', filter.id);
  if (filter.executorId) q = q.where('s.executor_id', '=', filter.executorId);
  const rows = await q.orderBy('r.created_at', 'desc').orderBy('r.id', 'desc').limit(200).execute();
  return rows.map((r) => ({
    id: r.id,
    appealId: r.appeal_id,
    appealNumber: r.number,
    executor: r.executor,
    reason: r.reason,
    requestedDays: r.requested_days,
    state: r.state,
    newDeadline: r.new_deadline?.toISOString() ?? null,
    decisionComment: r.decision_comment,
    createdAt: r.created_at.toISOString(),
  }));
}
