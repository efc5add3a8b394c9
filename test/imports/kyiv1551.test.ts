/**
 * Import of Kyiv 1551 open data: the real sample and the cut head of a monthly file from
 * ../shared/data/kyiv1551 (skipped when absent), and small synthetic files with the known faults.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatSummary, type ImportSummary } from '../../src/server/imports/import-summary.js';
import {
  importKyiv1551,
  kyivAddress,
  mapKyivStatus,
  parseKyivTime,
} from '../../src/server/imports/kyiv1551.js';
import { sharedDataPresent } from '../shared-data.js';
import { createTestContext, type TestContext } from '../test-db.js';

const KYIV_DIR = fileURLToPath(new URL('../../../shared/data/kyiv1551/', import.meta.url));
const SAMPLE = join(KYIV_DIR, 'sample-records.json');
const RAW_HEAD = join(KYIV_DIR, 'raw-head-2025-09.txt');
const hasData = sharedDataPresent([SAMPLE, RAW_HEAD], 'The Kyiv 1551 real-data tests');

let ctx: TestContext;
let dir: string;

beforeAll(async () => {
  ctx = await createTestContext();
  dir = await mkdtemp(join(tmpdir(), 'kontakt-kyiv1551-'));
});
afterAll(async () => {
  await ctx?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

/** The imported appeal of `sourceId` with its main assignment's executor and its events. */
async function appealOf(sourceId: string, on: TestContext = ctx) {
  const db = on.deps.db;
  const appeal = await db
    .selectFrom('appeals')
    .selectAll()
    .where('source', '=', 'kyiv1551')
    .where('source_id', '=', sourceId)
    .executeTakeFirstOrThrow();
  const assignments = await db
    .selectFrom('assignments as a')
    .innerJoin('organisations as o', 'o.id', 'a.executor_id')
    .select(['a.state', 'a.role', 'a.executor_id', 'o.name'])
    .where('a.appeal_id', '=', appeal.id)
    .execute();
  const events = await db
    .selectFrom('appeal_events')
    .select(['type', 'actor_label', 'to_status', 'data'])
    .where('appeal_id', '=', appeal.id)
    .execute();
  const questionType = await db
    .selectFrom('question_types as qt')
    .innerJoin('classifier_kinds as k', 'k.id', 'qt.kind_id')
    .select(['qt.name', 'k.name as kind'])
    .where('qt.id', '=', appeal.question_type_id)
    .executeTakeFirstOrThrow();
  return { appeal, assignments, events, questionType };
}

describe('pure rules', () => {
  it('reads Kyiv local time written with a false Z', () => {
    expect(parseKyivTime('2025-09-01T00:42Z', 'Europe/Kyiv')?.toISOString()).toBe(
      '2025-08-31T21:42:00.000Z',
    );
    expect(parseKyivTime('2026-03-01T01:20Z', 'Europe/Kyiv')?.toISOString()).toBe(
      '2026-02-28T23:20:00.000Z',
    );
    expect(parseKyivTime('2025-09-01 10:00:30', 'Europe/Kyiv')?.toISOString()).toBe(
      '2025-09-01T07:00:30.000Z',
    );
    expect(parseKyivTime('2025-09-01T10:00+02:00', 'Europe/Kyiv')?.toISOString()).toBe(
      '2025-09-01T08:00:00.000Z',
    );
    expect(parseKyivTime('2025-02-30T10:00Z', 'Europe/Kyiv')).toBeNull();
    expect(parseKyivTime('вчора', 'Europe/Kyiv')).toBeNull();
  });

  it.each([
    [['вул. Роздільна', '5', null], 'вул. Роздільна, 5'],
    [['  вул.  Зоологічна ', '4-а', null], 'вул. Зоологічна, 4-А'],
    [['пров. Ковальський', '20/2', null], 'пров. Ковальський, 20/2'],
    [['вул. Мілютенка', '46', 'к.1'], 'вул. Мілютенка, 46, корп. 1'],
    [['вул. Мілютенка', '46', ' 2'], 'вул. Мілютенка, 46, корп. 2'],
    [['вул. Солом`янська', '26 - А', null], "вул. Солом'янська, 26-А"],
    [['null', '', null], null],
    [[null, '5', null], null],
  ] as const)('address %j → %j', ([street, house, building], expected) => {
    expect(kyivAddress(street, house, building).address).toBe(expected);
  });

  it('cuts the old name of a renamed street', () => {
    expect(kyivAddress('вул. Гайдай Зої (вул. Каштанова)', '2', null)).toEqual({
      address: 'вул. Гайдай Зої, 2',
      oldStreetName: 'вул. Каштанова',
    });
  });

  it('maps statuses and results', () => {
    expect(mapKyivStatus('Закрито', 'Роз`яснено / Перевірено куратором')).toMatchObject({
      status: 'closed',
      result: 'explained',
      notes: [],
    });
    expect(mapKyivStatus('Закрито', 'Не в компетенції / Повернуто в 1551').result).toBe(
      'not_in_competence_forwarded',
    );
    expect(
      mapKyivStatus('На перевірці', 'Роз’яснено / Потребує перевірки куратором'),
    ).toMatchObject({ status: 'on_check', result: null, notes: [] });
    expect(mapKyivStatus(null, 'На доопрацювання / Спростовано куратором').status).toBe('rework');
    const closedInterim = mapKyivStatus('Закрито', 'Прийнято в роботу');
    expect(closedInterim.result).toBe('closed_automatically');
    expect(closedInterim.notes.map((n) => n.reason)).toEqual(['closed_with_interim_result']);
  });
});

