/**
 * The statistics by Classifier No. 858 (issue 17, item 3): the intake records the author's sex,
 * category and social status and the card shows them; the administrator sets a question type's
 * topic; the quarterly report counts a hand-made first quarter of 2026 against the first quarter of
 * 2025, every section sums to the total, and the total reconciles with the registry's count for the
 * same quarter (consultations given apart).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiClient, startTestServer, type TestServer } from '../http.js';

let server: TestServer;
let supervisor: ApiClient;
let operator: ApiClient;
let qt1 = 0;
let qt2 = 0;
let registeredId = 0;

type Row = Record<string, string | number | null>;

beforeAll(async () => {
  server = await startTestServer();
  const { db } = server.ctx.deps;
  server.ctx.setNow(new Date('2026-04-10T12:00:00Z'));
  const qts = await db
    .selectFrom('question_types as qt')
    .innerJoin('routing_rules as r', 'r.question_type_id', 'qt.id')
    .select('qt.id')
    .orderBy('qt.id')
    .limit(2)
    .execute();
  qt1 = qts[0]!.id;
  qt2 = qts[1]!.id;
  supervisor = await server.signIn('supervisor');
  operator = await server.signIn('operator');
  const admin = await server.signIn('administrator');
  // The administrator codes the two question types: topic 10 and topic 3.
  for (const [id, topic] of [
    [qt1, 10],
    [qt2, 3],
  ] as const) {
    const res = await admin.request('PATCH', `/api/v1/admin/classifier/question-types/${id}`, {
      topic858: topic,
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toMatchObject({ topic858: topic });
  }

  let n = 0;
  const add = async (v: {
    received: string;
    channel?: 'phone' | 'portal' | 'post' | 'import';
    kind?: 'application' | 'complaint' | 'proposal' | 'consultation';
    subject?: 'individual' | 'collective' | 'anonymous';
    qt?: number;
    sex?: 'male' | 'female';
    category?: string;
    social?: string;
    result?: string;
    deadline?: string;
    closed?: string;
  }) =>
    db
      .insertInto('appeals')
      .values({
        number: `K858-${++n}`,
        received_at: v.received,
        registered_at: v.received,
        channel: v.channel ?? 'phone',
        kind: v.kind ?? 'application',
        subject: v.subject ?? 'individual',
        question_type_id: v.qt ?? qt1,
        description: 'Звернення для статистики № 858',
        status: v.closed ? 'closed' : 'in_work',
        result: v.closed ? (v.result ?? 'done_confirmed') : null,
        closed_at: v.closed ?? null,
        legal_deadline: v.deadline ?? null,
        author_sex: v.sex ?? null,
        author_category: v.category ?? null,
        author_social_status: v.social ?? null,
        updated_at: v.received,
      })
      .execute();
  // First quarter of 2026 (Kyiv time): four appeals by hand, one consultation, and one just
  // outside (1 April 00:30 Kyiv is still 31 March in UTC).
  await add({
    received: '2026-01-05T10:00:00+02:00',
    sex: 'female',
    category: 'combatant',
    social: 'pensioner',
    deadline: '2026-02-04T10:00:00+02:00',
    closed: '2026-01-20T10:00:00+02:00',
  });
  await add({
    received: '2026-02-10T10:00:00+02:00',
    channel: 'portal',
    kind: 'complaint',
    subject: 'collective',
    qt: qt2,
    sex: 'male',
    social: 'worker',
    deadline: '2026-02-25T10:00:00+02:00',
    closed: '2026-03-01T10:00:00+02:00',
    result: 'explained',
  });
  await add({ received: '2026-03-31T23:30:00+03:00', channel: 'import', kind: 'proposal' });
  await add({
    received: '2026-03-15T09:00:00+02:00',
    kind: 'consultation',
    closed: '2026-03-15T09:00:00+02:00',
    result: 'consultation_given',
  });
  await add({ received: '2026-04-01T00:30:00+03:00' });
  // The first quarter of 2025: one appeal by post.
  await add({
    received: '2025-03-01T10:00:00+02:00',
    channel: 'post',
    sex: 'female',
    closed: '2025-03-05T10:00:00+02:00',
    result: 'not_in_competence_forwarded',
  });
  // And one through the intake, as the operator's screen sends it.
  const registered = await operator.post('/api/v1/appeals', {
    receivedAt: '2026-03-20T11:00:00+02:00',
    channel: 'phone',
    kind: 'application',
    questionTypeId: qt1,
    description: 'Не працює ліфт у під’їзді',
    applicant: { fullName: 'Коваленко Олена Петрівна', phones: ['+380501112233'] },
    authorSex: 'female',
    authorCategory: 'disability_2',
    authorSocialStatus: 'unemployed',
  });
  expect(registered.status, JSON.stringify(registered.body)).toBe(201);
  registeredId = registered.body.id as number;
});
afterAll(() => server.close());

const q1 = 'from=2026-01-01&to=2026-03-31';
async function report858(query = q1): Promise<Row[]> {
  const res = await supervisor.get<{ rows: Row[] }>(`/api/v1/reports/classifier-858?${query}`);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body.rows;
}
const sectionOf = (rows: Row[], prefix: string) =>
  rows.filter((r) => String(r.section).startsWith(prefix));
const figures = (rows: Row[]) =>
  Object.fromEntries(rows.map((r) => [String(r.item), [r.previous, r.current]]));

describe('Classifier No. 858 on the card', () => {
  it('the intake stores sex, category and social status; the card shows them; the applicant keeps the sex', async () => {
    const card = await supervisor.get(`/api/v1/appeals/${registeredId}`);
    expect(card.status).toBe(200);
    expect(card.body.author).toEqual({
      sex: 'female',
      category: 'disability_2',
      socialStatus: 'unemployed',
    });
    const applicant = await server.ctx.deps.db
      .selectFrom('applicants')
      .select('sex')
      .where('full_name', '=', 'Коваленко Олена Петрівна')
      .executeTakeFirstOrThrow();
    expect(applicant.sex).toBe('female');
  });

  it('refuses a key outside the Classifier’s lists', async () => {
    const res = await operator.post('/api/v1/appeals', {
      channel: 'phone',
      kind: 'application',
      questionTypeId: qt1,
      description: 'Перевірка',
      subject: 'anonymous',
      authorSocialStatus: 'astronaut',
    });
    expect(res.status).toBe(400);
  });
});

describe('the quarterly report by Classifier No. 858', () => {
  it('counts the quarter against the same quarter a year before, section by section', async () => {
    const rows = await report858();
    expect(figures(sectionOf(rows, 'Усього'))).toEqual({ 'Усього звернень': [1, 4] });
    expect(figures(sectionOf(rows, '1.'))).toMatchObject({
      'Поштою (електронною поштою)': [1, 0],
      'За допомогою засобів телефонного зв’язку': [0, 2],
      'З використанням Інтернету': [0, 1],
      'Не зазначено': [0, 1],
    });
    expect(figures(sectionOf(rows, '3.'))).toEqual({
      'Пропозиція (зауваження)': [0, 1],
      'Заява (клопотання)': [1, 2],
      Скарга: [0, 1],
    });
    expect(figures(sectionOf(rows, '4.'))).toEqual({
      Чоловіча: [0, 1],
      Жіноча: [1, 2],
      'Не зазначено': [0, 1],
    });
    expect(figures(sectionOf(rows, '5.'))).toMatchObject({
      Індивідуальне: [1, 3],
      Колективне: [0, 1],
    });
    expect(figures(sectionOf(rows, '7.'))).toMatchObject({
      'Учасник бойових дій': [0, 1],
      'Особа з інвалідністю II групи': [0, 1],
      'Не зазначено': [1, 2],
    });
    expect(figures(sectionOf(rows, '8.'))).toMatchObject({
      Пенсіонер: [0, 1],
      Робітник: [0, 1],
      Безробітний: [0, 1],
      'Не зазначено': [1, 1],
    });
    expect(figures(sectionOf(rows, '9.'))).toMatchObject({
      'Вирішено позитивно': [0, 1],
      'Дано роз’яснення': [0, 1],
      'Переслано за належністю (ст. 7 Закону)': [1, 0],
      'У стадії розгляду': [0, 2],
      'з них розглянуто з порушенням термінів': [0, 1],
    });
    expect(figures(sectionOf(rows, 'Тематика'))).toMatchObject({
      'Комунальне господарство': [1, 3],
      'Транспорт і зв’язок': [0, 1],
    });
    expect(figures(sectionOf(rows, 'Довідково'))).toEqual({
      'Консультації (не є зверненнями за Законом, не враховано вище)': [0, 1],
    });
    const codes: Record<string, unknown> = Object.fromEntries(
      sectionOf(rows, '9.').map((r) => [String(r.item), r.code]),
    );
    expect(codes['Вирішено позитивно']).toBe('9.1');
  });

  it('every section sums to the total, and the total reconciles with the registry’s count', async () => {
    const rows = await report858();
    const total = rows.find((r) => r.item === 'Усього звернень')!;
    const consultations = sectionOf(rows, 'Довідково')[0]!;
    for (const prefix of ['1.', '2.', '3.', '4.', '5.', '7.', '8.', 'Тематика']) {
      const section = sectionOf(rows, prefix);
      expect(section.length, prefix).toBeGreaterThan(0);
      for (const column of ['previous', 'current'] as const) {
        const sum = section.reduce((s, r) => s + Number(r[column]), 0);
        expect(sum, `${prefix} ${column}`).toBe(total[column]);
      }
    }
    const results = sectionOf(rows, '9.').filter((r) => !String(r.item).startsWith('з них'));
    expect(results.reduce((s, r) => s + Number(r.current), 0)).toBe(total.current);
    // The registry's count for the same quarter (Kyiv days) holds the appeals and consultations.
    for (const [from, to, column] of [
      ['2026-01-01T00:00:00+02:00', '2026-04-01T00:00:00+03:00', 'current'],
      ['2025-01-01T00:00:00+02:00', '2025-04-01T00:00:00+03:00', 'previous'],
    ] as const) {
      const count = await supervisor.get<{ count: number }>(
        `/api/v1/appeals/count?receivedFrom=${encodeURIComponent(from)}&receivedTo=${encodeURIComponent(to)}`,
      );
      expect(count.status).toBe(200);
      expect(count.body.count).toBe(Number(total[column]) + Number(consultations[column]));
    }
  });

  it('speaks English when asked, and exports with the same figures', async () => {
    const rows = await report858(`${q1}&lang=en`);
    expect(rows[0]).toMatchObject({ item: 'All appeals', previous: 1, current: 4 });
    const csv = await supervisor.get(`/api/v1/reports/classifier-858?${q1}&format=csv`);
    expect(csv.status).toBe(200);
    const text = csv.body as unknown as string;
    expect(text).toContain('Звернення громадян за Класифікатором (постанова КМУ № 858)');
    expect(text).toContain('Усього,,Усього звернень,1,4,300');
  });
});
