/**
 * The report constructor's pivot (issue 17, item 2) on a small hand-made data set whose right
 * figures are written here. Period 1 February – 31 March 2026 (Kyiv). Nine appeals, seven inside:
 *
 * | appeal | received (Kyiv)   | executor | deadline | closed          | on time | days | reworks |
 * | A1     | 10 Feb 10:00      | e1       | 20 Feb   | 15 Feb 10:00    | yes     | 5    | 1       |
 * | A2     | 20 Feb 10:00      | e1       | 22 Feb   | 25 Feb 10:00    | no      | 5    |         |
 * | A9     | 25 Feb 10:00      | e1       | —        | open            |         |      |         |
 * | A3     | 5 Mar 10:00       | e1       | 30 Mar   | open            |         |      |         |
 * | A4     | 10 Mar 10:00      | e2       | 20 Mar   | 12 Mar 10:00    | yes     | 2    |         |
 * | A8     | 15 Mar 10:00      | e2       | 16 Mar   | 20 Mar 10:00    | no      | 5    |         |
 * | A5     | 31 Mar 23:30 (+3) | e2       | —        | a day later     | yes     | 1    |         |
 * | A6     | 1 Apr 00:30 (+3): outside (still 31 March in UTC)                              |
 * | A7     | 31 Jan 23:30: outside                                                          |
 *
 * Executor × month, count / on-time %: e1 Feb 3 / 50.0, Mar 1 / —, total 4 / 50.0; e2 Feb 0 / —,
 * Mar 3 / 66.7, total 3 / 66.7; all: Feb 3 / 50.0, Mar 4 / 66.7, total 7 / 60.0 (5 closed, 3 on
 * time — not the mean of 50.0 and 66.7); average days 18 / 5 = 3.6.
 */
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PIVOT_DIMENSIONS, PIVOT_MEASURES, type PivotDimension } from '../../src/domain/pivot.js';
import { runPivot } from '../../src/server/reports/pivot-report.js';
import type { ReportTable } from '../../src/server/reports/report-table.js';
import { type ApiClient, startTestServer, type TestServer } from '../http.js';
import { addMainAssignment } from '../factories.js';

let server: TestServer;
let supervisor: ApiClient;
const e = { e1: 0, e2: 0, e1Name: '', e2Name: '' };
const PERIOD = { from: '2026-02-01', to: '2026-03-31' };

