/**
 * The deadline sweep (regulation 3.1.3): marks open appeals due soon or overdue, writes the
 * history events and queues the escalations, in one transaction under an advisory lock.
 *
 * Idempotent: an appeal's state changes once per deadline, and every notification has a dedupe key
 * made of the appeal, the event and the deadline, so a second run — or a second process running at
 * the same moment — queues nothing new. Safe on PGlite and on a PostgreSQL shared by several nodes.
 */
import { sql } from 'kysely';
import { DateTime } from 'luxon';
import { isWithinServiceHours } from '../../domain/calendar/work-calendar.js';
import type { Deps } from '../context.js';
import { overdueByExecutor } from '../dashboard/dashboard-counts.js';
import { loadCalendar } from '../calendar/calendar.repository.js';
import {
  enqueueNotifications,
  escalationRecipients,
  type NewNotification,
} from '../notifications/outbox.js';
import { formatInZone } from '../notifications/templates.js';
import { dueSoonHours } from '../settings.js';
import { tryJobLock } from '../db/advisory-locks.js';

/** Deadlines passed more than this many days ago are marked without notifications. */
export const STALE_AFTER_DAYS = 7;

export interface SweepReport {
  /** False when another process held the lock; nothing was done. */
  ran: boolean;
  dueSoon: number;
  overdue: number;
  explanationsOverdue: number;
  notifications: number;
}

interface Changed {
  id: number;
  number: string;
  old_state: string;
  new_state: 'due_soon' | 'overdue';
  control_date: Date;
  executor_id: number | null;
  executor_name: string | null;
  is_emergency: boolean;
}

