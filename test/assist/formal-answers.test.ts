/**
 * Formal answers over HTTP (Regulation 3.1.3): an executor's copy-paste answer to two different
 * problems and a boilerplate answer are flagged with their reasons; a real answer quoting the
 * appeal is not. The controller reads the flags; an analyst counts them per executor; the
 * administrator edits the boilerplate list.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appealBody, routedQuestionType } from '../factories.js';
import { type ApiClient, startTestServer, type TestServer } from '../http.js';

let server: TestServer;
let operator: ApiClient;
let executor: ApiClient;
let controller: ApiClient;
let analyst: ApiClient;
let administrator: ApiClient;
let questionTypeId: number;
let executorId: number;

const COPY =
  'Ваше звернення розглянуто. Інформуємо, що відповідні служби підприємства проведуть обстеження ' +
  'та вживуть заходів відповідно до затвердженого плану робіт на поточний рік.';

type Flag = { responseId: number; reason: string; details: { appealId?: number } };

beforeAll(async () => {
  server = await startTestServer();
  const routed = await routedQuestionType(server.ctx.deps);
  questionTypeId = routed.questionTypeId;
  executorId = routed.executorId;
  operator = await server.signIn('operator');
  executor = await server.signIn('executor', executorId);
  controller = await server.signIn('controller');
  analyst = await server.signIn('analyst');
  administrator = await server.signIn('administrator');
});
afterAll(() => server.close());

let phone = 100;
/**
 * Register an appeal with `description`, accept it and answer it with `answer` (as `by`, an
 * executor of `typeId`'s routing: the counting test's executor unless told otherwise).
 */
async function answered(
  description: string,
  answer: string,
  typeId = questionTypeId,
  by = executor,
): Promise<number> {
  phone += 1;
  const reg = await operator.post<{ id: number }>(
    '/api/v1/appeals',
    appealBody(typeId, {
      description,
      applicant: { fullName: `Тестенко ${phone} Іванович`, phones: [`067 000 0${phone}`] },
    }),
  );
  expect(reg.status).toBe(201);
  const id = reg.body.id;
  expect((await by.post(`/api/v1/appeals/${id}/accept`)).status).toBe(200);
  expect((await by.post(`/api/v1/appeals/${id}/responses`, { text: answer })).status).toBe(201);
  return id;
}

const flagsOf = async (appealId: number) =>
  (await controller.get<Flag[]>(`/api/v1/appeals/${appealId}/answer-flags`)).body.map(
    (f) => f.reason,
  );

