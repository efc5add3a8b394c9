/**
 * The deadline sweep (regulation 3.1.3): marks open appeals due soon or overdue, writes the
 * history events and queues the escalations, under an advisory lock held by one transaction for
 * the whole run (a large re-marking is spread over id ranges, each its own transaction: ADR 061).
 *
 * Idempotent: an appeal's state changes once per deadline, and every notification has a dedupe key
 * made of the appeal, the event and the deadline, so a second run — or a second process running at
 * the same moment — queues nothing new. Safe on PGlite and on a PostgreSQL shared by several nodes.
 */
import { sql, type Transaction } from 'kysely';
import { DateTime } from 'luxon';
import { isWithinServiceHours, type WorkCalendar } from '../../domain/calendar/work-calendar.js';
import type { Deps } from '../context.js';
import type { DB } from '../db/schema.js';
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

/** How many appeals one marking statement moved to each state. */
interface MarkCounts {
  due_soon_count: number;
  overdue_count: number;
}

/**
 * The marks (ADR 058) of the appeals with ids `$1` … `$2` (a batch just generated) as of `$3`
 * (an ISO instant): open and past the control date, overdue; within a day after it, due soon.
 * Plain text with positional parameters, for the generator's raw statements; the next sweep
 * corrects whatever the service's own due-soon window would mark otherwise.
 */
export const MARK_APPEAL_RANGE_SQL = `
  INSERT INTO appeal_deadline_marks (appeal_id, state)
  SELECT id, CASE WHEN control_date < $3::timestamptz THEN 'overdue' ELSE 'due_soon' END
    FROM appeals
   WHERE id BETWEEN $1::integer AND $2::integer AND status <> 'closed'
     AND control_date < $3::timestamptz + interval '1 day'`;

/** The state an open appeal's control date gives it at `now` (a candidate is past or near it). */
const stateAt = (now: Date) =>
  sql`(CASE WHEN a.control_date < ${now} THEN 'overdue' ELSE 'due_soon' END)`;

/**
 * An open appeal `a` past or near its control date (appeals_open_deadline_idx) whose mark `m`
 * (left-joined; none means 'ok') differs from what the date says.
 */
const isCandidate = (now: Date, soon: Date) =>
  sql`a.status <> 'closed' AND a.control_date < ${soon} AND m.state IS DISTINCT FROM ${stateAt(now)}`;

/** The staff app's page of an appeal, for the notices. */
const appealLink = (deps: Deps, id: number) => `${deps.config.publicUrl}/appeals/${id}`;

/**
 * How a large re-marking is spread (ADR 061): at most `ranges` pieces (see `spreadIds`), each its
 * own transaction on its own connection of the pool. Only with a
 * PostgreSQL server (the embedded engine has one connection): a restore or a long outage leaves
 * tens of thousands of appeals to re-mark at once (28,000 at 1M appeals), and one statement on one
 * core took 3.3 s of the 2 s the sweep is given.
 */
export const SWEEP_SPREAD = { ranges: 2, minRange: 4_000 } as const;

interface RangeReport {
  dueSoon: number;
  overdue: number;
  notifications: number;
}

/**
 * Mark, write the history of and announce the appeals with ids in `ids` that are still candidates
 * as `db` sees them (a transaction): one statement for the marks and events, then the
 * notifications. Only the sweep writes marks, and the caller holds its lock.
 */