beforeAll(async () => {
  server = await startTestServer();
  server.ctx.setNow(new Date('2026-04-02T09:00:00Z'));
  const { db } = server.ctx.deps;
  const orgs = await db
    .selectFrom('organisations')
    .select(['id', 'name'])
    .where('type', '!=', 'contact_centre')
    .orderBy('id')
    .limit(2)
    .execute();
  Object.assign(e, {
    e1: orgs[0]!.id,
    e1Name: orgs[0]!.name,
    e2: orgs[1]!.id,
    e2Name: orgs[1]!.name,
  });
  const qt = await db
    .selectFrom('question_types')
    .select('id')
    .orderBy('id')
    .executeTakeFirstOrThrow();
  const district = await db.selectFrom('districts').select('id').orderBy('id').executeTakeFirst();
  const add = async (
    n: number,
    v: { received: string; executor: number; deadline?: string; closed?: string; reworks?: number },
  ) => {
    const row = await db
      .insertInto('appeals')
      .values({
        number: `P17-${n}`,
        received_at: v.received,
        registered_at: v.received,
        channel: n % 2 === 0 ? 'portal' : 'phone',
        kind: n === 4 ? 'complaint' : 'application',
        subject: 'individual',
        question_type_id: qt.id,
        description: 'Тестове звернення для зведеної таблиці',
        status: v.closed ? 'closed' : 'in_work',
        result: v.closed ? 'done_confirmed' : null,
        closed_at: v.closed ?? null,
        legal_deadline: v.deadline ?? null,
        rework_count: v.reworks ?? 0,
        privileged: n === 1,
        district_id: n === 1 ? (district?.id ?? null) : null,
        author_sex: n === 2 ? 'female' : null,
        author_category: n === 2 ? 'combatant' : null,
        updated_at: v.received,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await addMainAssignment(db, {
      id: row.id,
      executorId: v.executor,
      receivedAt: v.received,
      closed: Boolean(v.closed),
    });
  };
  const t = (s: string) => `2026-${s}:00+02:00`;
  await add(1, {
    received: t('02-10T10:00'),
    executor: e.e1,
    deadline: t('02-20T10:00'),
    closed: t('02-15T10:00'),
    reworks: 1,
  });
  await add(2, {
    received: t('02-20T10:00'),
    executor: e.e1,
    deadline: t('02-22T10:00'),
    closed: t('02-25T10:00'),
  });
  await add(9, { received: t('02-25T10:00'), executor: e.e1 });
  await add(3, { received: t('03-05T10:00'), executor: e.e1, deadline: t('03-30T10:00') });
  await add(4, {
    received: t('03-10T10:00'),
    executor: e.e2,
    deadline: t('03-20T10:00'),
    closed: t('03-12T10:00'),
  });
  await add(8, {
    received: t('03-15T10:00'),
    executor: e.e2,
    deadline: t('03-16T10:00'),
    closed: t('03-20T10:00'),
  });
  await add(5, {
    received: '2026-03-31T23:30:00+03:00',
    executor: e.e2,
    closed: '2026-04-01T23:30:00+03:00',
  });
  await add(6, { received: '2026-04-01T00:30:00+03:00', executor: e.e2 });
  await add(7, { received: t('01-31T23:30'), executor: e.e1 });
  supervisor = await server.signIn('supervisor');
});
afterAll(() => server?.close());

const pivot = (q: Record<string, string>) =>
  supervisor.get<ReportTable & { error?: string }>(
    `/api/v1/reports/pivot?${new URLSearchParams({ ...PERIOD, ...q }).toString()}`,
  );

describe('the pivot', () => {
  it('executor × month: count and on-time share, wide, with totals recomputed from sums', async () => {
    const res = await pivot({
      rows: 'executor',
      columns: 'month',
      measures: 'count,on_time_share',
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.key).toBe('pivot');
    expect(res.body.columns.map((c) => [c.key, c.uk, c.en, c.type])).toEqual([
      ['row', 'Виконавець', 'Executor', 'text'],
      ['c0_count', '2026-02 · Кількість', '2026-02 · Count', 'int'],
      ['c0_on_time_share', '2026-02 · Вчасно, %', '2026-02 · On time, %', 'percent'],
      ['c1_count', '2026-03 · Кількість', '2026-03 · Count', 'int'],
      ['c1_on_time_share', '2026-03 · Вчасно, %', '2026-03 · On time, %', 'percent'],
      ['total_count', 'Усього · Кількість', 'Total · Count', 'int'],
      ['total_on_time_share', 'Усього · Вчасно, %', 'Total · On time, %', 'percent'],
    ]);
    const cells = (r: Record<string, unknown>) => [
      r.row,
      r.c0_count,
      r.c0_on_time_share,
      r.c1_count,
      r.c1_on_time_share,
      r.total_count,
      r.total_on_time_share,
    ];
    expect(res.body.rows.map(cells)).toEqual([
      [e.e1Name, 3, 50, 1, null, 4, 50],
      [e.e2Name, 0, null, 3, 66.7, 3, 66.7],
      ['Усього', 3, 50, 4, 66.7, 7, 60],
    ]);
    expect(res.body.chart).toEqual({
      category: 'row',
      series: ['c0_count', 'c1_count'],
      kind: 'bar',
    });
  });

  it('months as rows: count, on-time share, average days and reworks', async () => {
    const res = await pivot({ rows: 'month', measures: 'count,on_time_share,avg_days,reworks' });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.columns.map((c) => c.key)).toEqual([
      'row',
      'count',
      'on_time_share',
      'avg_days',
      'reworks',
    ]);
    expect(res.body.rows).toEqual([
      { row: '2026-02', count: 3, on_time_share: 50, avg_days: 5, reworks: 1 },
      { row: '2026-03', count: 4, on_time_share: 66.7, avg_days: 2.7, reworks: 0 },
      { row: 'Усього', count: 7, on_time_share: 60, avg_days: 3.6, reworks: 1 },
    ]);
    expect(res.body.chart.kind).toBe('line');
  });

  it('labels values in the language asked: kinds, channels, statuses, sex, privileged', async () => {
    const en = async (rows: string) =>
      (await pivot({ rows, measures: 'count', lang: 'en' })).body.rows.map((r) => [r.row, r.count]);
    expect(await en('kind')).toEqual([
      ['Application (request)', 6],
      ['Complaint', 1],
      ['Total', 7],
    ]);
    expect(await en('status')).toEqual([
      ['Closed', 5],
      ['In work', 2],
      ['Total', 7],
    ]);
    expect(await en('sex')).toEqual([
      ['Female', 1],
      ['Not stated', 6],
      ['Total', 7],
    ]);
    expect(await en('privileged')).toEqual([
      ['No', 6],
      ['Yes', 1],
      ['Total', 7],
    ]);
    const uk = await pivot({ rows: 'channel', measures: 'count' });
    expect(uk.body.rows.map((r) => [r.row, r.count])).toEqual([
      ['Телефон', 4],
      ['Сайт', 3],
      ['Усього', 7],
    ]);
  });

  it('refuses rows and columns of one dimension, too many columns and too long a period', async () => {
    const same = await pivot({ rows: 'month', columns: 'month', measures: 'count' });
    expect([same.status, same.body.error]).toEqual([400, 'pivot_same_dimension']);
    const wide = await pivot({
      rows: 'executor',
      columns: 'day',
      measures: 'count',
      from: '2026-01-01',
      to: '2026-03-31',
    });
    expect([wide.status, wide.body.error]).toEqual([400, 'pivot_too_wide']);
    const long = await pivot({ rows: 'month', measures: 'count', from: '2025-01-01' });
    expect([long.status, long.body.error]).toEqual([400, 'report_period_invalid']);
    const unknown = await pivot({ rows: 'month', measures: 'count,median' });
    expect([unknown.status, unknown.body.error]).toEqual([400, 'validation_failed']);
    // A measure twice would be two equal columns.
    const twice = await pivot({ rows: 'month', measures: 'count,on_time_share,count' });
    expect([twice.status, twice.body.error]).toEqual([400, 'validation_failed']);
  });

  it('as XLSX: the header, then numbers as number cells', async () => {
    const q = new URLSearchParams({
      ...PERIOD,
      rows: 'executor',
      columns: 'month',
      measures: 'count,on_time_share',
      format: 'xlsx',
    });
    const res = await fetch(`${server.baseUrl}/api/v1/reports/pivot?${q.toString()}`, {
      headers: { cookie: supervisor.cookie },
    });
    expect(res.status).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(await res.arrayBuffer());
    const sheet = workbook.worksheets[0]!;
    expect(sheet.getCell('A1').value).toBe(
      'Зведена таблиця: Виконавець × Місяць (Кількість, Вчасно, %)',
    );
    expect(sheet.getCell('A2').value).toBe('Період: 01.02.2026 – 31.03.2026');
    expect(sheet.getCell('B4').type).toBe(ExcelJS.ValueType.Date);
    expect(sheet.getCell('B6').value).toBe('2026-02 · Кількість');
    const e2 = sheet.getRow(8);
    expect(e2.getCell(1).value).toBe(e.e2Name);
    expect(e2.getCell(4).type).toBe(ExcelJS.ValueType.Number);
    expect(e2.getCell(4).value).toBe(3);
    expect(e2.getCell(5).value).toBe(66.7);
    expect(sheet.getRow(9).getCell(7).value).toBe(60);
  });
});

describe('every dimension', () => {
  const sum = (t: ReportTable, key: string) => t.rows.at(-1)?.[key];
  it.each(PIVOT_DIMENSIONS)(
    '%s as rows and as columns returns the data set’s 7 appeals',
    async (d) => {
      const deps = server.ctx.deps;
      const rows = await runPivot(deps, { rows: d, measures: [...PIVOT_MEASURES] }, PERIOD, 'uk');
      expect(rows.rows.length).toBeGreaterThanOrEqual(2);
      expect(rows.rows.at(-1)?.row).toBe('Усього');
      expect(sum(rows, 'count')).toBe(7);
      expect(sum(rows, 'on_time_share')).toBe(60);
      expect(sum(rows, 'avg_rating')).toBeNull();
      const other: PivotDimension = d === 'kind' ? 'channel' : 'kind';
      const wide = await runPivot(
        deps,
        { rows: other, columns: d, measures: ['count'] },
        PERIOD,
        'en',
      );
      expect(sum(wide, 'total_count')).toBe(7);
      const perColumn = wide.columns.filter((c) => /^c\d+_count$/.test(c.key));
      expect(perColumn.length).toBeGreaterThanOrEqual(1);
      expect(perColumn.reduce((n, c) => n + Number(sum(wide, c.key)), 0)).toBe(7);
    },
  );
});