export async function runDeadlineSweep(deps: Deps): Promise<SweepReport> {
  const now = deps.now();
  const soonHours = await dueSoonHours(deps.db);
  const soon = new Date(now.getTime() + soonHours * 3600_000);
  const calendar = await loadCalendar(deps.db, deps.config.timeZone, now);
  const link = (id: number) => `${deps.config.publicUrl}/appeals/${id}`;

  return deps.db.transaction().execute(async (trx) => {
    if (!(await tryJobLock(trx, 'deadlineSweep')))
      return { ran: false, dueSoon: 0, overdue: 0, explanationsOverdue: 0, notifications: 0 };

    // One set-based statement marks every appeal whose state moved on; RETURNING gives the changes.
    const { rows: changed } = await sql<Changed>`
      -- Two ranges of partial indexes (migration 0005), so that only the appeals whose mark
      -- changes are read, not every open appeal past its control date.
      WITH overdue AS (
        SELECT a.id, a.deadline_state AS old_state, 'overdue' AS new_state
          FROM appeals a
         WHERE a.status <> 'closed' AND a.deadline_state <> 'overdue' AND a.control_date < ${now}
         FOR UPDATE
      ), soon AS (
        SELECT a.id, a.deadline_state AS old_state, 'due_soon' AS new_state
          FROM appeals a
         WHERE a.status <> 'closed' AND a.deadline_state <> 'due_soon'
           AND a.control_date >= ${now} AND a.control_date < ${soon}
         FOR UPDATE
      ), candidates AS (
        SELECT * FROM overdue UNION ALL SELECT * FROM soon
      ), updated AS (
        UPDATE appeals a SET deadline_state = c.new_state
          FROM candidates c WHERE a.id = c.id
        RETURNING a.id, a.number, c.old_state, c.new_state, a.control_date, a.question_type_id
      )
      SELECT u.id, u.number, u.old_state, u.new_state, u.control_date,
             m.executor_id, o.name AS executor_name, qt.is_emergency
        FROM updated u
        JOIN question_types qt ON qt.id = u.question_type_id
        LEFT JOIN assignments m ON m.appeal_id = u.id AND m.role = 'main'
             AND m.state IN ('pending', 'in_work', 'responded', 'rework')
        LEFT JOIN organisations o ON o.id = m.executor_id
       ORDER BY u.id`.execute(trx);

    // Appeals whose control date moved later (an extension) go back to 'ok' silently.
    await sql`
      UPDATE appeals SET deadline_state = 'ok'
       WHERE status <> 'closed' AND deadline_state <> 'ok' AND control_date >= ${soon}`.execute(
      trx,
    );

    for (let i = 0; i < changed.length; i += 1000) {
      const batch = changed.slice(i, i + 1000);
      await trx
        .insertInto('appeal_events')
        .values(
          batch.map((c) => ({
            appeal_id: c.id,
            at: now,
            actor_id: null,
            actor_label: 'system:deadline-sweep',
            type: c.new_state === 'overdue' ? 'deadline_overdue' : 'deadline_due_soon',
            comment: null,
            data: JSON.stringify({
              controlDate: c.control_date.toISOString(),
              executorId: c.executor_id,
            }),
          })),
        )
        .execute();
    }

    const recipients = await escalationRecipients(trx, [
      ...new Set(changed.flatMap((c) => (c.executor_id === null ? [] : [c.executor_id]))),
    ]);
    const notifications: NewNotification[] = [];
    // A deadline found long past (an import of old open appeals, a long outage) is marked and
    // written to the history, but not announced: nobody can act on a week-old alarm.
    const announceSince = new Date(now.getTime() - STALE_AFTER_DAYS * 86_400_000);
    for (const c of changed) {
      if (c.control_date < announceSince) continue;
      const deadlineKey = c.control_date.toISOString();
      const params = {
        number: c.number,
        executor: c.executor_name ?? '—',
        deadline: formatInZone(c.control_date, deps.config.timeZone, 'uk'),
        link: link(c.id),
      };
      const executorPeople =
        c.executor_id === null ? [] : (recipients.byExecutor.get(c.executor_id) ?? []);
      const kind = c.new_state === 'overdue' ? 'appeal_overdue' : 'appeal_due_soon';
      const people =
        c.new_state === 'overdue' ? [...executorPeople, ...recipients.supervisors] : executorPeople;
      for (const person of people) {
        notifications.push({
          dedupeKey: `${kind}:${c.id}:${deadlineKey}:${person.userId ?? person.email}`,
          kind,
          appealId: c.id,
          recipientUserId: person.userId,
          recipientEmail: person.email,
          params,
          emergency: c.is_emergency,
        });
      }
    }

    // Explanation requests past their own term: the supervisor hears once.
    const lateExplanations = await trx
      .selectFrom('explanation_requests as e')
      .innerJoin('appeals as a', 'a.id', 'e.appeal_id')
      .innerJoin('assignments as s', 's.id', 'e.assignment_id')
      .innerJoin('organisations as o', 'o.id', 's.executor_id')
      .select(['e.id', 'e.due_at', 'a.id as appeal_id', 'a.number', 'o.name'])
      .where('e.state', '=', 'requested')
      .where('e.due_at', '<', now)
      .execute();
    for (const e of lateExplanations) {
      for (const person of recipients.supervisors) {
        notifications.push({
          dedupeKey: `explanation_overdue:${e.id}:${person.userId}`,
          kind: 'explanation_overdue',
          appealId: e.appeal_id,
          recipientUserId: person.userId,
          recipientEmail: person.email,
          params: {
            number: e.number,
            executor: e.name,
            deadline: formatInZone(e.due_at, deps.config.timeZone, 'uk'),
            link: link(e.appeal_id),
          },
        });
      }
    }

    const queued = await enqueueNotifications(trx, notifications, { now, calendar });
    return {
      ran: true,
      dueSoon: changed.filter((c) => c.new_state === 'due_soon').length,
      overdue: changed.filter((c) => c.new_state === 'overdue').length,
      explanationsOverdue: lateExplanations.length,
      notifications: queued,
    };
  });
}

/** Executors with at least this many overdue open appeals appear in the daily summary. */
export const LATE_EXECUTOR_THRESHOLD = 3;

/**
 * Once a day, from the start of service hours, the supervisors get the list of repeatedly late
 * executors (regulation 2.2.3: report late handling to management). Idempotent per day.
 * @returns how many notifications were queued.
 */
export async function queueLateExecutorsSummary(deps: Deps): Promise<number> {
  const now = deps.now();
  const calendar = await loadCalendar(deps.db, deps.config.timeZone, now);
  if (!isWithinServiceHours(calendar, now)) return 0;
  const day = DateTime.fromJSDate(now, { zone: deps.config.timeZone }).toISODate();
  const late = await overdueByExecutor(deps.db, now, {
    minCount: LATE_EXECUTOR_THRESHOLD,
    limit: 50,
  });
  if (late.length === 0) return 0;
  const { supervisors } = await escalationRecipients(deps.db, []);
  return enqueueNotifications(
    deps.db,
    supervisors.map((s) => ({
      dedupeKey: `late_executors_summary:${day}:${s.userId}`,
      kind: 'late_executors_summary' as const,
      recipientUserId: s.userId,
      recipientEmail: s.email,
      params: {
        lines: late.map((l) => `${l.name} — ${l.count}`),
        link: `${deps.config.publicUrl}/appeals?queue=overdue`,
      },
    })),
    { now, calendar },
  );
}
