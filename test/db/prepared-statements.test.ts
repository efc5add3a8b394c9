/**
 * Statements marked `prepared` (ADR 064) are sent as named statements, parsed once per
 * connection and kept there; everything else stays unnamed. On both engines: the embedded one
 * speaks the same protocol.
 */
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
    await ctx.deps.db.transaction().execute(async (trx) => {
      const before = await preparedHere(trx);
      for (const key of ['repeat_window_days', 'no_such_setting', 'repeat_window_days']) {
        await numberSetting(trx, key, 30);
      }
      await trx.selectFrom('settings').select('key').where('key', '=', 'x').execute();
      const added = (await preparedHere(trx)).filter((s) => !before.some((b) => b.name === s.name));
      expect(added).toHaveLength(1);
      expect(added[0]!.name).toMatch(/^k_[0-9a-f]{24}$/);
      expect(added[0]!.statement).toContain('from "settings"');
      expect(added[0]!.statement).toContain('/* prepared */');
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
