/**
 * `kontakt generate` into a real database: on an empty server database the load is one transaction
 * that builds the secondary indexes and foreign keys after the rows (they are all back afterwards);
 * on a filled one it adds chunk by chunk; the same seed and end give the same rows.
 */
import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { generateAppeals } from '../../src/server/generate/generate-appeals.js';
import { insertSink, postgresCopySink, type Sink } from '../../src/server/generate/sinks.js';
import { createTestContext, type TestContext } from '../test-db.js';

let ctx: TestContext;
const UNTIL = new Date('2026-11-30T10:00:00+02:00');

async function definitions() {
  const { rows } = await sql<{ name: string; definition: string }>`
    SELECT i.indexrelid::regclass::text AS name, pg_get_indexdef(i.indexrelid) AS definition
      FROM pg_index i
     WHERE i.indrelid = ANY(ARRAY['applicants', 'appeals', 'assignments', 'responses', 'reviews',
                                  'appeal_events']::regclass[])
    UNION ALL
    SELECT conname, pg_get_constraintdef(oid) FROM pg_constraint
     WHERE conrelid = ANY(ARRAY['applicants', 'appeals', 'assignments', 'responses', 'reviews',
                                'appeal_events']::regclass[])
     ORDER BY 1, 2`.execute(ctx.deps.db);
  return rows;
}

async function sink(): Promise<Sink> {
  return ctx.databaseUrl ? postgresCopySink(ctx.databaseUrl) : insertSink(ctx.deps.db);
}

async function generate(appeals: number) {
  const target = await sink();
  try {
    return await generateAppeals(ctx.deps.db, target, {
      appeals,
      seed: 7,
      until: UNTIL,
      sharedDataDir: ctx.config.sharedDataDir,
      timeZone: ctx.config.timeZone,
      executors: 60,
      chunkSize: 150,
    });
  } finally {
    await target.close();
  }
}

/**
 * Rows whose columns kept by a trigger on assignments differ from what the trigger would write —
 * appeals whose stored main executor is not ADR 036's over their assignments (migration 0038),
 * assignments whose privileged sign is not their appeal's (0043) — and whether both triggers are
 * enabled again. The bulk load writes both itself; a load into a filled database goes through them.
 */
async function triggerKeptColumnsCheck(): Promise<{ mismatched: number; triggerEnabled: boolean }> {
  const { rows } = await sql<{ mismatched: string; privileged: string; enabled: string[] }>`
    SELECT (SELECT count(*) FROM appeals a
             WHERE a.main_executor_id IS DISTINCT FROM (
               SELECT s.executor_id FROM assignments s
                WHERE s.appeal_id = a.id AND s.role = 'main'
                  AND s.state NOT IN ('returned', 'withdrawn')
                ORDER BY s.id DESC LIMIT 1)) AS mismatched,
           (SELECT count(*) FROM assignments s JOIN appeals a ON a.id = s.appeal_id
             WHERE s.privileged <> a.privileged) AS privileged,
           ARRAY(SELECT tgenabled::text FROM pg_trigger
                  WHERE tgname IN ('assignments_main_executor', 'assignments_privileged')) AS enabled`.execute(
    ctx.deps.db,
  );
  const row = rows[0]!;
  return {
    mismatched: Number(row.mismatched) + Number(row.privileged),
    triggerEnabled: row.enabled.length === 2 && row.enabled.every((e) => e === 'O'),
  };
}

// Each test starts from an empty database of its own.
beforeEach(async () => {
  ctx = await createTestContext();
});
afterEach(() => ctx.close());

describe('generator load', () => {
  it('fills an empty database and leaves every index and foreign key as it was', async () => {
    const before = await definitions();
    const report = await generate(400);
    expect(report.appeals).toBe(400);
    expect(await definitions()).toEqual(before);
    const counts = await sql<{ appeals: string; events: string; orphans: string }>`
      SELECT (SELECT count(*) FROM appeals) AS appeals,
             (SELECT count(*) FROM appeal_events) AS events,
             (SELECT count(*) FROM appeal_events e
               WHERE NOT EXISTS (SELECT 1 FROM appeals a WHERE a.id = e.appeal_id)) AS orphans`.execute(
      ctx.deps.db,
    );
    expect(Number(counts.rows[0]!.appeals)).toBe(400);
    expect(Number(counts.rows[0]!.events)).toBe(report.events);
    expect(Number(counts.rows[0]!.orphans)).toBe(0);
    // The registry's search finds generated descriptions through the rebuilt text index.
    const found = await sql<{ n: string }>`
      SELECT count(*) AS n FROM appeals WHERE search_vector @@ to_tsquery('simple', 'за')`.execute(
      ctx.deps.db,
    );
    expect(Number(found.rows[0]!.n)).toBe(400);
    // Issue 17: every named appeal carries its author's sex (Classifier No. 858, I.4), the same
    // as its applicant's; categories and social statuses where the applicant has one.
    const authors = await sql<{ named: string; sexed: string; mismatched: string; social: string }>`
      SELECT count(*) FILTER (WHERE a.subject <> 'anonymous') AS named,
             count(*) FILTER (WHERE a.author_sex IN ('male', 'female')) AS sexed,
             count(*) FILTER (WHERE a.author_sex IS DISTINCT FROM p.sex AND p.id IS NOT NULL) AS mismatched,
             count(*) FILTER (WHERE a.author_social_status IS NOT NULL) AS social
        FROM appeals a LEFT JOIN applicants p ON p.id = a.applicant_id`.execute(ctx.deps.db);
    const a = authors.rows[0]!;
    expect(Number(a.sexed)).toBe(Number(a.named));
    expect(Number(a.mismatched)).toBe(0);
    expect(Number(a.social)).toBeGreaterThan(0);
    expect(await triggerKeptColumnsCheck()).toEqual({ mismatched: 0, triggerEnabled: true });
  });

  it('adds to a filled database chunk by chunk, numbers and ids continuing', async () => {
    await generate(400);
    await generate(200);
    const { rows } = await sql<{ n: string; max_id: number; numbers: string }>`
      SELECT count(*) AS n, max(id) AS max_id, count(DISTINCT number) AS numbers FROM appeals`.execute(
      ctx.deps.db,
    );
    expect(Number(rows[0]!.n)).toBe(600);
    expect(rows[0]!.max_id).toBe(600);
    expect(Number(rows[0]!.numbers)).toBe(600);
    expect(await triggerKeptColumnsCheck()).toEqual({ mismatched: 0, triggerEnabled: true });
  });
});
