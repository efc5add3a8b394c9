/**
 * One appeal walks through three roles over real HTTP: operator registers → executor accepts →
 * responds → controller returns for rework → executor responds → controller accepts → closed.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appealBody, routedQuestionType } from '../factories.js';
import { type ApiClient, startTestServer, type TestServer } from '../http.js';

let server: TestServer;
let operator: ApiClient;
let executor: ApiClient;
let controller: ApiClient;
let questionTypeId: number;

beforeAll(async () => {
  server = await startTestServer();
  const routed = await routedQuestionType(server.ctx.deps);
  questionTypeId = routed.questionTypeId;
  operator = await server.signIn('operator');
  executor = await server.signIn('executor', routed.executorId);
  controller = await server.signIn('controller');
});
afterAll(() => server.close());

type Card = {
  status: string;
  result: string | null;
  reworkCount: number;
  history: {
    type: string;
    fromStatus: string | null;
    toStatus: string | null;
    comment: string | null;
  }[];
  allowedActions: string[];
  assignments: { state: string; role: string }[];
  responses: { text: string }[];
  reviews: { decision: string }[];
  applicant: { fullName: string } | null;
};

describe('the appeal lifecycle over HTTP', () => {
  it('walks register → accept → respond → rework → respond → accept → closed', async () => {
    const registered = await operator.post<{
      id: number;
      number: string;
      status: string;
      controlDate: string;
    }>('/api/v1/appeals', appealBody(questionTypeId));
    expect(registered.status).toBe(201);
    expect(registered.body.number).toMatch(/^\d{4}-\d{6}$/);
    expect(registered.body.status).toBe('registered');
    expect(registered.body.controlDate).toBeTruthy();
    const id = registered.body.id;

    const executorView = await executor.get<Card>(`/api/v1/appeals/${id}`);
    expect(executorView.status).toBe(200);
    expect(executorView.body.allowedActions).toEqual(['accept', 'return_not_in_competence']);

    expect((await executor.post(`/api/v1/appeals/${id}/accept`)).body).toMatchObject({
      status: 'in_work',
    });
    expect(
      (
        await executor.post(`/api/v1/appeals/${id}/responses`, {
          text: 'Подачу відновлено о 14:00',
        })
      ).status,
    ).toBe(201);
    const rework = await controller.post(`/api/v1/appeals/${id}/review`, {
      decision: 'rework',
      comment: 'Заявник повідомляє, що води досі немає',
    });
    expect(rework.body).toMatchObject({ status: 'rework' });

    const inRework = await controller.get<Card>(`/api/v1/appeals/${id}`);
    expect(inRework.body.status).toBe('rework');
    expect(inRework.body.reworkCount).toBe(1);
    expect(inRework.body.result).toBeNull();

    expect((await executor.post(`/api/v1/appeals/${id}/accept`)).body).toMatchObject({
      status: 'in_work',
    });
    expect(
      (await executor.post(`/api/v1/appeals/${id}/responses`, { text: 'Замінено засувку, вода є' }))
        .status,
    ).toBe(201);
    const accepted = await controller.post(`/api/v1/appeals/${id}/review`, {
      decision: 'accept',
      result: 'done_confirmed',
    });
    expect(accepted.body).toMatchObject({ status: 'closed' });

    const card = await controller.get<Card>(`/api/v1/appeals/${id}`);
    expect(card.body.status).toBe('closed');
    expect(card.body.result).toBe('done_confirmed');
    expect(card.body.allowedActions).toEqual([]);
    expect(card.body.responses.map((r) => r.text)).toHaveLength(2);
    expect(card.body.reviews.map((r) => r.decision)).toEqual(['rework', 'accept']);
    expect(card.body.assignments).toMatchObject([{ role: 'main', state: 'done' }]);
    expect(card.body.history.map((e) => [e.type, e.fromStatus, e.toStatus])).toEqual([
      ['registered', null, 'registered'],
      ['assigned', 'registered', 'registered'],
      ['accepted', 'registered', 'in_work'],
      ['responded', 'in_work', 'on_check'],
      ['returned_for_rework', 'on_check', 'rework'],
      ['accepted', 'rework', 'in_work'],
      ['responded', 'in_work', 'on_check'],
      ['review_accepted', 'on_check', 'closed'],
    ]);
    expect(card.body.history[4]?.comment).toBe('Заявник повідомляє, що води досі немає');
  });

  it('refuses a rework past the limit with 409 and keeps the appeal on check', async () => {
    const { body } = await operator.post<{ id: number }>(
      '/api/v1/appeals',
      appealBody(questionTypeId),
    );
    const id = body.id;
    for (let round = 1; round <= 2; round++) {
      await executor.post(`/api/v1/appeals/${id}/accept`);
      await executor.post(`/api/v1/appeals/${id}/responses`, { text: `Відповідь ${round}` });
      const res = await controller.post(`/api/v1/appeals/${id}/review`, {
        decision: 'rework',
        comment: `Ще раз ${round}`,
      });
      expect(res.status).toBe(200);
    }
    await executor.post(`/api/v1/appeals/${id}/accept`);
    await executor.post(`/api/v1/appeals/${id}/responses`, { text: 'Відповідь 3' });
    const third = await controller.post(`/api/v1/appeals/${id}/review`, {
      decision: 'rework',
      comment: 'Третій раз',
    });
    expect(third.status).toBe(409);
    expect(third.body).toMatchObject({ error: 'rework_limit_reached' });
    expect(String(third.body.message)).toContain('limit is 2');

    const card = await controller.get<Card>(`/api/v1/appeals/${id}`);
    expect(card.body.status).toBe('on_check');
    expect(card.body.reworkCount).toBe(2);
    expect(card.body.allowedActions).toContain('review_accept');
    expect(card.body.allowedActions).not.toContain('review_rework');
  });

  it('registers a consultation closed at once', async () => {
    const res = await operator.post<{ id: number; status: string }>(
      '/api/v1/appeals',
      appealBody(questionTypeId, { kind: 'consultation' }),
    );
    expect(res.status).toBe(201);
    expect(res.body.status).toBe('closed');
    const card = await operator.get<Card>(`/api/v1/appeals/${res.body.id}`);
    expect(card.body.result).toBe('consultation_given');
    expect(card.body.assignments).toEqual([]);
  });

  it('returns a "not in competence" appeal to the centre for re-routing', async () => {
    const { body } = await operator.post<{ id: number }>(
      '/api/v1/appeals',
      appealBody(questionTypeId),
    );
    const back = await executor.post(`/api/v1/appeals/${body.id}/not-in-competence`, {
      comment: 'Питання належить до компетенції іншого підприємства',
    });
    expect(back.body).toMatchObject({ status: 'registered' });
    const card = await operator.get<Card>(`/api/v1/appeals/${body.id}`);
    expect(card.body.assignments).toMatchObject([{ state: 'returned' }]);
    expect(card.body.allowedActions).toContain('assign');
    // The executor still sees the appeal it handled, but can no longer act on it.
    const executorCard = await executor.get<Card>(`/api/v1/appeals/${body.id}`);
    expect(executorCard.status).toBe(200);
    expect(executorCard.body.allowedActions).toEqual([]);
  });

  it('cancels at the applicant’s request', async () => {
    const { body } = await operator.post<{ id: number }>(
      '/api/v1/appeals',
      appealBody(questionTypeId),
    );
    const res = await operator.post(`/api/v1/appeals/${body.id}/cancel`, {
      comment: 'Заявник відкликав',
    });
    expect(res.body).toMatchObject({ status: 'closed' });
    const card = await operator.get<Card>(`/api/v1/appeals/${body.id}`);
    expect(card.body.result).toBe('cancelled_by_applicant');
    expect(card.body.assignments).toMatchObject([{ state: 'withdrawn' }]);
  });
});