async function markAppeals(
  deps: Deps,
  db: Transaction<DB>,
  ids: readonly number[],
  clock: { now: Date; soon: Date; calendar: WorkCalendar },
): Promise<RangeReport> {
  if (ids.length === 0) return { dueSoon: 0, overdue: 0, notifications: 0 };
  const { now, soon, calendar } = clock;
  // The candidate test is repeated for the given ids: an extension or a closing committed since the
  // ids were read is seen here. As of this statement's snapshot, an extension or a closing
  // committed while it runs is not (its event and notices go out, true at the snapshot) and the
  // DELETE of the caller or the next run drops the mark. No appeal row is locked or written (ADR 058).
  // A deadline found long past (an import of old open appeals, a long outage) is marked and
  // written to the history, but not announced: nobody can act on a week-old alarm.
  const announceSince = new Date(now.getTime() - STALE_AFTER_DAYS * 86_400_000);
  // The chain's trigger leaves the events this statement seals itself to it (migration 0048),
  // for this statement only. A transaction, so that the setting covers the statement: without it
  // the trigger would seal these events again, a place past the heads this statement moves.
  await sql`SELECT set_config('kontakt.writer_seals', 'on', true)`.execute(db);
  const { rows } = await sql<MarkCounts & (Changed | { [K in keyof Changed]: null })>`
    WITH candidates AS (
      SELECT a.id, a.number, a.control_date, a.question_type_id,
             coalesce(m.state, 'ok') AS old_state, ${stateAt(now)} AS new_state
        FROM appeals a
        LEFT JOIN appeal_deadline_marks m ON m.appeal_id = a.id
       WHERE a.id = ANY(${ids}::integer[]) AND ${isCandidate(now, soon)}
    ), changed AS (
      SELECT c.id, c.number, c.old_state, c.new_state, c.control_date,
             x.executor_id, o.name AS executor_name, qt.is_emergency
        FROM candidates c
        JOIN question_types qt ON qt.id = c.question_type_id
        LEFT JOIN assignments x ON x.appeal_id = c.id AND x.role = 'main'
             AND x.state IN ('pending', 'in_work', 'responded', 'rework')
        LEFT JOIN organisations o ON o.id = x.executor_id
    ), marked AS (
      -- Only a mark this statement actually moved gets its event and notices: should a second
      -- sweep ever mark the same appeal at once (its lock's connection lost while these pieces
      -- ran), it waits here for this one's commit and then finds nothing to change.
      INSERT INTO appeal_deadline_marks AS m (appeal_id, state)
      SELECT id, new_state FROM changed
      ON CONFLICT (appeal_id) DO UPDATE SET state = EXCLUDED.state
         WHERE m.state IS DISTINCT FROM EXCLUDED.state
      RETURNING appeal_id
    ), moved AS (
      SELECT changed.* FROM changed JOIN marked ON marked.appeal_id = changed.id
    ), drafts AS (
      SELECT id AS appeal_id, ${now}::timestamptz AS at, 'system:deadline-sweep'::text AS actor_label,
             CASE new_state WHEN 'overdue' THEN 'deadline_overdue' ELSE 'deadline_due_soon' END AS type,
             jsonb_build_object(
               'controlDate',
               to_char(control_date AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
               'executorId', executor_id) AS data
        FROM moved
    ), sealed AS (
      -- The events sealed here, set-based (ADR 066): each appeal's head moves on by one and hashes
      -- the event that takes its place, as the chain's trigger would one by one. The head's row
      -- lock orders this against any other writer of the appeal (a concurrent writer's head is
      -- waited for and re-read). The column order is appeal_events'.
      UPDATE appeal_history_heads h
         SET seq = h.seq + 1,
             hash = kontakt_event_hash(NULLIF(h.hash, ''), ROW(NULL, d.appeal_id, d.at, NULL,
               d.actor_label, d.type, NULL, NULL, NULL, d.data, h.seq + 1, NULL)::appeal_events)
        FROM drafts d
       WHERE h.appeal_id = d.appeal_id
      RETURNING h.appeal_id, h.seq, h.hash
    ), written AS (
      -- An appeal with no history yet has no head: its event comes unsealed, and the trigger
      -- seals it (and checks the appeal).
      INSERT INTO appeal_events (appeal_id, at, actor_id, actor_label, type, data, seq, hash)
      SELECT d.appeal_id, d.at, NULL, d.actor_label, d.type, d.data, s.seq, s.hash
        FROM drafts d
        LEFT JOIN sealed s ON s.appeal_id = d.appeal_id
    ), counted AS (
      SELECT count(*) FILTER (WHERE new_state = 'due_soon')::integer AS due_soon_count,
             count(*) FILTER (WHERE new_state = 'overdue')::integer AS overdue_count
        FROM moved
    )
    -- The counts, and the rows of the deadlines recent enough to announce (a re-marking after a
    -- restore moves tens of thousands of long-past ones, which need no row in Node).
    SELECT counted.*, recent.*
      FROM counted
      LEFT JOIN LATERAL (
        SELECT * FROM moved WHERE control_date >= ${announceSince}
      ) recent ON true
     ORDER BY recent.id`.execute(db);
  await sql`SELECT set_config('kontakt.writer_seals', 'off', true)`.execute(db);
  const counts = rows[0] ?? { due_soon_count: 0, overdue_count: 0 };
  const changed = rows.filter((r): r is Changed & MarkCounts => r.id !== null);

  const recipients = await escalationRecipients(db, [
    ...new Set(changed.flatMap((c) => (c.executor_id === null ? [] : [c.executor_id]))),
  ]);
  const notifications: NewNotification[] = [];
  for (const c of changed) {
    const deadlineKey = c.control_date.toISOString();
    const params = {
      number: c.number,
      executor: c.executor_name ?? '—',
      deadline: formatInZone(c.control_date, deps.config.timeZone, 'uk'),
      link: appealLink(deps, c.id),
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
  return {
    dueSoon: counts.due_soon_count,
    overdue: counts.overdue_count,
    notifications: await enqueueNotifications(db, notifications, { now, calendar }),
  };
}

/** Consecutive candidates dealt to one piece at a time (see `spreadIds`). */
const SPREAD_BLOCK = 256;

/**
 * `ids` (ascending) dealt into at most `ranges` pieces, no more than there are whole `minRange`s
 * of ids (one piece below twice `minRange`), in blocks of 256 consecutive ids taken in turn: the old
 * appeals' pages are colder and their re-marking measured twice as slow as the recent ones', so
 * each piece gets its share of both.
 */
export function spreadIds(
  ids: readonly number[],
  spread: { ranges: number; minRange: number },
): number[][] {
  const count = Math.max(1, Math.min(spread.ranges, Math.floor(ids.length / spread.minRange)));
  const pieces: number[][] = Array.from({ length: count }, () => []);
  for (let start = 0; start < ids.length; start += SPREAD_BLOCK) {
    pieces[(start / SPREAD_BLOCK) % count]!.push(...ids.slice(start, start + SPREAD_BLOCK));
  }
  return pieces.filter((piece) => piece.length > 0);
}

/**
 * Run the sweep once: every open appeal whose deadline state moved on is marked (ADR 058), gets its
 * history event and its notices; explanation requests past their term are announced; marks that no
 * longer apply are dropped.
 *
 * One transaction holds the job's advisory lock for the whole run (another process's sweep skips,
 * `ran: false`). The candidates are read first; on a PostgreSQL server at least twice
 * `spread.minRange` of them are dealt into pieces (`spreadIds`), each marked in a transaction of
 * its own on its own connection, all at once (ADR 061). A piece that fails leaves the others
 * committed and its appeals for the next run; the error is thrown once every piece has finished.
 *
 * @param spread the pieces (tests set small ones); the embedded engine always runs one.
 */
export async function runDeadlineSweep(
  deps: Deps,
  spread: { ranges: number; minRange: number } = SWEEP_SPREAD,
): Promise<SweepReport> {
  const now = deps.now();
  const soonHours = await dueSoonHours(deps.db);
  const soon = new Date(now.getTime() + soonHours * 3600_000);
  const calendar = await loadCalendar(deps.db, deps.config.timeZone, now);
  const clock = { now, soon, calendar };

  return deps.db.transaction().execute(async (trx) => {
    if (!(await tryJobLock(trx, 'deadlineSweep')))
      return { ran: false, dueSoon: 0, overdue: 0, explanationsOverdue: 0, notifications: 0 };

    const { rows: candidates } = await sql<{ id: number }>`
      SELECT a.id
        FROM appeals a
        LEFT JOIN appeal_deadline_marks m ON m.appeal_id = a.id
       WHERE ${isCandidate(now, soon)}
       ORDER BY a.id`.execute(trx);
    const pieces = spreadIds(
      candidates.map((c) => c.id),
      deps.config.databaseUrl ? spread : { ranges: 1, minRange: 1 },
    );
    const reports =
      pieces.length === 1
        ? [await markAppeals(deps, trx, pieces[0] ?? [], clock)]
        : await allSettledOrThrow(
            pieces.map((piece) =>
              deps.db.transaction().execute((range) => markAppeals(deps, range, piece, clock)),
            ),
          );

    // Appeals whose control date moved later (an extension) go back to 'ok' silently; a closed
    // appeal's mark is dropped (the sweep reads open appeals only).
    await sql`
      DELETE FROM appeal_deadline_marks m
       WHERE NOT EXISTS (
         SELECT FROM appeals a
          WHERE a.id = m.appeal_id AND a.status <> 'closed' AND a.control_date < ${soon})`.execute(
      trx,
    );

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
    const notifications: NewNotification[] = [];
    if (lateExplanations.length > 0) {
      const { supervisors } = await escalationRecipients(trx, []);
      for (const e of lateExplanations) {
        for (const person of supervisors) {
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
              link: appealLink(deps, e.appeal_id),
            },
          });
        }
      }
    }
    const queued = await enqueueNotifications(trx, notifications, { now, calendar });
    return {
      ran: true,
      dueSoon: sum(reports, (r) => r.dueSoon),
      overdue: sum(reports, (r) => r.overdue),
      explanationsOverdue: lateExplanations.length,
      notifications: queued + sum(reports, (r) => r.notifications),
    };
  });
}

const sum = <T>(items: readonly T[], of: (item: T) => number): number =>
  items.reduce((total, item) => total + of(item), 0);

/**
 * The results of `tasks` once every one has settled; the first failure is thrown then (so that
 * nothing still runs when the caller's transaction ends and releases its lock).
 */
async function allSettledOrThrow<T>(tasks: Promise<T>[]): Promise<T[]> {
  const settled = await Promise.allSettled(tasks);
  const failed = settled.find((s): s is PromiseRejectedResult => s.status === 'rejected');
  if (failed) throw failed.reason;
  return settled.map((s) => (s as PromiseFulfilledResult<T>).value);
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