describe('formal answers are flagged for the controller', () => {
  let copyA = 0;
  let copyB = 0;
  let boilerplate = 0;
  let real = 0;

  // The answers are given at 00:30 on 1 December in Kyiv (22:30 UTC on 30 November): the
  // per-executor count takes the city's day, and no real date enters the test.
  const ANSWERED_AT = new Date('2026-11-30T22:30:00Z');
  const KYIV_DAY = '2026-12-01';

  beforeAll(async () => {
    server.ctx.setNow(ANSWERED_AT);
    copyA = await answered('Яма на дорозі біля школи, машини б’ють колеса', COPY);
    copyB = await answered('Не гріють батареї у квартирі на третьому поверсі', COPY);
    boilerplate = await answered(
      'У під’їзді не працює освітлення на всіх поверхах',
      'Взято до відома. Буде розглянуто в установленому порядку.',
    );
    real = await answered(
      'Не вивезли сміття з контейнерного майданчика, баки переповнені',
      'На ваше звернення «не вивезли сміття з контейнерного майданчика» повідомляємо: ' +
        'сміття з майданчика вивезено 14.11 о 09:30, графік вивезення змінено на щоденний. ' +
        'Ваше звернення розглянуто.',
    );
    server.ctx.setNow(null);
  });

  it('flags the second copy-paste as a near copy of the first (a different problem)', async () => {
    expect(await flagsOf(copyA)).not.toContain('near_copy');
    const flags = (await controller.get<Flag[]>(`/api/v1/appeals/${copyB}/answer-flags`)).body;
    expect(flags.find((f) => f.reason === 'near_copy')?.details.appealId).toBe(copyA);
  });

  it('flags a boilerplate answer', async () => {
    expect(await flagsOf(boilerplate)).toContain('boilerplate');
  });

  it('does not flag a real answer that quotes the appeal', async () => {
    expect(await flagsOf(real)).toEqual([]);
  });

  it('records the flags in the response event of the history', async () => {
    const card = await controller.get<{
      history: { type: string; data: Record<string, unknown> }[];
    }>(`/api/v1/appeals/${boilerplate}`);
    const responded = card.body.history.filter((e) => e.type === 'responded');
    expect(responded).toHaveLength(1);
    expect(responded[0]?.data.formalAnswerFlags).toEqual(['boilerplate', 'off_subject']);
    const realCard = await controller.get<{
      history: { type: string; data: Record<string, unknown> }[];
    }>(`/api/v1/appeals/${real}`);
    const realEvent = realCard.body.history.find((e) => e.type === 'responded');
    expect(realEvent?.data.formalAnswerFlags).toBeUndefined();
  });

  it('counts flagged answers per executor for the reports (3.1.3)', async () => {
    const day = KYIV_DAY;
    const res = await analyst.get<
      { executorId: number; responses: number; flagged: number; byReason: Record<string, number> }[]
    >(`/api/v1/assist/formal-answers/by-executor?from=${day}&to=${day}`);
    expect(res.status).toBe(200);
    const row = res.body.find((r) => r.executorId === executorId);
    expect(row).toMatchObject({ responses: 4, flagged: 3 });
    // The UTC day of the same instant is another day in Kyiv: nothing of this executor's there.
    const dayBefore = await analyst.get<{ executorId: number }[]>(
      '/api/v1/assist/formal-answers/by-executor?from=2026-11-30&to=2026-11-30',
    );
    expect(dayBefore.status).toBe(200);
    expect(dayBefore.body.filter((r) => r.executorId === executorId)).toEqual([]);
    expect(row?.byReason.near_copy).toBe(1);
    expect(row?.byReason.boilerplate).toBe(1);
    expect(
      (await operator.get(`/api/v1/assist/formal-answers/by-executor?from=${day}&to=${day}`))
        .status,
    ).toBe(403);
    expect((await controller.get('/api/v1/appeals/999999/answer-flags')).status).toBe(404);
    expect((await executor.get(`/api/v1/appeals/${copyB}/answer-flags`)).status).toBe(403);
  });
});

describe('the boilerplate list', () => {
  it('an administrator edits the list; a new phrase flags the next answer', async () => {
    // Another executor answers here, so the per-executor counts above stay this file's own in any
    // order; the list is put back at the end for the same reason.
    let other = await routedQuestionType(server.ctx.deps, 1);
    for (let offset = 2; other.executorId === executorId; offset += 1) {
      other = await routedQuestionType(server.ctx.deps, offset);
    }
    const otherExecutor = await server.signIn('executor', other.executorId);
    const list = await operator.get<{ id: number; phrase: string }[]>('/api/v1/assist/boilerplate');
    expect(list.body.map((p) => p.phrase)).toContain('Взято до відома');
    const phrases = [...list.body.map((p) => p.phrase), 'Питання вивчається фахівцями'];

    expect((await operator.request('PUT', '/api/v1/assist/boilerplate', { phrases })).status).toBe(
      403,
    );
    const twice = await administrator.request('PUT', '/api/v1/assist/boilerplate', {
      phrases: [...phrases, 'питання  вивчається  фахівцями'],
    });
    expect(twice.status).toBe(400);
    expect(twice.body).toMatchObject({ error: 'duplicate_phrase' });

    const saved = await administrator.request<{ phrase: string }[]>(
      'PUT',
      '/api/v1/assist/boilerplate',
      { phrases },
    );
    expect(saved.status).toBe(200);
    expect(saved.body).toHaveLength(phrases.length);

    const id = await answered(
      'Не працює світлофор на перехресті біля ринку',
      'Питання вивчається фахівцями. Світлофор на перехресті.',
      other.questionTypeId,
      otherExecutor,
    );
    expect(await flagsOf(id)).toContain('boilerplate');

    const fewer = await administrator.request<{ phrase: string }[]>(
      'PUT',
      '/api/v1/assist/boilerplate',
      { phrases: ['Взято до відома'] },
    );
    expect(fewer.body.map((p) => p.phrase)).toEqual(['Взято до відома']);

    const restored = await administrator.request<{ phrase: string }[]>(
      'PUT',
      '/api/v1/assist/boilerplate',
      { phrases: list.body.map((p) => p.phrase) },
    );
    expect(restored.status).toBe(200);
  });
});
