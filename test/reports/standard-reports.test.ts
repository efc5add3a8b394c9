/**
 * Standard reports (issue 17) on a small hand-made data set whose right figures are written here:
 * four appeals received in March 2026 (Kyiv time), one in February (the previous period), one on
 * 1 April 00:30 Kyiv (outside the period though still 31 March in UTC). Also: the filters, the
 * period check, and the CSV/XLSX/PDF exports (types read back; the PDF's Ukrainian text extracted).
 */
import ExcelJS from 'exceljs';
import { extractText, getDocumentProxy } from 'unpdf';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reportPdf } from '../../src/server/reports/report-export.js';
import { runReport } from '../../src/server/reports/standard-reports.js';
import { addMainAssignment, makeUser } from '../factories.js';
import { type ApiClient, startTestServer, type TestServer } from '../http.js';

let server: TestServer;
let supervisor: ApiClient;
const ids = { e1: 0, e2: 0, qt1: 0, qt2: 0, e1Name: '', e2Name: '', qt1Name: '', qt2Name: '' };
let operatorName = '';

beforeAll(async () => {
  server = await startTestServer();
  const { db } = server.ctx.deps;
  server.ctx.setNow(new Date('2026-04-01T12:00:00Z'));
  const orgs = await db
    .selectFrom('organisations')
    .select(['id', 'name'])
    .where('type', '!=', 'contact_centre')
    .orderBy('id')
    .limit(2)
    .execute();
  const qts = await db
    .selectFrom('question_types')
    .select(['id', 'name'])
    .orderBy('id')
    .limit(2)
    .execute();
  Object.assign(ids, {
    e1: orgs[0]!.id,
    e1Name: orgs[0]!.name,
    e2: orgs[1]!.id,
    e2Name: orgs[1]!.name,
    qt1: qts[0]!.id,
    qt1Name: qts[0]!.name,
    qt2: qts[1]!.id,
    qt2Name: qts[1]!.name,
  });
  const operator = await makeUser(server.ctx.deps, 'operator');
  operatorName = operator.fullName;
  const veteran = await db
    .insertInto('applicants')
    .values({
      full_name: 'Тестовий Заявник',
      privileged_category: 'veteran',
      created_at: new Date(),
      updated_at: new Date(),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const add = async (
    n: number,
    v: {
      received: string;
      channel?: 'phone' | 'portal';
      kind?: 'application' | 'complaint' | 'consultation';
      subject?: 'individual' | 'collective';
      qt: number;
      executor?: number;
      deadline?: string;
      closed?: string;
      reworks?: number;
      repeated?: boolean;
      privileged?: boolean;
      operator?: boolean;
    },
  ) => {
    const row = await db
      .insertInto('appeals')
      .values({
        number: `R17-${n}`,
        received_at: v.received,
        registered_at: v.received,
        channel: v.channel ?? 'phone',
        kind: v.kind ?? 'application',
        subject: v.subject ?? 'individual',
        receipt_sign: v.repeated ? 'repeated' : 'primary',
        question_type_id: v.qt,
        description: 'Тестове звернення для звіту',
        status: v.closed ? 'closed' : 'in_work',
        result: v.closed ? 'resolved' : null,
        closed_at: v.closed ?? null,
        legal_deadline: v.deadline ?? null,
        rework_count: v.reworks ?? 0,
        privileged: v.privileged ?? false,
        applicant_id: v.privileged ? veteran.id : null,
        registered_by: v.operator === false ? null : operator.id,
        updated_at: v.received,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    if (v.executor)
      await addMainAssignment(db, {
        id: row.id,
        executorId: v.executor,
        receivedAt: v.received,
        closed: Boolean(v.closed),
      });
    return row.id;
  };
  // Mon 2 March 09:15 Kyiv: closed in 3 days, on time, one rework.
  await add(1, {
    received: '2026-03-02T09:15:00+02:00',
    qt: ids.qt1,
    executor: ids.e1,
    deadline: '2026-03-10T09:15:00+02:00',
    closed: '2026-03-05T09:15:00+02:00',
    reworks: 1,
  });
  // Tue 3 March 10:30: a collective complaint by the portal, closed late in 5 days, one extension.
  const a2 = await add(2, {
    received: '2026-03-03T10:30:00+02:00',
    channel: 'portal',
    kind: 'complaint',
    subject: 'collective',
    qt: ids.qt1,
    executor: ids.e1,
    deadline: '2026-03-04T10:30:00+02:00',
    closed: '2026-03-08T10:30:00+02:00',
  });
  await db
    .insertInto('extension_requests')
    .values({ appeal_id: a2, reason: 'Потрібен час', requested_days: 5, created_at: new Date() })
    .execute();
  // Tue 3 March 10:45: a privileged applicant's consultation, closed at once, no executor.
  await add(3, {
    received: '2026-03-03T10:45:00+02:00',
    kind: 'consultation',
    qt: ids.qt2,
    closed: '2026-03-03T10:45:00+02:00',
    privileged: true,
  });
  // Fri 20 March 23:30 Kyiv: repeated, open and overdue now, one explanation asked.
  const a4 = await add(4, {
    received: '2026-03-20T23:30:00+02:00',
    qt: ids.qt2,
    executor: ids.e2,
    deadline: '2026-03-25T23:30:00+02:00',
    repeated: true,
    operator: false,
  });
  const assignment = await db
    .selectFrom('assignments')
    .select('id')
    .where('appeal_id', '=', a4)
    .executeTakeFirstOrThrow();
  await db
    .insertInto('explanation_requests')
    .values({
      appeal_id: a4,
      assignment_id: assignment.id,
      question: 'Чому?',
      due_at: '2026-03-28T00:00:00Z',
      created_at: new Date(),
    })
    .execute();
  // The previous period (15 February) and just after the period (1 April 00:30 Kyiv).
  await add(5, { received: '2026-02-15T12:00:00+02:00', qt: ids.qt1 });
  await add(6, { received: '2026-04-01T00:30:00+03:00', qt: ids.qt1 });
  supervisor = await server.signIn('supervisor');
});
afterAll(() => server.close());

interface Report {
  rows: Record<string, string | number | null>[];
  columns: { key: string; type: string }[];
}
const march = 'from=2026-03-01&to=2026-03-31';
async function report(key: string, query = march): Promise<Report['rows']> {
  const res = await supervisor.get<Report>(`/api/v1/reports/${key}?${query}`);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body.rows;
}
const byFirst = (rows: Report['rows'], col: string) =>
  Object.fromEntries(rows.map((r) => [String(r[col]), r]));

describe('standard reports on a hand-made data set', () => {
  it('executors: received, on time, late, open, overdue, reworks, days, extensions, explanations', async () => {
    const rows = byFirst(await report('executors'), 'executor');
    expect(Object.keys(rows).sort()).toEqual([ids.e1Name, ids.e2Name, '—'].sort());
    expect(rows[ids.e1Name]).toEqual({
      executor: ids.e1Name,
      received: 2,
      onTime: 1,
      late: 1,
      open: 0,
      overdueNow: 0,
      reworks: 1,
      avgDays: 4,
      extensions: 1,
      explanations: 0,
      rating: null,
    });
    expect(rows[ids.e2Name]).toMatchObject({
      received: 1,
      open: 1,
      overdueNow: 1,
      explanations: 1,
      avgDays: null,
    });
    expect(rows['—']).toMatchObject({ received: 1, onTime: 1, avgDays: 0 });
  });

  it('executors filtered by executor keep that executor only', async () => {
    const rows = await report('executors', `${march}&executorId=${ids.e1}`);
    expect(rows.map((r) => r.executor)).toEqual([ids.e1Name]);
  });

  it('question types: counts, shares and change against February', async () => {
    const rows = byFirst(await report('question-types'), 'questionType');
    expect(rows[ids.qt1Name]).toMatchObject({ count: 2, share: 50, previous: 1, change: 100 });
    expect(rows[ids.qt2Name]).toMatchObject({ count: 2, share: 50, previous: 0, change: null });
  });

  it('channels, with a channel filter, named in the report’s language', async () => {
    expect(await report('channels')).toEqual([
      { channel: 'Телефон', count: 3, share: 75 },
      { channel: 'Сайт', count: 1, share: 25 },
    ]);
    expect(await report('channels', `${march}&channel=portal`)).toEqual([
      { channel: 'Сайт', count: 1, share: 100 },
    ]);
    expect(await report('channels', `${march}&lang=en`)).toEqual([
      { channel: 'Phone', count: 3, share: 75 },
      { channel: 'Website', count: 1, share: 25 },
    ]);
  });

  it('hours and weekdays in Kyiv time', async () => {
    const rows = byFirst(await report('hours'), 'hour');
    expect(Object.keys(rows)).toHaveLength(24);
    expect(rows['09:00']).toMatchObject({ d1: 1, total: 1 });
    expect(rows['10:00']).toMatchObject({ d2: 2, total: 2 });
    expect(rows['23:00']).toMatchObject({ d5: 1, total: 1 });
    expect(Object.values(rows).reduce((n, r) => n + Number(r.total), 0)).toBe(4);
  });

  it('operators: appeals and consultations registered', async () => {
    const rows = byFirst(await report('operators'), 'operator');
    expect(rows[operatorName]).toMatchObject({ appeals: 2, consultations: 1, callbacks: null });
    expect(rows['—']).toMatchObject({ appeals: 1, consultations: 0 });
  });

  it('repeated (Art. 8) and collective appeals by kind', async () => {
    const rows = byFirst(await report('repeated-collective'), 'kind');
    expect(Object.keys(rows).sort()).toEqual(['Заява (клопотання)', 'Консультація', 'Скарга']);
    expect(rows['Заява (клопотання)']).toMatchObject({ total: 2, repeated: 1, collective: 0 });
    expect(rows['Скарга']).toMatchObject({ total: 1, repeated: 0, collective: 1 });
    expect(rows['Консультація']).toMatchObject({ total: 1, repeated: 0, collective: 0 });
  });

  it('privileged applicants and consultations by topic', async () => {
    expect(await report('privileged')).toEqual([
      { category: 'veteran', count: 1, closed: 1, onTime: 1 },
    ]);
    const consultations = await report('consultations');
    expect(consultations).toHaveLength(1);
    expect(consultations[0]).toMatchObject({ topic: ids.qt2Name, count: 1, share: 100 });
  });

  it('refuses a reversed period with a stable code', async () => {
    const res = await supervisor.get('/api/v1/reports/executors?from=2026-03-31&to=2026-03-01');
    expect(res.status).toBe(400);
    expect(res.body.error).toBe('report_period_invalid');
  });
});

describe('report files', () => {
  const download = async (format: string) => {
    const res = await fetch(
      `${server.baseUrl}/api/v1/reports/executors?${march}&format=${format}`,
      {
        headers: { cookie: supervisor.cookie },
      },
    );
    expect(res.status).toBe(200);
    return Buffer.from(await res.arrayBuffer());
  };

  it('CSV has the header lines and the figures', async () => {
    const text = (await download('csv')).toString('utf8');
    expect(text).toContain('Період: 01.03.2026 – 31.03.2026');
    expect(text).toContain('Фільтри: без фільтрів');
    expect(text).toContain('Сформовано: 01.04.2026 15:00');
  });

  it('XLSX: numbers as numbers, the time of making as a date', async () => {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await download('xlsx')).buffer);
    const sheet = workbook.worksheets[0]!;
    expect(sheet.getCell('B4').type).toBe(ExcelJS.ValueType.Date);
    expect(sheet.getCell('A6').value).toBe('Виконавець');
    const e1 = sheet.getRows(7, 3)!.find((r) => r.getCell(1).value === ids.e1Name)!;
    expect(e1.getCell(2).type).toBe(ExcelJS.ValueType.Number);
    expect(e1.getCell(2).value).toBe(2);
    expect(e1.getCell(8).value).toBe(4);
  });

  it('PDF: A4 with the Ukrainian text extractable', async () => {
    const pdf = await download('pdf');
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    expect(pdf.toString('latin1')).toContain('DejaVuSans');
    const { text } = await extractText(await getDocumentProxy(new Uint8Array(pdf)), {
      mergePages: true,
    });
    expect(text).toContain('Виконавці');
    expect(text).toContain('Період');
    expect(text).toContain('Сформовано');
  });

  it('PDF of 20+ pages: every page A4, the Ukrainian text of the last page extractable (time printed)', async () => {
    const table = await runReport(
      server.ctx.deps,
      'question-types',
      { from: '2026-03-01', to: '2026-03-31' },
      new Date(),
    );
    const rows = Array.from({ length: 1100 }, (_, i) => ({
      ...table.rows[i % table.rows.length]!,
      questionType: `Ґудзик і їжак: рядок ${i + 1}`,
    }));
    const started = performance.now();
    const pdf = await reportPdf(
      { ...table, rows },
      {
        title: 'Типи питань і види звернень',
        period: 'Період: 01.03.2026 – 31.03.2026',
        filters: [],
        madeAt: new Date('2026-04-01T09:00:00Z'),
        timeZone: 'Europe/Kyiv',
      },
      'uk',
    );
    const ms = performance.now() - started;
    const doc = await getDocumentProxy(new Uint8Array(pdf));
    console.log(`PDF of ${doc.numPages} pages made in ${Math.round(ms)} ms`);
    expect(doc.numPages).toBeGreaterThanOrEqual(20);
    const { text } = await extractText(doc, { mergePages: false });
    expect(text.at(-1)).toContain('Ґудзик і їжак: рядок 1100');
    const page = await doc.getPage(doc.numPages);
    const [, , width, height] = page.view;
    expect([Math.round(width!), Math.round(height!)]).toEqual([595, 842]);
  });
});
