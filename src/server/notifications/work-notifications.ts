/**
 * Work notifications (issue 12, ADR 027): an executor hears of a new assignment and of a return
 * for rework, a controller of a new answer to review, the centre of an appeal returned as "not in
 * competence". They are derived from the appeal's history — every step of the lifecycle writes its
 * event in the step's own transaction — by a job that reads the new events, so every path that
 * assigns or reviews (the card, the API, the moderator's registration, the new-call screen) is
 * covered without each calling a notifier, and the rows it writes are read by the web app of any
 * process (the bell polls the database).
 *
 * Reading order: the job keeps a cursor (the highest event id read, `settings`) and reads again the
 * last `LOOKBACK_IDS` ids below it each time, because a transaction may commit an event with a
 * lower id after a higher one was read; `notified_events` says which of those were handled, and
 * dedupe keys make a double run harmless. Events older than `FRESH_HOURS` (an import of old
 * history, a long outage) are not announced. One process runs it at a time (advisory lock).
 */
import {
  WORK_EVENT_TYPES,
  type WorkNotificationRule,
  workNotificationFor,
} from '../../domain/notifications.js';
import type { Deps } from '../context.js';
import { loadCalendar } from '../calendar/calendar.repository.js';
import { enqueueNotifications, type NewNotification } from './outbox.js';
import { formatInZone } from './templates.js';
import { tryJobLock } from '../db/advisory-locks.js';

/** Ids below the cursor read again each run (late commits of concurrent transactions). */
export const LOOKBACK_IDS = 500;
/** Ids read in one run at most (a bulk import is passed over in steps). */
export const MAX_IDS_PER_RUN = 20_000;
/** Events older than this are not announced. */
export const FRESH_HOURS = 24;

const CURSOR_KEY = 'work_notifications_cursor';

export interface WorkNotificationsReport {
  /** False when another process held the lock. */
  ran: boolean;
  events: number;
  queued: number;
}

interface Candidate {
  id: number;
  appeal_id: number;
  at: Date;
  type: string;
  actor_id: number | null;
  comment: string | null;
  data: unknown;
  number: string;
  control_date: Date | null;
  registered_by: number | null;
  question_type: string;
}

/** Read the new history events and queue the work notifications they call for. */
export async function queueWorkNotifications(deps: Deps): Promise<WorkNotificationsReport> {
  const now = deps.now();
  const calendar = await loadCalendar(deps.db, deps.config.timeZone, now);
  return deps.db.transaction().execute(async (trx) => {
    if (!(await tryJobLock(trx, 'workNotifications'))) return { ran: false, events: 0, queued: 0 };

    const top = await trx
      .selectFrom('appeal_events')
      .select((eb) => eb.fn.max('id').as('id'))
      .executeTakeFirst();
    const highest = top?.id ?? 0;
    const saved = await trx
      .selectFrom('settings')
      .select('value')
      .where('key', '=', CURSOR_KEY)
      .executeTakeFirst();
    const cursor = typeof saved?.value === 'number' ? saved.value : highest;
    const from = Math.max(0, cursor - LOOKBACK_IDS);
    const until = Math.min(highest, cursor + MAX_IDS_PER_RUN);

    const candidates: Candidate[] = await trx
      .selectFrom('appeal_events as e')
      .innerJoin('appeals as a', 'a.id', 'e.appeal_id')
      .innerJoin('question_types as qt', 'qt.id', 'a.question_type_id')
      .select([
        'e.id',
        'e.appeal_id',
        'e.at',
        'e.type',
        'e.actor_id',
        'e.comment',
        'e.data',
        'a.number',
        'a.control_date',
        'a.registered_by',
        'qt.name as question_type',
      ])
      .where('e.id', '>', from)
      .where('e.id', '<=', until)
      .where('e.type', 'in', [...WORK_EVENT_TYPES])
      .where('e.at', '>', new Date(now.getTime() - FRESH_HOURS * 3_600_000))
      .where((eb) =>
        eb.not(
          eb.exists(
            eb
              .selectFrom('notified_events as n')
              .select('n.event_id')
              .whereRef('n.event_id', '=', 'e.id'),
          ),
        ),
      )
      .orderBy('e.id')
      .execute();

    const notifications = await notificationsFor(trx, deps, candidates);
    const queued = await enqueueNotifications(trx, notifications, { now, calendar });

    if (candidates.length > 0) {
      await trx
        .insertInto('notified_events')
        .values(candidates.map((c) => ({ event_id: c.id })))
        .onConflict((oc) => oc.column('event_id').doNothing())
        .execute();
    }
    // Handled events below the window are never read again.
    await trx.deleteFrom('notified_events').where('event_id', '<=', from).execute();
    await trx
      .insertInto('settings')
      .values({ key: CURSOR_KEY, value: JSON.stringify(until) })
      .onConflict((oc) => oc.column('key').doUpdateSet({ value: JSON.stringify(until) }))
      .execute();
    return { ran: true, events: candidates.length, queued };
  });
}

type Trx = Deps['db'];

