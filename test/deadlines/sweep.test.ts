/**
 * The deadline sweep over 10,000 open appeals marks exactly the expected ones; running it twice, or
 * twice at once, queues each notification once.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import {
  queueLateExecutorsSummary,
  runDeadlineSweep,
  spreadIds,
} from '../../src/server/deadlines/sweep.js';
import { verifyHistory } from '../../src/server/audit/audit.service.js';
import { holdingTransaction, releaseOnceBlocked } from '../db-locks.js';
import { makeUser, routedQuestionType } from '../factories.js';
import { createTestContext, type TestContext } from '../test-db.js';

const NOW = new Date('2026-11-30T10:00:00+02:00'); // a Monday, inside service hours
const N = 10_000;
/** Seeding and sweeping 10,000 appeals: ~10 s alone, minutes on a loaded 2-core machine. */
const BIG = { timeout: 600_000 };

/**
 * A database of its own with `n` open appeals of one executor (two users and the organisation's
 * mailbox) and a supervisor, the clock at NOW. Appeal i: overdue when i % 3 = 0 (control date
 * 1..n minutes ago), due soon when i % 3 = 1 (within the next 24 hours), fine when i % 3 = 2 (a
 * week ahead); every 10th is closed. With `history`, every even appeal has begun its history (one
 * event, sealed by the chain's trigger), so the sweep seals its events after it (ADR 066); the odd
 * ones have no head, and the trigger starts their chains.
 */
async function seeded(n: number, { history = false } = {}): Promise<TestContext> {
  const ctx = await createTestContext();
  ctx.setNow(NOW);
  const { deps } = ctx;
  const { questionTypeId, executorId } = await routedQuestionType(deps);
  await makeUser(deps, 'executor', { organisationId: executorId });
  await makeUser(deps, 'executor', { organisationId: executorId });
  await makeUser(deps, 'supervisor');
  await sql`
    INSERT INTO appeals (number, received_at, channel, kind, subject, question_type_id, description,
                         status, result, closed_at, control_date, legal_deadline)
    SELECT 'SW-' || g, ${NOW}::timestamptz - interval '20 days', 'phone', 'application', 'individual',
           ${questionTypeId}, 'Навантажувальне звернення ' || g,
           CASE WHEN g % 10 = 0 THEN 'closed' ELSE 'in_work' END,
           CASE WHEN g % 10 = 0 THEN 'explained' END,
           CASE WHEN g % 10 = 0 THEN ${NOW}::timestamptz END,
           CASE g % 3 WHEN 0 THEN ${NOW}::timestamptz - (g || ' minutes')::interval
                      WHEN 1 THEN ${NOW}::timestamptz + ((g % 1400) || ' minutes')::interval
                      ELSE ${NOW}::timestamptz + interval '7 days' END,
           ${NOW}::timestamptz + interval '10 days'
      FROM generate_series(1, ${n}) AS g`.execute(deps.db);
  await sql`
    INSERT INTO assignments (appeal_id, executor_id, role, state, control_date)
    SELECT id, ${executorId}, 'main', CASE WHEN status = 'closed' THEN 'done' ELSE 'in_work' END, control_date
      FROM appeals WHERE number LIKE 'SW-%'`.execute(deps.db);
  if (history) {
    await sql`
      INSERT INTO appeal_events (appeal_id, at, actor_label, type, to_status)
      SELECT id, received_at, 'test', 'registered', 'registered'
        FROM appeals WHERE number LIKE 'SW-%' AND substr(number, 4)::integer % 2 = 0`.execute(
      deps.db,
    );
  }
  return ctx;
}

/** The id of the appeal numbered `number`. */
async function idOf(ctx: TestContext, number: string): Promise<number> {
  const row = await ctx.deps.db
    .selectFrom('appeals')
    .select('id')
    .where('number', '=', number)
    .executeTakeFirstOrThrow();
  return row.id;
}

/** Every history chain recomputes (`kontakt audit verify`): no event changed, missing or unplaced. */
async function expectIntactHistory(ctx: TestContext): Promise<void> {
  expect((await verifyHistory(ctx.deps)).problems).toEqual([]);
}

