/**
 * Bad input gets a 4xx with a stable code, and nothing half-written remains.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appealBody, routedQuestionType } from '../factories.js';
import { type ApiClient, startTestServer, type TestServer } from '../http.js';

let server: TestServer;
let operator: ApiClient;
let questionTypeId: number;

async function counts() {
  const db = server.ctx.deps.db;
  const one = async (
    table: 'appeals' | 'applicants' | 'appeal_events' | 'assignments' | 'registration_counters',
  ) =>
    Number(
      (
        await db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  return {
    appeals: await one('appeals'),
    applicants: await one('applicants'),
    events: await one('appeal_events'),
    assignments: await one('assignments'),
    counters: await one('registration_counters'),
  };
}

beforeAll(async () => {
  server = await startTestServer({ maxBodyBytes: 64 * 1024 });
  questionTypeId = (await routedQuestionType(server.ctx.deps)).questionTypeId;
  operator = await server.signIn('operator');
});
afterAll(() => server.close());

describe('registration refuses bad input and writes nothing', () => {
  const cases: [string, () => unknown, number, string][] = [
    ['malformed JSON', () => '{"channel": "phone",', 400, 'malformed_json'],
    ['unknown question type', () => appealBody(999_999), 400, 'unknown_question_type'],
    [
      'empty description',
      () => appealBody(questionTypeId, { description: '   ' }),
      400,
      'validation_failed',
    ],
    [
      'unknown channel',
      () => appealBody(questionTypeId, { channel: 'pigeon' }),
      400,
      'validation_failed',
    ],
    [
      'no applicant on a named appeal',
      () => appealBody(questionTypeId, { applicant: undefined }),
      400,
      'validation_failed',
    ],
    [
      'unknown applicant id',
      () => appealBody(questionTypeId, { applicant: undefined, applicantId: 987654 }),
      404,
      'applicant_not_found',
    ],
    [
      'unknown executor',
      () => appealBody(questionTypeId, { executorId: 999_999 }),
      400,
      'unknown_executor',
    ],
    [
      'an over-limit body',
      () => appealBody(questionTypeId, { description: 'я'.repeat(70_000) }),
      413,
      'payload_too_large',
    ],
    [
      'a string where a number is due',
      () => appealBody(questionTypeId, { questionTypeId: 'one' }),
      400,
      'validation_failed',
    ],
    [
      'latitude without longitude',
      () => appealBody(questionTypeId, { latitude: 50.45 }),
      400,
      'validation_failed',
    ],
  ];

  it.each(cases)('%s → %i %s', async (_name, body, status, code) => {
    const before = await counts();
    const payload = body();
    const res = await operator.request(
      'POST',
      '/api/v1/appeals',
      typeof payload === 'string' ? payload : JSON.stringify(payload),
      { 'content-type': 'application/json' },
    );
    expect(res.status).toBe(status);
    expect(res.body).toMatchObject({ error: code });
    expect(typeof (res.body as { message: unknown }).message).toBe('string');
    expect(await counts()).toEqual(before);
  });

  it('an unsupported media type is 415', async () => {
    const res = await operator.request('POST', '/api/v1/appeals', 'channel=phone', {
      'content-type': 'application/x-www-form-urlencoded',
    });
    expect(res.status).toBe(415);
    expect(res.body).toMatchObject({ error: 'unsupported_media_type' });
  });

  it('an unknown route is 404 route_not_found, a bad id is 400', async () => {
    expect((await operator.get('/api/v1/nothing-here')).body).toMatchObject({
      error: 'route_not_found',
    });
    const bad = await operator.get('/api/v1/appeals/abc');
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({ error: 'validation_failed' });
  });

  it('a bad cursor is 400 invalid_cursor', async () => {
    const res = await operator.get('/api/v1/appeals?cursor=bm9wZQ');
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ error: 'invalid_cursor' });
  });
});

describe('a wrong transition is 409 and changes nothing', () => {
  it('responding before accepting, reviewing before a response', async () => {
    const routed = await routedQuestionType(server.ctx.deps);
    const executor = await server.signIn('executor', routed.executorId);
    const controller = await server.signIn('controller');
    const { body } = await operator.post<{ id: number }>(
      '/api/v1/appeals',
      appealBody(routed.questionTypeId),
    );
    const before = await counts();

    const respond = await executor.post(`/api/v1/appeals/${body.id}/responses`, { text: 'Готово' });
    expect(respond.status).toBe(409);
    expect(respond.body).toMatchObject({ error: 'transition_not_allowed' });

    const review = await controller.post(`/api/v1/appeals/${body.id}/review`, {
      decision: 'accept',
      result: 'done_confirmed',
    });
    expect(review.status).toBe(409);
    expect(review.body).toMatchObject({ error: 'transition_not_allowed' });

    const invalidResult = await controller.post(`/api/v1/appeals/${body.id}/review`, {
      decision: 'accept',
      result: 'magic',
    });
    expect(invalidResult.status).toBe(400);

    expect(await counts()).toEqual(before);
    const responses = await server.ctx.deps.db
      .selectFrom('responses')
      .selectAll()
      .where('appeal_id', '=', body.id)
      .execute();
    expect(responses).toEqual([]);
  });
});
