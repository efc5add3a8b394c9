/**
 * The repeat check's statement is prepared (ADR 064); its generic plan must read a prolific
 * applicant's appeals in index order and stop after 20 (migration 0046), not read them all and
 * sort. On both engines: the plan is PostgreSQL's either way.
 */
import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repeatCandidatesQuery } from '../../src/server/appeals/repeated-appeals.queries.js';
import { routedQuestionType } from '../factories.js';
import { createTestContext, type TestContext } from '../test-db.js';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(() => ctx.close());

interface PlanNode {
  'Node Type': string;
  'Index Name'?: string;
  Plans?: PlanNode[];
}

const nodesOf = (node: PlanNode): PlanNode[] => [node, ...(node.Plans ?? []).flatMap(nodesOf)];

/** A literal of a bound value, for `EXECUTE` (numbers, dates and plain text only). */
const literal = (value: unknown): string =>
  typeof value === 'number'
    ? String(value)
    : `'${(value instanceof Date ? value.toISOString() : String(value)).replaceAll("'", "''")}'`;

describe('the repeat check', () => {
  it('reads an applicant’s latest appeals of a type in index order, with no sort, even as a generic plan', async () => {
    const db = ctx.deps.db;
    const { questionTypeId } = await routedQuestionType(ctx.deps);
    const applicant = await db
      .insertInto('applicants')
      .values({ full_name: 'Частий Заявник Тестовий', phones: ['+380670009911'] })
      .returning('id')
      .executeTakeFirstOrThrow();
    const start = Date.UTC(2026, 10, 1);
    // 60 appeals, three sharing each second: the order's tie-breaker (id) matters.
    const run = randomUUID().slice(0, 8);
    await db
      .insertInto('appeals')
      .values(
        Array.from({ length: 60 }, (_, i) => ({
          number: `REPEAT-${run}-${i}`,
          received_at: new Date(start + Math.floor(i / 3) * 1000),
          channel: 'phone',
          kind: 'application',
          subject: 'individual',
          applicant_id: applicant.id,
          question_type_id: questionTypeId,
          description: 'Повторне звернення',
          status: 'registered',
        })),
      )
      .execute();
    await sql`ANALYZE appeals`.execute(db);

    const query = repeatCandidatesQuery(db, {
      applicantId: applicant.id,
      questionTypeId,
      since: new Date(start - 86_400_000),
      until: new Date(start + 86_400_000),
    });
    const newest = await query.execute();
    const all = await db
      .selectFrom('appeals')
      .select('id')
      .where('applicant_id', '=', applicant.id)
      .orderBy('received_at', 'desc')
      .orderBy('id', 'desc')
      .limit(20)
      .execute();
    expect(newest.map((r) => r.id)).toEqual(all.map((r) => r.id));

    const compiled = query.compile();
    const name = `repeat_plan_${run}`;
    const plan = await db.connection().execute(async (conn) => {
      await sql`SET plan_cache_mode = force_generic_plan`.execute(conn);
      // A tiny test table would otherwise be read whole; what is asked is the index's order.
      await sql`SET enable_seqscan = off`.execute(conn);
      await sql`SET enable_bitmapscan = off`.execute(conn);
      try {
        await sql.raw(`PREPARE ${name} AS ${compiled.sql}`).execute(conn);
        const { rows } = await sql<{ 'QUERY PLAN': [{ Plan: PlanNode }] }>`
          EXPLAIN (FORMAT JSON) EXECUTE ${sql.raw(name)}(${sql.raw(compiled.parameters.map(literal).join(', '))})`.execute(
          conn,
        );
        return rows[0]!['QUERY PLAN'][0].Plan;
      } finally {
        await sql.raw(`DEALLOCATE ${name}`).execute(conn);
        await sql`RESET plan_cache_mode`.execute(conn);
        await sql`RESET enable_seqscan`.execute(conn);
        await sql`RESET enable_bitmapscan`.execute(conn);
      }
    });
    const nodes = nodesOf(plan);
    expect(nodes.map((n) => n['Node Type'])).not.toEqual(
      expect.arrayContaining([expect.stringMatching(/Sort/)]),
    );
    expect(nodes.map((n) => n['Index Name']).filter(Boolean)).toEqual(['appeals_repeat_order_idx']);
  });
});
