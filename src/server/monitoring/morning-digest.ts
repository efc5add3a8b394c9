/**
 * The morning digest (issue 18, item 5; regulation 2.2.4 and 3.1.5: management learns at once of
 * the city's most urgent issues and of late handling): from `KONTAKT_DIGEST_HOUR` (default 7:00,
 * the city's time) the first process whose job runs makes yesterday's figures, stores them in
 * `morning_digests` (the day is the primary key: made once across every process) and queues one
 * notification per supervisor and per `KONTAKT_DIGEST_EMAILS` address in the same transaction.
 * Delivery attaches the HTML and the PDF rendered from the stored figures (`digest-render.ts`), so
 * the e-mail, the PDF and the web app's copy show the same numbers.
 *
 * Cost: the day's appeals are one range of `appeals_registered_at_idx` (a capital's day: ~5,000
 * rows); the day's closures are counted by `closed_at`, which has no index — one scan of `appeals`
 * a day (≈ 0.3 s at 1M on PostgreSQL), taken by one process in the morning.
 *
 * Only yesterday is made: after an outage of several days the missed days are not back-filled
 * (their figures are in the standard reports).
 */
import { type Kysely, sql } from 'kysely';
import { DateTime } from 'luxon';
import { digestFigures, type DigestFigures } from '../../contract/digest.schemas.js';
import { countQueues } from '../appeals/appeals.queries.js';
import { loadCalendar } from '../calendar/calendar.repository.js';
import type { Deps } from '../context.js';
import { WHOLE_CENTRE } from '../dashboard/dashboard-snapshot.js';
import { overdueByExecutor } from '../dashboard/dashboard-counts.js';
import type { DB } from '../db/schema.js';
import { notFound } from '../errors.js';
import {
  enqueueNotifications,
  escalationRecipients,
  type NewNotification,
} from '../notifications/outbox.js';
import { digestLines } from './digest-render.js';

/** How many question types and executors the digest lists. */
const TOP_TYPES = 10;
const TOP_LATE_EXECUTORS = 20;

/** The first and the last instant of a city day (`day` as `YYYY-MM-DD`, end exclusive). */
function dayRange(day: string, zone: string): { from: Date; to: Date } {
  const start = DateTime.fromISO(day, { zone }).startOf('day');
  return { from: start.toJSDate(), to: start.plus({ days: 1 }).toJSDate() };
}

/**
 * Yesterday's figures as the digest shows them: the appeals registered on `day` (by kind, channel,
 * question type and district), the appeals closed on it, the alerts raised on it, and — as of
 * `deps.now()` — the open queues and the executors with overdue appeals.
 *
 * @param day the city day, `YYYY-MM-DD` (in `deps.config.timeZone`).
 */
export async function digestFiguresOf(deps: Deps, day: string): Promise<DigestFigures> {
  const db = deps.db;
  const zone = deps.config.timeZone;
  const now = deps.now();
  const { from, to } = dayRange(day, zone);
  const ofDay = db
    .selectFrom('appeals as a')
    .where('a.registered_at', '>=', from)
    .where('a.registered_at', '<', to);
  const [byKind, byChannel, closed, types, districts, queues, alerts, late] = await Promise.all([
    ofDay
      .select(['a.kind', (eb) => eb.fn.countAll<string>().as('n')])
      .groupBy('a.kind')
      .orderBy('n', 'desc')
      .orderBy('a.kind')
      .execute(),
    ofDay
      .select(['a.channel', (eb) => eb.fn.countAll<string>().as('n')])
      .groupBy('a.channel')
      .orderBy('n', 'desc')
      .orderBy('a.channel')
      .execute(),
    db
      .selectFrom('appeals')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('closed_at', '>=', from)
      .where('closed_at', '<', to)
      .executeTakeFirstOrThrow(),
    ofDay
      .innerJoin('question_types as q', 'q.id', 'a.question_type_id')
      .select(['q.name', (eb) => eb.fn.countAll<string>().as('n')])
      .groupBy(['q.id', 'q.name'])
      .orderBy('n', 'desc')
      .orderBy('q.name')
      .limit(TOP_TYPES)
      .execute(),
    ofDay
      .leftJoin('districts as d', 'd.id', 'a.district_id')
      .select(['d.name', (eb) => eb.fn.countAll<string>().as('n')])
      .groupBy(['d.id', 'd.name'])
      .orderBy('n', 'desc')
      .orderBy('d.name')
      .execute(),
    countQueues(deps, WHOLE_CENTRE, ['overdue', 'due_soon', 'on_check', 'needs_routing']),
    db
      .selectFrom('monitoring_alerts as m')
      .innerJoin('question_types as q', 'q.id', 'm.question_type_id')
      .leftJoin('districts as d', 'd.id', 'm.district_id')
      .leftJoin('users as u', 'u.id', 'm.acknowledged_by')
      .select([
        'm.id',
        'q.name as question_type',
        'd.name as district',
        'm.observed',
        'm.expected',
        'm.raised_at',
        'm.explained_by_work_id',
        'u.full_name as acknowledged_by',
      ])
      .where('m.raised_at', '>=', from)
      .where('m.raised_at', '<', to)
      .orderBy('m.raised_at')
      .orderBy('m.id')
      .execute(),
    overdueByExecutor(db, now, { limit: TOP_LATE_EXECUTORS }),
  ]);
  const queue = new Map(queues.map((q) => [q.key, q.count]));
  return {
    day,
    timeZone: zone,
    madeAt: now.toISOString(),
    registered: {
      total: byKind.reduce((sum, r) => sum + Number(r.n), 0),
      byKind: byKind.map((r) => ({ kind: r.kind, count: Number(r.n) })),
      byChannel: byChannel.map((r) => ({ channel: r.channel, count: Number(r.n) })),
    },
    closed: Number(closed.n),
    topQuestionTypes: types.map((r) => ({ questionType: r.name, count: Number(r.n) })),
    byDistrict: districts.map((r) => ({ district: r.name, count: Number(r.n) })),
    open: {
      overdue: queue.get('overdue') ?? 0,
      dueSoon: queue.get('due_soon') ?? 0,
      onCheck: queue.get('on_check') ?? 0,
      needsRouting: queue.get('needs_routing') ?? 0,
    },
    alerts: alerts.map((a) => ({
      id: a.id,
      questionType: a.question_type,
      district: a.district,
      observed: a.observed,
      expected: a.expected,
      raisedAt: new Date(a.raised_at).toISOString(),
      explained: a.explained_by_work_id !== null,
      acknowledgedBy: a.acknowledged_by,
    })),
    overdueExecutors: late.map((l) => ({ executor: l.name ?? '—', count: l.count })),
  };
}

