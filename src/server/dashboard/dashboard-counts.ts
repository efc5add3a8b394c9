/**
 * The counts behind the supervisor's dashboard, read from the tables (regulation 3.1.3: watch the
 * deadlines; 3.1.5: the live picture). Both read many rows at a capital's scale: the dashboard shows
 * them from a snapshot (`dashboard-snapshot.ts`, ADR 012); the sweep's daily summary counts live.
 */
import type { Kysely } from 'kysely';
import { ACTIVE_ASSIGNMENT_STATES } from '../../domain/appeal-lifecycle.js';
import type { DB } from '../db/schema.js';

/**
 * Appeals counted by status: every appeal read (what the snapshot stores), or with `openOnly`
 * only the open ones (cheap enough to count live).
 */
export async function countByStatus(
  db: Kysely<DB>,
  options: { openOnly?: boolean } = {},
): Promise<{ status: string; count: number }[]> {
  let q = db.selectFrom('appeals');
  if (options.openOnly) q = q.where('status', '!=', 'closed');
  const rows = await q
    .select(['status', (eb) => eb.fn.countAll<string>().as('n')])
    .groupBy('status')
    .orderBy('status')
    .execute();
  return rows.map((r) => ({ status: r.status, count: Number(r.n) }));
}

/**
 * Open appeals past their control date (the `overdue` queue's definition: not closed, control
 * date before `now`), counted by the active main executor, most first; appeals with no active
 * main executor are one row with `executorId: null`, so the rows add up to the queue's count.
 *
 * @param options.minCount leave out executors with fewer; `limit` caps the list (the row without
 *   an executor is kept when `withoutExecutor` is true, else left out).
 */
export async function overdueByExecutor(
  db: Kysely<DB>,
  now: Date,
  options: { minCount?: number; limit: number; withoutExecutor?: boolean },
): Promise<{ executorId: number | null; name: string | null; count: number }[]> {
  let q = db
    .selectFrom('appeals as a')
    .leftJoin('assignments as m', (join) =>
      join
        .onRef('m.appeal_id', '=', 'a.id')
        .on('m.role', '=', 'main')
        .on('m.state', 'in', ACTIVE_ASSIGNMENT_STATES),
    )
    .leftJoin('organisations as o', 'o.id', 'm.executor_id')
    .select(['o.id', 'o.name', (eb) => eb.fn.countAll<string>().as('n')])
    .where('a.status', '!=', 'closed')
    .where('a.control_date', '<', now)
    .groupBy(['o.id', 'o.name']);
  if (!options.withoutExecutor) q = q.where('o.id', 'is not', null);
  if (options.minCount) q = q.having((eb) => eb.fn.countAll(), '>=', options.minCount);
  const rows = await q.orderBy('n', 'desc').orderBy('o.name').limit(options.limit).execute();
  return rows.map((r) => ({ executorId: r.id, name: r.name, count: Number(r.n) }));
}
