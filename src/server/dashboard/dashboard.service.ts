/**
 * The supervisor's live picture: counts by status, overdue appeals by executor, today's intake by
 * channel (regulation 3.1.3, 3.1.5).
 */
import { DateTime } from 'luxon';
import type { Deps } from '../context.js';
import { readDashboardSnapshot, type DashboardCounts } from './dashboard-snapshot.js';

export interface Dashboard {
  /**
   * When `byStatus` and `overdueByExecutor` were counted (ISO instant): they come from a snapshot
   * at most `DASHBOARD_SNAPSHOT_MAX_AGE_MS` (a minute) old, ADR 012. `todayByChannel` is live.
   */
  asOf: string;
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
 * @returns counts by status and the 20 executors with the most overdue appeals as of `asOf`
 *   (a snapshot at most a minute old), and today's intake by channel counted now (the city's day).
 */
export async function getDashboard(deps: Deps): Promise<Dashboard> {
  const now = deps.now();
  const today = DateTime.fromJSDate(now, { zone: deps.config.timeZone }).startOf('day').toJSDate();
  const [snapshot, channels] = await Promise.all([
    readDashboardSnapshot(deps),
    deps.db
      .selectFrom('appeals')
      .select(['channel', (eb) => eb.fn.countAll<string>().as('n')])
      .where('registered_at', '>=', today)
      .groupBy('channel')
      .orderBy('n', 'desc')
      .execute(),
  ]);
  return {
    asOf: snapshot.asOf.toISOString(),
    byStatus: snapshot.byStatus,
    figures: snapshot.figures,
    overdueByExecutor: snapshot.overdueByExecutor,
    todayByChannel: channels.map((r) => ({ channel: r.channel, count: Number(r.n) })),
  };
}