describe.skipIf(!hasData)('the real Kyiv 1551 files', () => {
  // Its own database, imported once: the cut head of September, then the sample that repeats it.
  let real: TestContext;
  let cut: ImportSummary;
  let sample: ImportSummary;
  let importedCount = 0;
  beforeAll(async () => {
    real = await createTestContext();
    cut = await importKyiv1551(real.deps, RAW_HEAD);
    sample = await importKyiv1551(real.deps, SAMPLE);
    const total = await real.deps.db
      .selectFrom('appeals')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('source', '=', 'kyiv1551')
      .executeTakeFirstOrThrow();
    importedCount = Number(total.n);
  }, 300_000);
  afterAll(() => real?.close());

  it('imports the complete records of a file cut mid-record and reports the cut', () => {
    expect(cut).toMatchObject({ read: 3, imported: 3, skipped: {}, fatal: null });
    expect(cut.problems).toEqual([
      expect.objectContaining({ line: 1, record: 4, reason: 'truncated_json' }),
    ]);
  });

  it('imports the sample: 9 read, 6 new, 3 already imported from the cut file', () => {
    console.log(formatSummary(sample));
    expect(sample).toMatchObject({
      format: 'kyiv1551',
      read: 9,
      imported: 6,
      skipped: { already_imported: 3 },
      problemCount: 0,
      fatal: null,
    });
    expect(importedCount).toBe(9);
  });

  it('keeps statuses, results, channels, executors and times of known records', async () => {
    const explained = await appealOf('4219177', real);
    expect(explained.appeal).toMatchObject({
      status: 'closed',
      result: 'explained',
      channel: 'phone',
      kind: 'application',
      address_text: 'вул. Роздільна, 5',
    });
    // 00:42 Kyiv time on 1 September, written as "2025-09-01T00:42Z".
    expect(explained.appeal.received_at.toISOString()).toBe('2025-08-31T21:42:00.000Z');
    expect(explained.appeal.number).toMatch(/^2025-\d{6}$/);
    expect(explained.appeal.closed_at?.toISOString()).toBe('2025-08-31T21:42:00.000Z');
    // As a registration gives it: 30 days (new question type) counted in Kyiv, 1 September + 30 =
    // Wednesday 1 October, end of day; the control date two working days earlier (the default
    // review margin), Monday 29 September.
    expect(explained.appeal.legal_deadline?.toISOString()).toBe('2025-10-01T20:59:59.999Z');
    expect(explained.appeal.control_date?.toISOString()).toBe('2025-09-29T20:59:59.999Z');
    expect(explained.assignments).toEqual([
      expect.objectContaining({
        state: 'done',
        role: 'main',
        name: 'КП «Керуюча компанія» (Солом’янська РДА)', // shown with Ukrainian typography
      }),
    ]);
    expect(explained.questionType.kind).toBe(
      'Перерахунки; нарахування плати та боргу; укладання договорів',
    );

    expect((await appealOf('4219178', real)).appeal.result).toBe('done_confirmed');
    const lift = await appealOf('5266009', real);
    expect(lift.appeal.result).toBe('closed_automatically');
    expect(lift.appeal.received_at.toISOString()).toBe('2026-03-01T00:04:00.000Z');
    expect(lift.assignments[0]?.name).toBe('КП «Ліфтова служба» Шевченківської РДА');

    const onCheck = await appealOf('5434367', real);
    expect(onCheck.appeal).toMatchObject({ status: 'on_check', result: null, closed_at: null });
    expect(onCheck.appeal.address_text).toBe('вул. Зоологічна, 4-А');
    expect(onCheck.assignments.map((a) => a.state)).toEqual(['responded']);

    const inWork = await appealOf('5434376', real);
    expect(inWork.appeal).toMatchObject({
      status: 'in_work',
      address_text: 'пров. Ковальський, 20/2',
    });
    expect(inWork.assignments.map((a) => a.state)).toEqual(['in_work']);

    const registered = await appealOf('5434377', real);
    expect(registered.appeal).toMatchObject({
      status: 'registered',
      channel: 'portal',
      result: null,
    });
    expect(registered.assignments.map((a) => [a.state, a.name])).toEqual([
      ['pending', 'АТ «Київгаз»'],
    ]);
    expect(registered.questionType.name).toBe('Про розгляд звернень громадян');
  });

  it('gives no address when the street is the string "null"', async () => {
    expect((await appealOf('5265994', real)).appeal.address_text).toBeNull();
    expect((await appealOf('5434377', real)).appeal.address_text).toBeNull();
  });

  it('writes one imported event with the original status and result', async () => {
    const { events } = await appealOf('5434367', real);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      type: 'imported',
      actor_label: 'import:kyiv1551',
      to_status: 'on_check',
      data: {
        source: 'kyiv1551',
        sourceId: '5434367',
        uid: '6-890502/1',
        originalStatus: 'На перевірці',
        originalResult: 'Роз`яснено / Потребує перевірки куратором',
      },
    });
  });

  it('maps apostrophe and quote variants of a name to one organisation', async () => {
    const file = join(dir, 'apostrophes.json');
    const base = {
      receivedDateTime: '2025-09-02T10:00Z',
      type: 'Звернення',
      kind: 'Утримання будинку',
      content: 'Утримання підвалів та технічних поверхів',
      accrualMethod: 'Дзвінок в 1551',
      status: 'В роботі',
      result: 'Прийнято в роботу',
    };
    await writeFile(
      file,
      JSON.stringify([
        { ...base, Id: 9100001, organizationName: 'КП «Керуюча компанія» (Солом’янська РДА)' },
        { ...base, Id: 9100002, organizationName: ' КП "Керуюча компанія"  (Солом\'янська РДА) ' },
      ]),
    );
    const summary = await importKyiv1551(real.deps, file);
    expect(summary).toMatchObject({ imported: 2, created: { executors: 0 } });
    const original = (await appealOf('4219177', real)).assignments[0]!.executor_id;
    expect((await appealOf('9100001', real)).assignments[0]!.executor_id).toBe(original);
    expect((await appealOf('9100002', real)).assignments[0]!.executor_id).toBe(original);
  });

  it('imports nothing the second time', async () => {
    const summary = await importKyiv1551(real.deps, SAMPLE);
    expect(summary).toMatchObject({ read: 9, imported: 0, skipped: { already_imported: 9 } });
    expect(summary.created).toEqual({ kinds: 0, questionTypes: 0, executors: 0 });
  });
});

