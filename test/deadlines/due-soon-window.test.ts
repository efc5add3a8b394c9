/**
 * One due-soon window: the sweep's `due_soon` mark and the `due_soon` work queue both read the
 * `due_soon_hours` setting, so after an administrator changes it they still name the same appeals.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Queue } from '../../src/domain/queues.js';
import { countQueues, listAppeals } from '../../src/server/appeals/appeals.queries.js';
import type { UserActor } from '../../src/server/context.js';
import { runDeadlineSweep } from '../../src/server/deadlines/sweep.js';
import { makeUser, routedQuestionType } from '../factories.js';
import { createTestContext, type TestContext } from '../test-db.js';

let ctx: TestContext;
let supervisor: UserActor;
let executor: UserActor;
const NOW = new Date('2026-11-30T10:00:00+02:00'); // a Monday, inside service hours
/** Control dates this many hours ahead of NOW: inside 24 h, between 24 and 48 h, beyond 48 h. */
const HOURS_AHEAD = [2, 30, 60];

function actor(user: { id: number; login: string; fullName: string; role: UserActor['role'] }) {
  return { kind: 'user', organisationId: null, ...user } as UserActor;
}

beforeAll(async () => {
  ctx = await createTestContext();
  ctx.setNow(NOW);
  const { deps } = ctx;
  const { questionTypeId, executorId } = await routedQuestionType(deps);
  supervisor = actor(await makeUser(deps, 'supervisor'));
  executor = actor(await makeUser(deps, 'executor', { organisationId: executorId }));
  for (const [i, hours] of HOURS_AHEAD.entries()) {
    const controlDate = new Date(NOW.getTime() + hours * 3600_000);
    await sql`
      WITH a AS (
        INSERT INTO appeals (number, received_at, channel, kind, subject, question_type_id,
                             description, status, control_date, legal_deadline)
        VALUES (${`DS-${i}`}, ${NOW}::timestamptz - interval '5 days', 'phone', 'application',
                'individual', ${questionTypeId}, 'Вікно «скоро строк»', 'in_work', ${controlDate},
                ${NOW}::timestamptz + interval '10 days')
        RETURNING id, control_date)
      INSERT INTO assignments (appeal_id, executor_id, role, state, control_date)
      SELECT id, ${executorId}, 'main', 'in_work', control_date FROM a`.execute(deps.db);
  }
});
afterAll(() => ctx.close());

/** Set `due_soon_hours`, clear the marks of the test's appeals, and run the sweep. */
async function sweepWith(hours: number) {
  await ctx.deps.db
    .updateTable('settings')
    .set({ value: JSON.stringify(hours) })
    .where('key', '=', 'due_soon_hours')
    .execute();
  await ctx.deps.db
    .deleteFrom('appeal_deadline_marks')
    .where('appeal_id', 'in', (eb) =>
      eb.selectFrom('appeals').select('id').where('number', 'like', 'DS-%'),
    )
    .execute();
  await runDeadlineSweep(ctx.deps);
}

/** The numbers the sweep has marked due soon. */
async function markedDueSoon(): Promise<string[]> {
  const rows = await ctx.deps.db
    .selectFrom('appeals')
    .innerJoin('appeal_deadline_marks as m', 'm.appeal_id', 'appeals.id')
    .select('number')
    .where('number', 'like', 'DS-%')
    .where('m.state', '=', 'due_soon')
    .orderBy('number')
    .execute();
  return rows.map((r) => r.number);
}

/** The numbers in `who`'s due-soon queue, and the queue's count. */
async function inQueue(who: UserActor): Promise<{ numbers: string[]; count: number }> {
  const queue: Queue = 'due_soon';
  const page = await listAppeals(ctx.deps, who, { queue, limit: 50 });
  const [counted] = await countQueues(ctx.deps, who, [queue]);
  return {
    numbers: page.items
      .map((a) => a.number)
      .filter((n) => n.startsWith('DS-'))
      .sort(),
    count: counted?.count ?? -1,
  };
}

describe('the due-soon window', () => {
  it('is 24 hours as installed, for the sweep and the queues alike', async () => {
    await sweepWith(24);
    expect(await markedDueSoon()).toEqual(['DS-0']);
    for (const who of [supervisor, executor]) {
      expect(await inQueue(who)).toEqual({ numbers: ['DS-0'], count: 1 });
    }
  });

  it('follows due_soon_hours in both once an administrator widens it to 48 hours', async () => {
    await sweepWith(48);
    expect(await markedDueSoon()).toEqual(['DS-0', 'DS-1']);
    for (const who of [supervisor, executor]) {
      expect(await inQueue(who)).toEqual({ numbers: ['DS-0', 'DS-1'], count: 2 });
    }
  });
});
