/**
 * The supervisor's live picture: counts by status, overdue appeals by executor, today's intake by
 * channel (regulation 3.1.3, 3.1.5).
 */
import { DateTime } from 'luxon';
import type { Deps } from '../context.js';
import {
  computeOpenCounts,
  readDashboardSnapshot,
  type DashboardCounts,
} from './dashboard-snapshot.js';

export interface Dashboard {
  /**
   * When the closed appeals were counted (ISO instant): a snapshot at most
   * `DASHBOARD_SNAPSHOT_MAX_AGE_MS` (a minute) old, ADR 012. Everything else is counted now.
   */
  asOf: string;
  /** When the open appeals were counted (now): the figures, open statuses and overdue rows. */
  countedAt: string;
  /** Open statuses counted now; `closed` from the snapshot of `asOf`. */
  byStatus: DashboardCounts['byStatus'];
  /** Overdue, due within 24 h, on check, unrouted, open: the queues' own definitions. */
  figures: DashboardCounts['figures'];
  /** Adds up to the overdue figure: executors, the rest, and appeals without an executor. */
  overdueByExecutor: DashboardCounts['overdueByExecutor'];
  todayByChannel: { channel: string; count: number }[];
}

/**
 * The supervisor's live picture.
 *
 * @returns the figures, open appeals by status and overdue by executor counted now in one
 *   transaction (each equals the list it opens), closed appeals as of `asOf` (the snapshot), and
 *   today's intake by channel (the city's day).
 */
export async function getDashboard(deps: Deps): Promise<Dashboard> {
  const now = deps.now();
  const today = DateTime.fromJSDate(now, { zone: deps.config.timeZone }).startOf('day').toJSDate();
  const [snapshot, open, channels] = await Promise.all([
    readDashboardSnapshot(deps),
    computeOpenCounts(deps, now),
    deps.db
      .selectFrom('appeals')
      .select(['channel', (eb) => eb.fn.countAll<string>().as('n')])
      .where('registered_at', '>=', today)
      .groupBy('channel')
      .orderBy('n', 'desc')
      .execute(),
  ]);
  const closed = snapshot.byStatus.filter((s) => s.status === 'closed');
  return {
    asOf: snapshot.asOf.toISOString(),
    countedAt: now.toISOString(),
    byStatus: [...open.openByStatus, ...closed],
    figures: open.figures,
    overdueByExecutor: open.overdueByExecutor,
    todayByChannel: channels.map((r) => ({ channel: r.channel, count: Number(r.n) })),
  };
}
