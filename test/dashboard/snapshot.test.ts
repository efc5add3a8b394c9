/**
 * The dashboard's count snapshot (ADR 012): it equals a fresh COUNT when taken, may lag by at most
 * its refresh interval (and says so with `asOf`), and is retaken by the first read after that.
 */
import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { registerAppeal } from '../../src/server/appeals/register-appeal.js';
import type { UserActor } from '../../src/server/context.js';
import {
  DASHBOARD_SNAPSHOT_MAX_AGE_MS,
  readDashboardSnapshot,
  refreshDashboardSnapshot,
} from '../../src/server/dashboard/dashboard-snapshot.js';
import { getDashboard } from '../../src/server/dashboard/dashboard.service.js';
import { makeUser, routedQuestionType } from '../factories.js';
import { createTestContext, type TestContext } from '../test-db.js';

let ctx: TestContext;
let operator: UserActor;
let questionTypeId: number;
const T0 = new Date('2026-11-30T10:00:00+02:00');

async function freshCounts() {
  const byStatus = await sql<{ status: string; n: string }>`
    SELECT status, count(*) AS n FROM appeals GROUP BY status ORDER BY status`.execute(ctx.deps.db);
  const overdue = await sql<{ executor_id: number; n: string }>`
    SELECT m.executor_id, count(*) AS n FROM appeals a
      JOIN assignments m ON m.appeal_id = a.id AND m.role = 'main'
       AND m.state IN ('pending', 'in_work', 'responded', 'rework')
     WHERE a.status <> 'closed' AND a.control_date < ${ctx.deps.now()}
     GROUP BY m.executor_id ORDER BY m.executor_id`.execute(ctx.deps.db);
  return {
    byStatus: byStatus.rows.map((r) => ({ status: r.status, count: Number(r.n) })),
    overdue: overdue.rows.map((r) => ({ executorId: r.executor_id, count: Number(r.n) })),
  };
}

function register(receivedAt: Date, kind: 'application' | 'consultation' = 'application') {
  return registerAppeal(ctx.deps, operator, {
    channel: 'phone',
    kind,
    subject: 'individual',
    receiptSign: 'primary',
    questionTypeId,
    description: 'Немає світла у дворі',
    confidential: false,
    acknowledgeRepeat: false,
    receivedAt: receivedAt.toISOString(),
  });
}

// Each test has its own database with the same appeals, the clock at T0.
beforeEach(async () => {
  ctx = await createTestContext();
  ctx.setNow(T0);
  ({ questionTypeId } = await routedQuestionType(ctx.deps));
  const user = await makeUser(ctx.deps, 'operator');
  operator = { kind: 'user', ...user, organisationId: null };
  // Some long past their control date (overdue), some new, one consultation (closed at once).
  for (let i = 0; i < 3; i++) await register(new Date('2026-09-01T09:00:00Z'));
  // One overdue appeal whose executor returned it (not in competence): it has no executor now.
  const unrouted = await register(new Date('2026-09-02T09:00:00Z'));
  await ctx.deps.db
    .updateTable('assignments')
    .set({ state: 'returned' })
    .where('appeal_id', '=', unrouted.id)
    .execute();
  for (let i = 0; i < 2; i++) await register(new Date('2026-11-30T07:00:00Z'));
  await register(new Date('2026-11-30T07:30:00Z'), 'consultation');
});
afterEach(() => ctx.close());

describe('dashboard snapshot', () => {
  it('equals a fresh count when taken, and says when', async () => {
    const snapshot = await readDashboardSnapshot(ctx.deps);
    const fresh = await freshCounts();
    expect(snapshot.asOf).toEqual(T0);
    expect(snapshot.byStatus).toEqual(fresh.byStatus);
    expect(
      snapshot.overdueByExecutor
        .filter((r) => r.executorId !== null)
        .map((r) => ({ executorId: r.executorId, count: r.count }))
        .sort((a, b) => (a.executorId ?? 0) - (b.executorId ?? 0)),
    ).toEqual(fresh.overdue);
    expect(fresh.overdue.reduce((n, r) => n + r.count, 0)).toBe(3);
    expect(snapshot.overdueByExecutor.find((r) => r.executorId === null)?.count).toBe(1);
    // One snapshot, one definition: the overdue figure is what the rows add up to.
    const overdueFigure = snapshot.figures.find((f) => f.key === 'overdue')?.count;
    expect(snapshot.overdueByExecutor.reduce((n, r) => n + r.count, 0)).toBe(overdueFigure);
    expect(snapshot.figures.find((f) => f.key === 'on_check')?.count).toBe(
      snapshot.byStatus.find((s) => s.status === 'on_check')?.count ?? 0,
    );
  });

  it('counts open appeals now and closed ones from the snapshot, with its asOf', async () => {
    await readDashboardSnapshot(ctx.deps); // taken at T0
    ctx.setNow(new Date(T0.getTime() + 10_000));
    await register(new Date('2026-11-30T07:45:00Z'));
    await register(new Date('2026-11-30T07:46:00Z'), 'consultation');
    const dashboard = await getDashboard(ctx.deps);
    expect(dashboard.asOf).toBe(T0.toISOString());
    expect(dashboard.countedAt).toBe(new Date(T0.getTime() + 10_000).toISOString());
    const registered = dashboard.byStatus.find((s) => s.status === 'registered')?.count;
    expect(registered).toBe(7); // open appeals: counted now, as the lists count them
    expect(dashboard.figures.find((f) => f.key === 'open')?.count).toBe(7);
    const closed = dashboard.byStatus.find((s) => s.status === 'closed')?.count;
    expect(closed).toBe(1); // the second consultation is not in the snapshot yet
    expect(dashboard.todayByChannel.find((c) => c.channel === 'phone')?.count).toBe(9); // live
  });

  it('is retaken by the first read after the interval and matches a fresh count again', async () => {
    expect((await readDashboardSnapshot(ctx.deps)).asOf).toEqual(T0);
    await register(new Date('2026-11-30T07:45:00Z'));
    const later = new Date(T0.getTime() + DASHBOARD_SNAPSHOT_MAX_AGE_MS + 1);
    ctx.setNow(later);
    const snapshot = await readDashboardSnapshot(ctx.deps);
    expect(snapshot.asOf).toEqual(later);
    expect(snapshot.byStatus).toEqual((await freshCounts()).byStatus);
    const stored = await ctx.deps.db
      .selectFrom('monitoring_snapshots')
      .select(['as_of', 'took_ms'])
      .where('name', '=', 'dashboard')
      .executeTakeFirstOrThrow();
    expect(stored.as_of).toEqual(later);
    expect(stored.took_ms).toBeGreaterThanOrEqual(0);
  });

  it('a scheduled refresh retakes it at once', async () => {
    await readDashboardSnapshot(ctx.deps); // taken at T0
    await register(new Date('2026-11-30T07:50:00Z'));
    const refreshed = await refreshDashboardSnapshot(ctx.deps);
    expect(refreshed?.byStatus).toEqual((await freshCounts()).byStatus);
  });
});
