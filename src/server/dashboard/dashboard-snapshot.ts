/**
 * The supervisor's heavy counts (appeals by status, overdue appeals by executor) as a snapshot in
 * `monitoring_snapshots` (migration 0006, ADR 012): counting them reads every appeal, so they are
 * computed at most once a minute — by the background job, or by the first request that finds the
 * snapshot older than that — and every answer carries the instant they were taken (`asOf`).
 *
 * Several app processes may share one database: a refresh runs under a transaction-scoped advisory
 * lock, so only one process counts at a time; the others keep answering from the last snapshot.
 */
import { sql } from 'kysely';
import type { Deps } from '../context.js';
import { countByStatus, overdueByExecutor } from './dashboard-counts.js';

/** The snapshot is recomputed when older than this (milliseconds); the job runs as often. */
export const DASHBOARD_SNAPSHOT_MAX_AGE_MS = 60_000;

/** Executors listed in the overdue ranking of the dashboard. */
export const OVERDUE_EXECUTORS_LISTED = 20;

/** Name of the dashboard's row in `monitoring_snapshots`. */
const SNAPSHOT = 'dashboard';
/** Arbitrary constant naming the refresh's advisory lock ("Kont" + 1; the sweep has "Kont"). */
const SNAPSHOT_LOCK = 0x4b6f6e75;

/** The counts of one snapshot, as the dashboard shows them. */
export interface DashboardCounts {
  byStatus: { status: string; count: number }[];
  overdueByExecutor: { executorId: number; name: string; count: number }[];
}

/** Counts with the instant they were taken. */
export interface DashboardSnapshot extends DashboardCounts {
  asOf: Date;
}

/** Count now, from the tables (what a snapshot stores). */
export async function computeDashboardCounts(deps: Deps, now: Date): Promise<DashboardCounts> {
  const byStatus = await countByStatus(deps.db);
  const overdue = await overdueByExecutor(deps.db, now, { limit: OVERDUE_EXECUTORS_LISTED });
  return { byStatus, overdueByExecutor: overdue };
}

/**
 * Recompute the snapshot now, unless another process is doing it (then nothing is done).
 *
 * @returns the new snapshot, or null when another process held the lock.
 */
export async function refreshDashboardSnapshot(deps: Deps): Promise<DashboardSnapshot | null> {
  return deps.db.transaction().execute(async (trx) => {
    const { rows } = await sql<{
      locked: boolean;
    }>`SELECT pg_try_advisory_xact_lock(${SNAPSHOT_LOCK}) AS locked`.execute(trx);
    if (!rows[0]?.locked) return null;
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
  if (row && now.getTime() - row.as_of.getTime() <= DASHBOARD_SNAPSHOT_MAX_AGE_MS) {
    return { ...(row.data as unknown as DashboardCounts), asOf: row.as_of };
  }
  const fresh = await refreshDashboardSnapshot(deps);
  if (fresh) return fresh;
  if (row) return { ...(row.data as unknown as DashboardCounts), asOf: row.as_of };
  return { ...(await computeDashboardCounts(deps, now)), asOf: now };
}