describe('faulty files', () => {
  const good = {
    Id: 8000001,
    uid: '9-000001/1',
    receivedDateTime: '2025-09-01T00:42Z',
    type: 'Скарга',
    kind: 'Тестові питання',
    content: 'Тестове питання',
    accrualMethod: 'Телеефір',
    addressThoroughfare: ' вул. Гайдай Зої (вул. Каштанова) ',
    addressLocatorDesignator: '26-а',
    addressLocatorBuilding: 'к.1',
    result: 'Виконано / Підтверджено заявником',
    organizationName: 'Тестова організація',
  };

  it('reports each malformed record with its line and reason and imports the rest', async () => {
    const lines = [
      '[',
      JSON.stringify(good) + ',',
      '42,',
      JSON.stringify({ ...good, Id: undefined, uid: undefined }) + ',',
      JSON.stringify({ ...good, Id: 8000004, receivedDateTime: '2025-13-45T10:00Z' }) + ',',
      JSON.stringify({ ...good, Id: 8000005, receivedDateTime: undefined }) + ',',
      JSON.stringify({ ...good, Id: 8000006, kind: '  ' }) + ',',
      '{"Id": 8000007, "kind": broken},',
      JSON.stringify(good) + ',',
      JSON.stringify({
        ...good,
        Id: 8000009,
        status: 'Закрито',
        result: 'Прийнято в роботу',
        accrualMethod: 'Голубина пошта',
      }),
      ']',
    ];
    const file = join(dir, 'faults.json');
    await writeFile(file, lines.join('\n'));
    const summary = await importKyiv1551(ctx.deps, file);
    expect(summary).toMatchObject({
      read: 9,
      imported: 2,
      skipped: {
        not_an_object: 1,
        missing_id: 1,
        bad_date: 1,
        missing_date: 1,
        missing_kind: 1,
        malformed_json: 1,
        duplicate_id: 1,
      },
      notes: { missing_status: 1, closed_with_interim_result: 1, unknown_channel: 1 },
      fatal: null,
    });
    const reasons = summary.problems.map((p) => [p.line, p.record, p.reason]);
    expect(reasons).toEqual(
      expect.arrayContaining([
        [2, 1, 'missing_status'],
        [3, 2, 'not_an_object'],
        [4, 3, 'missing_id'],
        [5, 4, 'bad_date'],
        [6, 5, 'missing_date'],
        [7, 6, 'missing_kind'],
        [8, 7, 'malformed_json'],
        [9, 8, 'duplicate_id'],
        [10, 9, 'closed_with_interim_result'],
        [10, 9, 'unknown_channel'],
      ]),
    );
    expect(formatSummary(summary)).toContain('line 5 (record 4): bad_date');

    const imported = await appealOf('8000001');
    expect(imported.appeal).toMatchObject({
      status: 'closed',
      result: 'done_confirmed',
      kind: 'complaint',
      channel: 'tv',
      address_text: 'вул. Гайдай Зої, 26-А, корп. 1',
    });
    expect(imported.events[0]?.data).toMatchObject({ oldStreetName: 'вул. Каштанова' });
    expect((await appealOf('8000009')).appeal).toMatchObject({
      status: 'closed',
      result: 'closed_automatically',
      channel: 'import',
    });
  });

  it('imports the records before the cut of a truncated file', async () => {
    const file = join(dir, 'truncated.json');
    await writeFile(
      file,
      `[\n${JSON.stringify({ ...good, Id: 8100001, status: 'Закрито' })},\n{"Id": 8100002, "kind": "Лі`,
    );
    const summary = await importKyiv1551(ctx.deps, file);
    expect(summary).toMatchObject({ read: 1, imported: 1, fatal: null });
    expect(summary.problems).toEqual([
      expect.objectContaining({ line: 3, record: 2, reason: 'truncated_json' }),
    ]);
  });

  it('refuses a file that is not a JSON array, with a clear message', async () => {
    const file = join(dir, 'object.json');
    await writeFile(file, '{"data": []}');
    const summary = await importKyiv1551(ctx.deps, file);
    expect(summary).toMatchObject({ read: 0, imported: 0 });
    expect(summary.fatal).toMatch(/not a JSON array/);
    expect(formatSummary(summary)).toContain('FAILED');
  });
});
