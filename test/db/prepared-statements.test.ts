/**
 * Statements marked `prepared` (ADR 064) are sent as named statements, parsed once per
 * connection and kept there; everything else stays unnamed. On both engines: the embedded one
 * speaks the same protocol.
 */
import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { prepared } from '../../src/server/db/prepared.js';
import { numberSetting } from '../../src/server/settings.js';
import { createTestContext, type TestContext } from '../test-db.js';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(() => ctx.close());

/** The named statements of the connection the transaction holds. */
const preparedHere = async (trx: TestContext['deps']['db']) =>
  (
    await sql<{ name: string; statement: string }>`
      SELECT name, statement FROM pg_prepared_statements ORDER BY name`.execute(trx)
  ).rows;

describe('prepared statements', () => {
  it('a marked statement is named once per connection; an unmarked one is not', async () => {
    // Texts no other code sends, so the connection holds none of them before.
    const run = randomUUID();
    const marked = (key: string) =>
      sql<{ value: string }>`SELECT ${key}::text AS value /* ${sql.raw(run)} */ ${prepared}`;
    const unmarked = sql<{ one: number }>`SELECT 1 AS one /* ${sql.raw(run)}-unmarked */`;
    await ctx.deps.db.transaction().execute(async (trx) => {
      for (const key of ['a', 'b', 'a']) await marked(key).execute(trx);
      await unmarked.execute(trx);
      await numberSetting(trx, 'repeat_window_days', 30);
      const mine = (await preparedHere(trx)).filter((s) => s.statement.includes(run));
      expect(mine).toHaveLength(1);
      expect(mine[0]!.name).toMatch(/^k_[0-9a-f]{24}$/);
      expect(mine[0]!.statement).toContain('/* prepared */');
      // A marked query of the app (the number settings) is there too.
      expect((await preparedHere(trx)).some((s) => s.statement.includes('from "settings"'))).toBe(
        true,
      );
    });
  });

  it('gives the same answers as the unnamed statement, values bound each time', async () => {
    const read = (key: string) =>
      sql<{ value: unknown }>`SELECT ${key}::text AS value ${prepared}`.execute(ctx.deps.db);
    const answers = [];
    for (const key of ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'])
      answers.push((await read(key)).rows);
    expect(answers.map((rows) => rows[0]!.value)).toEqual(['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h']);
  });

  it('a marked statement that fails on its values fails alone; the next call works', async () => {
    const divide = (by: number) =>
      sql<{ q: number }>`SELECT 10 / ${by}::integer AS q ${prepared}`.execute(ctx.deps.db);
    expect((await divide(2)).rows[0]!.q).toBe(5);
    await expect(divide(0)).rejects.toThrow(/division by zero/);
    expect((await divide(5)).rows[0]!.q).toBe(2);
  });
});
