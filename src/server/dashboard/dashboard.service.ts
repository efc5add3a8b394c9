/**
 * The supervisor's live picture: counts by status, overdue appeals by executor, today's intake by
 * channel (regulation 3.1.3, 3.1.5).
 */
import type { Kysely } from 'kysely';
import { DateTime } from 'luxon';
import { ACTIVE_ASSIGNMENT_STATES } from '../../domain/appeal-lifecycle.js';
import type { DB } from '../db/schema.js';
import type { Deps } from '../context.js';

export interface Dashboard {
  byStatus: { status: string; count: number }[];
  overdueByExecutor: { executorId: number; name: string; count: number }[];
  todayByChannel: { channel: string; count: number }[];
}

export async function getDashboard(deps: Deps): Promise<Dashboard> {
  const now = deps.now();
  const today = DateTime.fromJSDate(now, { zone: deps.config.timeZone }).startOf('day').toJSDate();
  const byStatus = await deps.db
    .selectFrom('appeals')
    .select(['status', (eb) => eb.fn.countAll<string>().as('n')])
    .groupBy('status')
    .orderBy('status')
    .execute();
  const overdue = await overdueByExecutor(deps.db, now, { limit: 20 });
  const channels = await deps.db
    .selectFrom('appeals')
    .select(['channel', (eb) => eb.fn.countAll<string>().as('n')])
    .where('registered_at', '>=', today)
    .groupBy('channel')
    .orderBy('n', 'desc')
    .execute();
  return {
    byStatus: byStatus.map((r) => ({ status: r.status, count: Number(r.n) })),
    overdueByExecutor: overdue,
    todayByChannel: channels.map((r) => ({ channel: r.channel, count: Number(r.n) })),
  };
}

/**
 * Open appeals past their control date, counted by the main executor, most first.
 * @param options.minCount leave out executors with fewer; `limit` caps the list.
 */
export async function overdueByExecutor(
  db: Kysely<DB>,
  now: Date,
  options: { minCount?: number; limit: number },
): Promise<{ executorId: number; name: string; count: number }[]> {
  let q = db
    .selectFrom('appeals as a')
    .innerJoin('assignments as m', (join) =>
      join
        .onRef('m.appeal_id', '=', 'a.id')
        .on('m.role', '=', 'main')
        .on('m.state', 'in', ACTIVE_ASSIGNMENT_STATES),
    )
    .innerJoin('organisations as o', 'o.id', 'm.executor_id')
    .select(['o.id', 'o.name', (eb) => eb.fn.countAll<string>().as('n')])
    .where('a.status', '!=', 'closed')
    .where('a.control_date', '<', now)
    .groupBy(['o.id', 'o.name']);
  if (options.minCount) q = q.having((eb) => eb.fn.countAll(), '>=', options.minCount);
  const rows = await q.orderBy('n', 'desc').orderBy('o.name').limit(options.limit).execute();
  return rows.map((r) => ({ executorId: r.id, name: r.name, count: Number(r.n) }));
}