async function notificationsFor(
  trx: Trx,
  deps: Deps,
  candidates: Candidate[],
): Promise<NewNotification[]> {
  const ruled = candidates.flatMap((c) => {
    const data = (typeof c.data === 'string' ? JSON.parse(c.data) : (c.data ?? {})) as {
      executorId?: unknown;
      role?: unknown;
      assignmentId?: unknown;
    };
    const rule = workNotificationFor({ type: c.type, data });
    return rule ? [{ c, data, rule }] : [];
  });
  if (ruled.length === 0) return [];
  const appealIds = [...new Set(ruled.map((r) => r.c.appeal_id))];

  // The executor each event concerns: named by the event, or the appeal's main one.
  const mains = await trx
    .selectFrom('assignments')
    .select(['appeal_id', 'executor_id', 'control_date', 'id'])
    .where('appeal_id', 'in', appealIds)
    .where('role', '=', 'main')
    .orderBy('id')
    .execute();
  const mainOf = new Map(mains.map((m) => [m.appeal_id, m])); // the newest main wins
  const assignmentIds = ruled.flatMap((r) =>
    typeof r.data.assignmentId === 'number' ? [r.data.assignmentId] : [],
  );
  const byAssignment = new Map(
    assignmentIds.length === 0
      ? []
      : (
          await trx
            .selectFrom('assignments')
            .select(['id', 'executor_id', 'control_date'])
            .where('id', 'in', assignmentIds)
            .execute()
        ).map((a) => [a.id, a]),
  );
  const executorOf = (r: (typeof ruled)[number]): number | null => {
    if (typeof r.data.executorId === 'number') return r.data.executorId;
    if (typeof r.data.assignmentId === 'number') {
      const a = byAssignment.get(r.data.assignmentId);
      if (a) return a.executor_id;
    }
    return mainOf.get(r.c.appeal_id)?.executor_id ?? null;
  };
  const executorIds = [...new Set(ruled.flatMap((r) => executorOf(r) ?? []))];
  const orgNames = new Map(
    executorIds.length === 0
      ? []
      : (
          await trx
            .selectFrom('organisations')
            .select(['id', 'name'])
            .where('id', 'in', executorIds)
            .execute()
        ).map((o) => [o.id, o.name]),
  );

  const staff = await trx
    .selectFrom('users')
    .select(['id', 'role', 'organisation_id'])
    .where('active', '=', true)
    .where((eb) =>
      eb.or([
        eb('role', 'in', ['controller', 'moderator', 'supervisor', 'operator']),
        ...(executorIds.length > 0
          ? [eb.and([eb('role', '=', 'executor'), eb('organisation_id', 'in', executorIds)])]
          : []),
      ]),
    )
    .execute();
  const staffById = new Map(staff.map((u) => [u.id, u]));
  const lastReviewers = new Map(
    (
      await trx
        .selectFrom('reviews')
        .select(['appeal_id', 'reviewer_id'])
        .where('appeal_id', 'in', appealIds)
        .orderBy('id')
        .execute()
    ).map((r) => [r.appeal_id, r.reviewer_id]),
  );

  const recipients = (r: (typeof ruled)[number], rule: WorkNotificationRule): number[] => {
    switch (rule.audience) {
      case 'executor': {
        const org = executorOf(r);
        return staff
          .filter((u) => u.role === 'executor' && u.organisation_id === org)
          .map((u) => u.id);
      }
      case 'controller': {
        const last = lastReviewers.get(r.c.appeal_id);
        const reviewer = last == null ? undefined : staffById.get(last);
        if (reviewer && (reviewer.role === 'controller' || reviewer.role === 'supervisor'))
          return [reviewer.id];
        return staff.filter((u) => u.role === 'controller').map((u) => u.id);
      }
      case 'registrar': {
        const registrar = r.c.registered_by == null ? undefined : staffById.get(r.c.registered_by);
        if (registrar && registrar.role !== 'executor') return [registrar.id];
        const moderators = staff.filter((u) => u.role === 'moderator').map((u) => u.id);
        return moderators.length > 0
          ? moderators
          : staff.filter((u) => u.role === 'supervisor').map((u) => u.id);
      }
    }
  };

  const link = (id: number) => `${deps.config.publicUrl}/appeals/${id}`;
  return ruled.flatMap((r) => {
    const org = executorOf(r);
    const assignment =
      typeof r.data.assignmentId === 'number' ? byAssignment.get(r.data.assignmentId) : undefined;
    const controlDate =
      assignment?.control_date ?? mainOf.get(r.c.appeal_id)?.control_date ?? r.c.control_date;
    const params = {
      number: r.c.number,
      executor: (org !== null ? orgNames.get(org) : undefined) ?? '—',
      deadline: controlDate ? formatInZone(controlDate, deps.config.timeZone, 'uk') : '—',
      text: r.rule.kind === 'assignment_new' ? r.c.question_type : (r.c.comment ?? undefined),
      link: link(r.c.appeal_id),
    };
    return recipients(r, r.rule)
      .filter((userId) => userId !== r.c.actor_id)
      .map((userId) => ({
        dedupeKey: `${r.rule.kind}:${r.c.id}:${userId}`,
        kind: r.rule.kind,
        appealId: r.c.appeal_id,
        recipientUserId: userId,
        params,
      }));
  });
}
