/**
 * Ukrainian typography of what people read in the classifier and the catalogues (issue 12 item
 * 21): the apostrophe ’ between letters (never ', ` or ʼ), «ялинки» for quotes — in the seed, in
 * kinds and question types an import or an administrator creates, and in the uk catalogue.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  findOrCreateKind,
  findOrCreateQuestionType,
} from '../../src/server/classifier/classifier.service.js';
import { RESULTS } from '../../src/domain/results.js';
import uk from '../../src/web/shared/i18n/uk.json' with { type: 'json' };
import { leaves } from '../../src/web/shared/i18n/leaves.js';
import { createTestContext, type TestContext } from '../test-db.js';

/** An apostrophe typed as ', `, ʼ or ‘ between two letters. */
const WRONG_APOSTROPHE = /[\p{L}]['`ʼ‘][\p{L}]/u;

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(() => ctx.close());

describe('typography', () => {
  it('the seeded kinds and question types write ’', async () => {
    const kinds = await ctx.deps.db.selectFrom('classifier_kinds').select('name').execute();
    const types = await ctx.deps.db.selectFrom('question_types').select('name').execute();
    const names = [...kinds, ...types].map((r) => r.name);
    expect(names.filter((n) => n.includes('під’їзд')).length).toBeGreaterThan(3);
    expect(names.filter((n) => WRONG_APOSTROPHE.test(n))).toEqual([]);
  });

  it('a kind and a question type an import creates from Kyiv’s spelling write ’ and «»', async () => {
    const kind = await findOrCreateKind(ctx.deps.db, 'Об`єкти "Тестового" благоустрою');
    const type = await findOrCreateQuestionType(ctx.deps.db, kind.id, "Ремонт під'їзду  №7 ");
    const kindRow = await ctx.deps.db
      .selectFrom('classifier_kinds')
      .select('name')
      .where('id', '=', kind.id)
      .executeTakeFirstOrThrow();
    const typeRow = await ctx.deps.db
      .selectFrom('question_types')
      .select('name')
      .where('id', '=', type.id)
      .executeTakeFirstOrThrow();
    expect(kindRow.name).toBe('Об’єкти «Тестового» благоустрою');
    expect(typeRow.name).toBe('Ремонт під’їзду №7');
    // The same name in another spelling finds the same row.
    expect(await findOrCreateQuestionType(ctx.deps.db, kind.id, 'Ремонт під’їзду №7')).toEqual({
      id: type.id,
      created: false,
    });
  });

  it('the migration’s rewrite turns rows stored before it into ’ and «»', async () => {
    // What 0013 runs over rows an older version stored (the same expression).
    const { rows } = await sql<{ name: string }>`
      SELECT regexp_replace(
               regexp_replace(${'Роз`яснено "КП" під\'їзд'}::text, '"([^"]*)"', '«\\1»', 'g'),
               '([A-Za-zА-Яа-яІіЇїЄєҐґ])[''\`ʼ‘]([A-Za-zА-Яа-яІіЇїЄєҐґ])', '\\1’\\2', 'g') AS name`.execute(
      ctx.deps.db,
    );
    expect(rows[0]!.name).toBe('Роз’яснено «КП» під’їзд');
  });

  it('result names and the Ukrainian catalogue write ’', () => {
    expect(RESULTS.filter((r) => WRONG_APOSTROPHE.test(r.uk))).toEqual([]);
    expect(RESULTS.find((r) => r.code.startsWith('explained'))?.uk).toMatch(/^Роз’яснено/);
    const wrong = [...leaves(uk)].filter(([, text]) => WRONG_APOSTROPHE.test(text));
    expect(wrong).toEqual([]);
  });
});
