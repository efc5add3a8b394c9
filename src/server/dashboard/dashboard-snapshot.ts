/**
 * The supervisor's heavy counts (appeals by status, overdue appeals by executor) as a snapshot in
 * `monitoring_snapshots` (migration 0006, ADR 012): counting them reads every appeal, so they are
 * computed at most once a minute — by the background job, or by the first request that finds the
 * snapshot older than that — and every answer carries the instant they were taken (`asOf`).
 *
 * Several app processes may share one database: a refresh runs under a transaction-scoped advisory
 * lock, so only one process counts at a time; the others keep answering from the last snapshot.
 */
import { SUPERVISOR_FIGURES } from '../../domain/queues.js';
import { countQueues } from '../appeals/appeals.queries.js';
import type { Deps, UserActor } from '../context.js';
import { countByStatus, overdueByExecutor } from './dashboard-counts.js';
import { tryJobLock } from '../db/advisory-locks.js';

/** The snapshot is recomputed when older than this (milliseconds); the job runs as often. */
export const DASHBOARD_SNAPSHOT_MAX_AGE_MS = 60_000;

/** Executors listed in the overdue ranking of the dashboard. */
export const OVERDUE_EXECUTORS_LISTED = 20;

/** Name of the dashboard's row in `monitoring_snapshots`. */
const SNAPSHOT = 'dashboard';

/** One row of the overdue table: an executor, the appeals without one (`null`), or the rest. */
export interface OverdueRow {
  /** The main executor's id; `null` for appeals without an active main executor. */
  executorId: number | null;
  name: string | null;
  count: number;
  /** True for the one row that adds up the executors beyond the listed ones. */
  others?: boolean;
}

/** The counts of one snapshot, as the dashboard shows them. */
export interface DashboardCounts {
  byStatus: { status: string; count: number }[];
  figures: { key: (typeof SUPERVISOR_FIGURES)[number]; count: number }[];
  /** Adds up to the `overdue` figure. */
  overdueByExecutor: OverdueRow[];
}

/** The whole centre as the queues count it for a supervisor (every appeal is visible). */
export const WHOLE_CENTRE: UserActor = {
  kind: 'user',
  id: 0,
  login: 'dashboard-snapshot',
  fullName: 'Dashboard snapshot',
  role: 'supervisor',
  organisationId: null,
};

/** Counts with the instant they were taken. */
export interface DashboardSnapshot extends DashboardCounts {
  asOf: Date;
}

/**
 * Count now, from the tables (what a snapshot stores). Run it inside one repeatable-read
 * transaction (as `refreshDashboardSnapshot` does) so every figure sees the same moment.
 */
export async function computeDashboardCounts(
  deps: Deps,
  now: Date,
  options: { openOnly?: boolean } = {},
): Promise<DashboardCounts> {
  const byStatus = await countByStatus(deps.db, options);
  const figures = await countQueues({ ...deps, now: () => now }, WHOLE_CENTRE, SUPERVISOR_FIGURES);
  const rows = await overdueByExecutor(deps.db, now, { limit: 100_000, withoutExecutor: true });
  const none = rows.filter((r) => r.executorId === null);
  const executors = rows.filter((r) => r.executorId !== null);
  const listed = executors.slice(0, OVERDUE_EXECUTORS_LISTED);
  const rest = executors.slice(OVERDUE_EXECUTORS_LISTED).reduce((n, r) => n + r.count, 0);
  return {
    byStatus,
    figures: figures.map((f) => ({
      key: f.key as (typeof SUPERVISOR_FIGURES)[number],
      count: f.count,
    })),
    overdueByExecutor: [
      ...listed,
      ...(rest > 0 ? [{ executorId: null, name: null, count: rest, others: true }] : []),
      ...none,
    ],
  };
}

/**
 * The counts of open appeals — the figures, open appeals by status and the overdue rows — taken
 * now in one repeatable-read transaction: every number on the supervisor's page (except the
 * closed count, from the snapshot) and the list each opens agree (issue 12). Open appeals are a
 * small part of the table and their counts are served by partial indexes; only counting the
 * closed ones reads the whole table, which is what the snapshot is kept for.
 */
export async function computeOpenCounts(
  deps: Deps,
  now: Date,
): Promise<Omit<DashboardCounts, 'byStatus'> & { openByStatus: DashboardCounts['byStatus'] }> {
  return deps.db
    .transaction()
    .setIsolationLevel('repeatable read')
    .execute(async (trx) => {
      const { byStatus, ...rest } = await computeDashboardCounts({ ...deps, db: trx }, now, {
        openOnly: true,
      });
      return { ...rest, openByStatus: byStatus };
    });
}

/** A stored snapshot of an older shape (before the figures) is retaken rather than shown. */
function isCurrentShape(data: unknown): data is DashboardCounts {
  return (
    typeof data === 'object' && data !== null && Array.isArray((data as DashboardCounts).figures)
  );
}

/**
 * Recompute the snapshot now, unless another process is doing it (then nothing is done).
 *
 * @returns the new snapshot, or null when another process held the lock.
 */
export async function refreshDashboardSnapshot(deps: Deps): Promise<DashboardSnapshot | null> {
  return deps.db
    .transaction()
    .setIsolationLevel('repeatable read')
    .execute(async (trx) => {
      if (!(await tryJobLock(trx, 'dashboardSnapshot'))) return null;
      const started = performance.now();
      const asOf = deps.now();
      const counts = await computeDashboardCounts({ ...deps, db: trx }, asOf);
      const tookMs = Math.round(performance.now() - started);
      await trx
        .insertInto('monitoring_snapshots')
        .values({ name: SNAPSHOT, data: JSON.stringify(counts), as_of: asOf, took_ms: tookMs })
        .onConflict((oc) =>
          oc.column('name').doUpdateSet((eb) => ({
            data: eb.ref('excluded.data'),
            as_of: eb.ref('excluded.as_of'),
            took_ms: eb.ref('excluded.took_ms'),
          })),
        )
        .execute();
      return { ...counts, asOf };
    });
}

/**
 * The dashboard's counts: the stored snapshot while it is younger than
 * `DASHBOARD_SNAPSHOT_MAX_AGE_MS`; otherwise recomputed now (and stored). When another process is
 * recomputing at that moment, the older snapshot is returned (its `asOf` says how old); with no
 * snapshot at all, the counts are taken without storing them.
 */
export async function readDashboardSnapshot(deps: Deps): Promise<DashboardSnapshot> {
  const row = await deps.db
    .selectFrom('monitoring_snapshots')
    .select(['data', 'as_of'])
    .where('name', '=', SNAPSHOT)
    .executeTakeFirst();
  const now = deps.now();
  const stored = row && isCurrentShape(row.data) ? { ...row.data, asOf: row.as_of } : null;
  if (stored && now.getTime() - stored.asOf.getTime() <= DASHBOARD_SNAPSHOT_MAX_AGE_MS) {
    return stored;
  }
  const fresh = await refreshDashboardSnapshot(deps);
  if (fresh) return fresh;
  if (stored) return stored;
  return { ...(await computeDashboardCounts(deps, now)), asOf: now };
}
