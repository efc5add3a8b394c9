/**
 * `appeals.main_executor_id` (migration 0038, ADR 052): the trigger on assignments keeps it equal
 * to ADR 036's definition — the latest main assignment not returned or withdrawn — whatever path
 * writes the assignments. Each case starts from its own appeal and compares the column with the
 * definition computed afresh from the assignments.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Deps } from '../../src/server/context.js';
import { createTestContext, type TestContext } from '../test-db.js';

let ctx: TestContext;
let db: Deps['db'];
let orgs: number[] = [];
let questionTypeId = 0;
let serial = 0;

beforeAll(async () => {
  ctx = await createTestContext();
  db = ctx.deps.db;
  orgs = (
    await db
      .selectFrom('organisations')
      .select('id')
      .where('type', '!=', 'contact_centre')
      .orderBy('id')
      .limit(3)
      .execute()
  ).map((o) => o.id);
  questionTypeId = (
    await db
      .selectFrom('question_types')
      .select('id')
      .orderBy('id')
      .limit(1)
      .executeTakeFirstOrThrow()
  ).id;
});
afterAll(() => ctx.close());

async function newAppeal(): Promise<number> {
  serial += 1;
  const row = await db
    .insertInto('appeals')
    .values({
      number: `MX-${serial}`,
      received_at: new Date('2026-03-02T09:00:00Z'),
      channel: 'phone',
      kind: 'application',
      subject: 'individual',
      question_type_id: questionTypeId,
      description: 'Перевірка головного виконавця',
      status: 'registered',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

type Role = 'main' | 'co';
type State = 'pending' | 'in_work' | 'done' | 'returned' | 'withdrawn';

async function assign(appealId: number, org: number, role: Role, state: State): Promise<number> {
  const row = await db
    .insertInto('assignments')
    .values({ appeal_id: appealId, executor_id: org, role, state, assigned_at: new Date() })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** Changes one assignment as a use case would (state, role or executor). */
async function change(
  assignmentId: number,
  patch: { state?: State; role?: Role; executor_id?: number },
): Promise<void> {
  await db.updateTable('assignments').set(patch).where('id', '=', assignmentId).execute();
}

async function stored(appealId: number): Promise<number | null> {
  const row = await db
    .selectFrom('appeals')
    .select('main_executor_id')
    .where('id', '=', appealId)
    .executeTakeFirstOrThrow();
  return row.main_executor_id;
}

/** ADR 036's definition, computed from the assignments. */
async function defined(appealId: number): Promise<number | null> {
  const { rows } = await sql<{ executor_id: number }>`
    SELECT executor_id FROM assignments
     WHERE appeal_id = ${appealId} AND role = 'main' AND state NOT IN ('returned', 'withdrawn')
     ORDER BY id DESC LIMIT 1`.execute(db);
  return rows[0]?.executor_id ?? null;
}

/** Each case: steps on a fresh appeal (org indexes 0–2), then the executor expected (index or null). */
const cases: {
  name: string;
  steps: (appealId: number) => Promise<void>;
  expected: number | null;
}[] = [
  {
    name: 'a main assignment sets it',
    steps: async (id) => void (await assign(id, orgs[0]!, 'main', 'pending')),
    expected: 0,
  },
  {
    name: 'a co-executor does not',
    steps: async (id) => void (await assign(id, orgs[1]!, 'co', 'pending')),
    expected: null,
  },
  {
    name: 'returned as not in competence clears it',
    steps: async (id) => {
      const a = await assign(id, orgs[0]!, 'main', 'in_work');
      await change(a, { state: 'returned' });
    },
    expected: null,
  },
  {
    name: 'returned, then another main: the new one',
    steps: async (id) => {
      const a = await assign(id, orgs[0]!, 'main', 'in_work');
      await change(a, { state: 'returned' });
      await assign(id, orgs[1]!, 'main', 'pending');
    },
    expected: 1,
  },
  {
    name: 'the later of two active mains (a reassignment)',
    steps: async (id) => {
      await assign(id, orgs[0]!, 'main', 'done');
      await assign(id, orgs[2]!, 'main', 'pending');
    },
    expected: 2,
  },
  {
    name: 'the later main withdrawn: the earlier one again',
    steps: async (id) => {
      await assign(id, orgs[0]!, 'main', 'done');
      const b = await assign(id, orgs[2]!, 'main', 'pending');
      await change(b, { state: 'withdrawn' });
    },
    expected: 0,
  },
  {
    name: 'a co-executor made main',
    steps: async (id) => {
      const c = await assign(id, orgs[1]!, 'co', 'in_work');
      await change(c, { role: 'main' });
    },
    expected: 1,
  },
  {
    name: 'the main made co-executor',
    steps: async (id) => {
      const m = await assign(id, orgs[0]!, 'main', 'in_work');
      await change(m, { role: 'co' });
    },
    expected: null,
  },
  {
    name: 'the executor of the main assignment changed',
    steps: async (id) => {
      const m = await assign(id, orgs[0]!, 'main', 'pending');
      await change(m, { executor_id: orgs[2]! });
    },
    expected: 2,
  },
  {
    name: 'the main assignment deleted',
    steps: async (id) => {
      await assign(id, orgs[0]!, 'main', 'done');
      const m = await assign(id, orgs[1]!, 'main', 'pending');
      await db.deleteFrom('assignments').where('id', '=', m).execute();
    },
    expected: 0,
  },
  {
    name: 'an accepted main stays (state changes within the active ones)',
    steps: async (id) => {
      const m = await assign(id, orgs[1]!, 'main', 'pending');
      await change(m, { state: 'in_work' });
      await change(m, { state: 'done' });
    },
    expected: 1,
  },
];

describe('appeals.main_executor_id follows the assignments (trigger of migration 0038)', () => {
  it.each(cases)('$name', async ({ steps, expected }) => {
    const id = await newAppeal();
    await steps(id);
    const want = expected === null ? null : orgs[expected]!;
    expect(await defined(id)).toBe(want);
    expect(await stored(id)).toBe(want);
  });

  it('leaves the appeal row alone when the main executor does not change', async () => {
    const id = await newAppeal();
    const m = await assign(id, orgs[0]!, 'main', 'pending');
    const before = await sql<{
      xmin: string;
    }>`SELECT xmin::text FROM appeals WHERE id = ${id}`.execute(db);
    await change(m, { state: 'in_work' });
    await assign(id, orgs[1]!, 'co', 'pending');
    const after = await sql<{
      xmin: string;
    }>`SELECT xmin::text FROM appeals WHERE id = ${id}`.execute(db);
    expect(after.rows[0]!.xmin).toBe(before.rows[0]!.xmin);
  });
});