/** The city day before `now`'s, when `now` is at or past the digest hour; else null. */
export function digestDayDue(now: Date, zone: string, hour: number): string | null {
  const local = DateTime.fromJSDate(now, { zone });
  return local.hour < hour ? null : local.minus({ days: 1 }).toISODate();
}

export interface DigestRun {
  /** The day made by this call, or null (not yet the hour, or already made by any process). */
  made: string | null;
  /** Notifications queued with it. */
  queued: number;
}

/**
 * The job (every minute in every process): make yesterday's digest once it is the hour, and
 * queue it to every active supervisor (the web app; e-mail per their choice, ADR 027) and to each
 * `KONTAKT_DIGEST_EMAILS` address. Idempotent across processes: the day's row is inserted with
 * ON CONFLICT DO NOTHING and only the process that inserted it queues the notifications, in the
 * same transaction (their dedupe keys would hold anyway).
 */
export async function runMorningDigest(deps: Deps): Promise<DigestRun> {
  const day = digestDayDue(deps.now(), deps.config.timeZone, deps.config.digest.hour);
  if (day === null) return { made: null, queued: 0 };
  const made = await deps.db
    .selectFrom('morning_digests')
    .select('made_at')
    .where('day', '=', sql<Date>`${day}::date`)
    .executeTakeFirst();
  if (made) return { made: null, queued: 0 };
  const figures = await digestFiguresOf(deps, day);
  return deps.db.transaction().execute(async (trx) => {
    const inserted = await trx
      .insertInto('morning_digests')
      .values({ day, figures: JSON.stringify(figures), made_at: deps.now() })
      .onConflict((oc) => oc.column('day').doNothing())
      .returning('made_at')
      .executeTakeFirst();
    if (!inserted) return { made: null, queued: 0 };
    const queued = await queueDigest(trx, deps, figures);
    return { made: day, queued };
  });
}

async function queueDigest(trx: Kysely<DB>, deps: Deps, figures: DigestFigures): Promise<number> {
  const { supervisors } = await escalationRecipients(trx, []);
  const params = {
    text: DateTime.fromISO(figures.day).toFormat('dd.MM.yyyy'),
    lines: digestLines(figures, 'uk'),
    link: `${deps.config.publicUrl}/alerts/digests/${figures.day}`,
  };
  const items: NewNotification[] = [
    ...supervisors.map((s) => ({ key: `user:${s.userId}`, recipientUserId: s.userId })),
    ...deps.config.digest.emails.map((email) => ({
      key: `email:${email}`,
      recipientEmail: email,
    })),
  ].map(({ key, ...to }) => ({
    dedupeKey: `morning_digest:${figures.day}:${key}`,
    kind: 'morning_digest' as const,
    digestDay: figures.day,
    params,
    ...to,
  }));
  const now = deps.now();
  const calendar = await loadCalendar(trx, deps.config.timeZone, now);
  return enqueueNotifications(trx, items, { now, calendar });
}

/** The digests made, newest first, with three headline figures each. */
export async function listDigests(db: Kysely<DB>, limit = 60) {
  const rows = await db
    .selectFrom('morning_digests')
    .select([sql<string>`to_char(day, 'YYYY-MM-DD')`.as('day'), 'made_at', 'figures'])
    .orderBy('day', 'desc')
    .limit(limit)
    .execute();
  return rows.map((r) => {
    const f = digestFigures.parse(r.figures);
    return {
      day: r.day,
      madeAt: new Date(r.made_at).toISOString(),
      registered: f.registered.total,
      overdue: f.open.overdue,
      alerts: f.alerts.length,
    };
  });
}

/**
 * The stored figures of one day's digest.
 *
 * @throws AppError 404 `digest_not_found`.
 */
export async function digestOf(db: Kysely<DB>, day: string): Promise<DigestFigures> {
  const row = await db
    .selectFrom('morning_digests')
    .select('figures')
    .where('day', '=', sql<Date>`${day}::date`)
    .executeTakeFirst();
  if (!row) throw notFound('digest', day);
  return digestFigures.parse(row.figures);
}