/** How many of appeals 1..n are open and overdue, and open and due soon, at NOW. */
function expected(n: number) {
  const open = Array.from({ length: n }, (_, i) => i + 1).filter((g) => g % 10 !== 0);
  return {
    overdue: open.filter((g) => g % 3 === 0).length,
    dueSoon: open.filter((g) => g % 3 === 1).length,
  };
}
const { overdue: expectedOverdue, dueSoon: expectedDueSoon } = expected(N);

const contexts: TestContext[] = [];
async function use(ctx: Promise<TestContext>): Promise<TestContext> {
  const ready = await ctx;
  contexts.push(ready);
  return ready;
}
afterAll(async () => {
  for (const ctx of contexts) await ctx.close();
});

describe('deadline sweep', () => {
  it(
    'marks exactly the overdue and due-soon open appeals, and queues their notifications',
    BIG,
    async () => {
      const ctx = await use(seeded(N, { history: true }));
      const report = await runDeadlineSweep(ctx.deps);
      expect(report).toMatchObject({
        ran: true,
        overdue: expectedOverdue,
        dueSoon: expectedDueSoon,
      });
      const states = await ctx.deps.db
        .selectFrom('appeals as a')
        .leftJoin('appeal_deadline_marks as m', 'm.appeal_id', 'a.id')
        .select([
          sql<string>`coalesce(m.state, 'ok')`.as('state'),
          (eb) => eb.fn.countAll<string>().as('n'),
        ])
        .where('a.number', 'like', 'SW-%')
        .groupBy(sql`coalesce(m.state, 'ok')`)
        .execute();
      const byState = Object.fromEntries(states.map((s) => [s.state, Number(s.n)]));
      expect(byState).toEqual({
        overdue: expectedOverdue,
        due_soon: expectedDueSoon,
        ok: N - expectedOverdue - expectedDueSoon,
      });
      // Overdue: 2 executor users + the organisation's mailbox + 1 supervisor; due soon: the executor's 3.
      expect(report.notifications).toBe(expectedOverdue * 4 + expectedDueSoon * 3);
      const events = await ctx.deps.db
        .selectFrom('appeal_events')
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .where('type', 'in', ['deadline_overdue', 'deadline_due_soon'])
        .executeTakeFirstOrThrow();
      expect(Number(events.n)).toBe(expectedOverdue + expectedDueSoon);
      // Sealed by the sweep after an appeal's first event, by the trigger where none was.
      const places = await sql<{ seq: number; n: number }>`
        SELECT seq, count(*)::integer AS n FROM appeal_events
         WHERE type IN ('deadline_overdue', 'deadline_due_soon') GROUP BY seq ORDER BY seq`.execute(
        ctx.deps.db,
      );
      const marked = Array.from({ length: N }, (_, i) => i + 1).filter(
        (g) => g % 10 !== 0 && g % 3 !== 2,
      );
      expect(places.rows).toEqual([
        { seq: 1, n: marked.filter((g) => g % 2 === 1).length },
        { seq: 2, n: marked.filter((g) => g % 2 === 0).length },
      ]);
      await expectIntactHistory(ctx);
    },
  );

  it('does nothing new when run again', async () => {
    const ctx = await use(seeded(300));
    const first = await runDeadlineSweep(ctx.deps);
    expect(first).toMatchObject({ ran: true, ...expected(300) });
    const before = await count(ctx);
    expect(before).toBeGreaterThan(0);
    const report = await runDeadlineSweep(ctx.deps);
    expect(report).toMatchObject({ ran: true, overdue: 0, dueSoon: 0, notifications: 0 });
    expect(await count(ctx)).toBe(before);
  });

  it('queues each notification once when two sweeps run at the same moment', BIG, async () => {
    const ctx = await use(seeded(N));
    await runDeadlineSweep(ctx.deps);
    const before = await count(ctx);
    // 25 hours on: the due-soon appeals are overdue.
    ctx.setNow(new Date(NOW.getTime() + 25 * 3600_000));
    const [a, b] = await Promise.all([runDeadlineSweep(ctx.deps), runDeadlineSweep(ctx.deps)]);
    expect(a.overdue + b.overdue).toBe(expectedDueSoon);
    expect(a.notifications + b.notifications).toBe(expectedDueSoon * 4);
    expect((await count(ctx)) - before).toBe(expectedDueSoon * 4);
    const duplicates = await sql<{ n: string }>`
      SELECT count(*) AS n FROM (SELECT appeal_id, recipient_user_id, recipient_email, kind
        FROM notifications GROUP BY 1, 2, 3, 4 HAVING count(*) > 1) d`.execute(ctx.deps.db);
    expect(Number(duplicates.rows[0]?.n)).toBe(0);
  });

  it(
    'marks and announces the same when spread over id ranges, and once with two sweeps at once',
    BIG,
    async () => {
      // On PostgreSQL the 2,700 candidates run as three transactions at once (ADR 061); the embedded
      // engine runs them as one.
      const spread = { ranges: 3, minRange: 500 };
      const ctx = await use(seeded(3_000, { history: true }));
      const [a, b] = await Promise.all([
        runDeadlineSweep(ctx.deps, spread),
        runDeadlineSweep(ctx.deps, spread),
      ]);
      const { overdue, dueSoon } = expected(3_000);
      expect(a.overdue + b.overdue).toBe(overdue);
      expect(a.dueSoon + b.dueSoon).toBe(dueSoon);
      expect(a.notifications + b.notifications).toBe(overdue * 4 + dueSoon * 3);
      expect(await count(ctx)).toBe(overdue * 4 + dueSoon * 3);
      const events = await sql<{ appeals: string; events: string }>`
      SELECT count(DISTINCT appeal_id) AS appeals, count(*) AS events FROM appeal_events
       WHERE type IN ('deadline_overdue', 'deadline_due_soon')`.execute(ctx.deps.db);
      expect(events.rows[0]).toEqual({
        appeals: String(overdue + dueSoon),
        events: String(overdue + dueSoon),
      });
      expect(await runDeadlineSweep(ctx.deps, spread)).toMatchObject({ overdue: 0, dueSoon: 0 });
      await expectIntactHistory(ctx);
    },
  );

  it('sends the daily summary of late executors once a day', async () => {
    const ctx = await use(seeded(30));
    await runDeadlineSweep(ctx.deps);
    const first = await queueLateExecutorsSummary(ctx.deps);
    expect(first).toBe(1);
    expect(await queueLateExecutorsSummary(ctx.deps)).toBe(0);
  });

  it('links every notification to a page the staff app has', async () => {
    const ctx = await use(seeded(30));
    await runDeadlineSweep(ctx.deps);
    await queueLateExecutorsSummary(ctx.deps);
    const rows = await ctx.deps.db.selectFrom('notifications').select('body').execute();
    const links = rows.flatMap((r) => r.body.match(/https?:\/\/[^\s)>"]+/g) ?? []);
    expect(links.some((l) => l.includes('queue=overdue'))).toBe(true);
    // The route table and its groups (`router.tsx`, `*-routes.tsx`).
    const app = join(dirname(fileURLToPath(import.meta.url)), '../../src/web/app');
    const router = readdirSync(app)
      .filter((f) => f === 'router.tsx' || f.endsWith('-routes.tsx'))
      .map((f) => readFileSync(join(app, f), 'utf8'))
      .join('\n');
    const routes = [...router.matchAll(/path: '([^']+)'/g)].map(
      (m) => new RegExp(`^/${m[1]!.replace(/:[a-z]+/gi, '[^/]+')}$`),
    );
    for (const link of links) {
      const path = new URL(link).pathname;
      if (path.startsWith('/portal/')) continue; // the portal's own pages
      expect(
        routes.some((r) => r.test(path)),
        `${link} opens a page of the staff app`,
      ).toBe(true);
    }
  });
});

describe('the sweep seals its own events (ADR 066)', () => {
  it('leaves an event sealed elsewhere to the trigger, which seals it again', async () => {
    const ctx = await use(seeded(30, { history: true }));
    await runDeadlineSweep(ctx.deps);
    // Appeal 6 (overdue, with history): its registration, its mark; then a stray seal.
    const id = await idOf(ctx, 'SW-6');
    await ctx.deps.db
      .insertInto('appeal_events')
      .values({ appeal_id: id, actor_label: 'test', type: 'comment', seq: 99, hash: 'forged' })
      .execute();
    const chain = await ctx.deps.db
      .selectFrom('appeal_events')
      .select(['seq', 'type', 'hash'])
      .where('appeal_id', '=', id)
      .orderBy('seq')
      .execute();
    expect(chain.map((e) => [e.seq, e.type])).toEqual([
      [1, 'registered'],
      [2, 'deadline_overdue'],
      [3, 'comment'],
    ]);
    expect(chain[2]?.hash).toMatch(/^[0-9a-f]{64}$/);
    await expectIntactHistory(ctx);
  });

  it('an event written sealed without moving its head is found by the verification', async () => {
    const ctx = await use(seeded(30, { history: true }));
    const db = ctx.deps.db;
    const id = await idOf(ctx, 'SW-6');
    // What only the sweep may do, done wrong: the setting on, a correct hash, the head left behind.
    await db.transaction().execute(async (trx) => {
      await sql`SELECT set_config('kontakt.writer_seals', 'on', true)`.execute(trx);
      await sql`
        INSERT INTO appeal_events (appeal_id, at, actor_label, type, seq, hash)
        SELECT h.appeal_id, ${NOW}::timestamptz, 'test', 'comment', h.seq + 1,
               kontakt_event_hash(h.hash, ROW(NULL, h.appeal_id, ${NOW}::timestamptz, NULL, 'test',
                 'comment', NULL, NULL, NULL, '{}'::jsonb, h.seq + 1, NULL)::appeal_events)
          FROM appeal_history_heads h WHERE h.appeal_id = ${id}`.execute(trx);
    });
    expect((await verifyHistory(ctx.deps)).problems).toEqual([
      { chain: 'appeal_events', appealId: id, seq: 1, problem: 'head' },
    ]);
  });

  // The head's row lock orders the sweep's statement after another writer of the appeal: only on a
  // server (the embedded engine has one connection).
  it.skipIf(!process.env.DATABASE_URL)(
    'waits for an event not yet committed on the same appeal, then takes the place after it',
    BIG,
    async () => {
      const ctx = await use(seeded(30, { history: true }));
      const db = ctx.deps.db;
      const id = await idOf(ctx, 'SW-6');
      const writer = await holdingTransaction(db, (trx) =>
        trx
          .insertInto('appeal_events')
          .values({ appeal_id: id, actor_label: 'test', type: 'comment' })
          .execute(),
      );
      const sweeping = runDeadlineSweep(ctx.deps);
      sweeping.catch(() => undefined); // its failure is awaited below, not lost while polling
      await releaseOnceBlocked(db, writer);
      expect(await sweeping).toMatchObject({ ran: true, ...expected(30) });
      const chain = await db
        .selectFrom('appeal_events')
        .select(['seq', 'type'])
        .where('appeal_id', '=', id)
        .orderBy('seq')
        .execute();
      expect(chain).toEqual([
        { seq: 1, type: 'registered' },
        { seq: 2, type: 'comment' },
        { seq: 3, type: 'deadline_overdue' },
      ]);
      await expectIntactHistory(ctx);
    },
  );
});

describe('a deadline found long past', () => {
  it('is marked and written to the history, but not announced', async () => {
    const ctx = await use(seeded(0));
    const now = ctx.deps.now();
    const { questionTypeId } = await routedQuestionType(ctx.deps);
    const old = await ctx.deps.db
      .insertInto('appeals')
      .values({
        number: 'OLD-1',
        received_at: new Date(now.getTime() - 90 * 86_400_000),
        channel: 'import',
        kind: 'application',
        subject: 'individual',
        question_type_id: questionTypeId,
        description: 'Давнє імпортоване звернення',
        status: 'registered',
        control_date: new Date(now.getTime() - 30 * 86_400_000),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const report = await runDeadlineSweep(ctx.deps);
    expect(report.overdue).toBe(1);
    expect(await count(ctx)).toBe(0);
    const row = await ctx.deps.db
      .selectFrom('appeal_deadline_marks')
      .select('state')
      .where('appeal_id', '=', old.id)
      .executeTakeFirstOrThrow();
    expect(row.state).toBe('overdue');
  });
});

describe('a mark follows its appeal', () => {
  it('is dropped when the control date moves later or the appeal closes, and set again when due', async () => {
    const ctx = await use(seeded(0));
    const now = ctx.deps.now();
    const { questionTypeId } = await routedQuestionType(ctx.deps);
    const made = await ctx.deps.db
      .insertInto('appeals')
      .values(
        ['MK-1', 'MK-2'].map((number) => ({
          number,
          received_at: new Date(now.getTime() - 20 * 86_400_000),
          channel: 'phone' as const,
          kind: 'application' as const,
          subject: 'individual' as const,
          question_type_id: questionTypeId,
          description: 'Звернення для позначок строку',
          status: 'in_work' as const,
          control_date: new Date(now.getTime() - 3_600_000),
        })),
      )
      .returning('id')
      .execute();
    const [extended, closed] = made.map((r) => r.id) as [number, number];
    const marks = async () =>
      Object.fromEntries(
        (
          await ctx.deps.db
            .selectFrom('appeal_deadline_marks')
            .select(['appeal_id', 'state'])
            .where('appeal_id', 'in', [extended, closed])
            .execute()
        ).map((m) => [m.appeal_id, m.state]),
      );
    expect((await runDeadlineSweep(ctx.deps)).overdue).toBe(2);
    expect(await marks()).toEqual({ [extended]: 'overdue', [closed]: 'overdue' });

    // An extension of ten days, and a closing: both marks go, silently.
    await ctx.deps.db
      .updateTable('appeals')
      .set({ control_date: new Date(now.getTime() + 10 * 86_400_000) })
      .where('id', '=', extended)
      .execute();
    await ctx.deps.db
      .updateTable('appeals')
      .set({ status: 'closed', result: 'explained', closed_at: now })
      .where('id', '=', closed)
      .execute();
    const quiet = await runDeadlineSweep(ctx.deps);
    expect(quiet).toMatchObject({ overdue: 0, dueSoon: 0 });
    expect(await marks()).toEqual({});

    // The extended term nears its end: due soon, then overdue, each once.
    ctx.setNow(new Date(now.getTime() + 10 * 86_400_000 - 3_600_000));
    expect(await runDeadlineSweep(ctx.deps)).toMatchObject({ dueSoon: 1, overdue: 0 });
    expect(await marks()).toEqual({ [extended]: 'due_soon' });
    ctx.setNow(new Date(now.getTime() + 10 * 86_400_000 + 60_000));
    expect(await runDeadlineSweep(ctx.deps)).toMatchObject({ dueSoon: 0, overdue: 1 });
    expect(await runDeadlineSweep(ctx.deps)).toMatchObject({ dueSoon: 0, overdue: 0 });
    expect(await marks()).toEqual({ [extended]: 'overdue' });
    const events = await ctx.deps.db
      .selectFrom('appeal_events')
      .select('type')
      .where('appeal_id', '=', extended)
      .where('type', 'like', 'deadline_%')
      .orderBy('seq')
      .execute();
    expect(events.map((e) => e.type)).toEqual([
      'deadline_overdue',
      'deadline_due_soon',
      'deadline_overdue',
    ]);
  });
});

async function count(ctx: TestContext): Promise<number> {
  const row = await ctx.deps.db
    .selectFrom('notifications')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

describe('spreadIds', () => {
  const ids = (n: number) => Array.from({ length: n }, (_, i) => i + 1);
  it.each([
    { n: 0, ranges: 2, minRange: 4, sizes: [] },
    { n: 7, ranges: 2, minRange: 4, sizes: [7] },
    { n: 8, ranges: 2, minRange: 4, sizes: [8] },
    { n: 600, ranges: 2, minRange: 300, sizes: [344, 256] },
    { n: 1_000, ranges: 3, minRange: 100, sizes: [488, 256, 256] },
    { n: 1_000, ranges: 1, minRange: 1, sizes: [1_000] },
  ])('$n ids, at most $ranges of at least $minRange: $sizes', ({ n, ranges, minRange, sizes }) => {
    const pieces = spreadIds(ids(n), { ranges, minRange });
    expect(pieces.map((p) => p.length)).toEqual(sizes);
    expect(pieces.flat().sort((a, b) => a - b)).toEqual(ids(n));
  });

  it('deals blocks of 256 consecutive ids in turn', () => {
    const [first, second] = spreadIds(ids(1_024), { ranges: 2, minRange: 100 });
    expect(first!.slice(255, 257)).toEqual([256, 513]);
    expect(second!.slice(0, 1)).toEqual([257]);
  });
});
