/**
 * Deadline control over HTTP: legal deadline and control date at registration, extensions (capped at
 * 45 days, applicant told), explanation requests on overdue appeals, repeated appeals (Art. 8), and
 * the calendar an administrator edits.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appealBody, routedQuestionType } from '../factories.js';
import { type ApiClient, startTestServer, type TestServer } from '../http.js';

let server: TestServer;
let operator: ApiClient;
let executor: ApiClient;
let supervisor: ApiClient;
let controller: ApiClient;
let questionTypeId: number;
// A Thursday; 30 days later is Saturday 2027-01-30 → the term moves to Monday 2027-02-01 (martial
// law keeps holidays working, weekends stay off).
const RECEIVED = '2026-12-31T10:00:00+02:00';

beforeAll(async () => {
  server = await startTestServer();
  // The clock just after RECEIVED: a receivedAt in the future is refused (issue 11, item 7).
  server.ctx.setNow(new Date('2026-12-31T12:00:00+02:00'));
  const routed = await routedQuestionType(server.ctx.deps);
  questionTypeId = routed.questionTypeId;
  await server.ctx.deps.db
    .updateTable('question_types')
    .set({ term_days: 30, review_margin_days: 2, is_emergency: false, term_hours: null })
    .where('id', '=', questionTypeId)
    .execute();
  operator = await server.signIn('operator');
  executor = await server.signIn('executor', routed.executorId);
  supervisor = await server.signIn('supervisor');
  controller = await server.signIn('controller');
});
afterAll(() => server.close());

type Registered = {
  id: number;
  number: string;
  legalDeadline: string;
  controlDate: string;
  repeatsAppealId: number | null;
};

describe('deadlines at registration', () => {
  it('sets the legal deadline by the calendar and the control date two working days earlier', async () => {
    const res = await operator.post<Registered>(
      '/api/v1/appeals',
      appealBody(questionTypeId, { receivedAt: RECEIVED }),
    );
    expect(res.status).toBe(201);
    expect(res.body.legalDeadline).toBe('2027-02-01T21:59:59.999Z');
    expect(res.body.controlDate).toBe('2027-01-28T21:59:59.999Z');
  });
});

describe('extensions', () => {
  it('executor asks, supervisor approves, the term moves and the applicant is told', async () => {
    const { body } = await operator.post<Registered>(
      '/api/v1/appeals',
      appealBody(questionTypeId, {
        receivedAt: RECEIVED,
        applicant: {
          fullName: 'Заявник Продовження',
          phones: ['067 000 12 34'],
          email: 'applicant@example.org',
        },
      }),
    );
    await executor.post(`/api/v1/appeals/${body.id}/accept`);
    const tooMuch = await executor.post(`/api/v1/appeals/${body.id}/extension-requests`, {
      reason: 'Потрібні роботи',
      days: 20,
    });
    expect(tooMuch.status).toBe(409);
    expect(tooMuch.body).toMatchObject({ error: 'extension_over_45_days' });

    const asked = await executor.post<{ id: number }>(
      `/api/v1/appeals/${body.id}/extension-requests`,
      {
        reason: 'Потрібна заміна труби, підрядник',
        days: 15,
      },
    );
    expect(asked.status).toBe(201);
    const twice = await executor.post(`/api/v1/appeals/${body.id}/extension-requests`, {
      reason: 'Ще',
      days: 1,
    });
    expect(twice.body).toMatchObject({ error: 'extension_already_requested' });
    expect(
      (
        await operator.post(`/api/v1/extension-requests/${asked.body.id}/decision`, {
          approve: true,
        })
      ).status,
    ).toBe(403);

    const decided = await supervisor.post<{ state: string; newDeadline: string }>(
      `/api/v1/extension-requests/${asked.body.id}/decision`,
      { approve: true, comment: 'Погоджено' },
    );
    expect(decided.status).toBe(200);
    expect(decided.body.state).toBe('approved');
    // 45 days from 31 Dec = 14 Feb 2027, a Sunday → Monday 15 Feb.
    expect(decided.body.newDeadline).toBe('2027-02-15T21:59:59.999Z');
    const mail = await server.ctx.deps.db
      .selectFrom('notifications')
      .select(['kind', 'body'])
      .where('recipient_email', '=', 'applicant@example.org')
      .orderBy('id')
      .execute();
    // The phone applicant got the tracking code at registration (issue 12), then this notice.
    expect(mail.map((m) => m.kind)).toEqual(['tracking_code', 'deadline_extended_applicant']);
    const card = await operator.get<{ history: { type: string }[] }>(`/api/v1/appeals/${body.id}`);
    expect(card.body.history.map((e) => e.type)).toEqual(
      expect.arrayContaining(['extension_requested', 'extension_approved']),
    );
  });
});

describe('explanations', () => {
  it('are asked only of overdue appeals, and the executor answers', async () => {
    const { body } = await operator.post<Registered>(
      '/api/v1/appeals',
      appealBody(questionTypeId, { receivedAt: '2026-01-05T10:00:00+02:00' }),
    );
    const notYet = await controller.post(`/api/v1/appeals/${body.id}/explanation-requests`, {
      question: 'Чому?',
    });
    // Received in January 2026 with a 30-day term: overdue now.
    expect(notYet.status).toBe(201);
    const fresh = await operator.post<Registered>('/api/v1/appeals', appealBody(questionTypeId));
    const refused = await controller.post(`/api/v1/appeals/${fresh.body.id}/explanation-requests`, {
      question: 'Чому?',
    });
    expect(refused.body).toMatchObject({ error: 'not_overdue' });

    const list = await executor.get<{ id: number; state: string }[]>(
      '/api/v1/explanation-requests?state=requested',
    );
    const mine = list.body.find((e) => e.state === 'requested');
    expect(mine).toBeDefined();
    const answered = await executor.post(`/api/v1/explanation-requests/${mine!.id}/answer`, {
      answer: 'Не було матеріалів',
    });
    expect(answered.body).toMatchObject({ state: 'answered', answer: 'Не було матеріалів' });
  });
});

describe('repeated appeals (Art. 8)', () => {
  it('marks a repeat and warns before registering one already decided on the merits', async () => {
    const applicant = { fullName: 'Повторний Заявник', phones: ['063 000 55 55'] };
    const first = await operator.post<Registered>(
      '/api/v1/appeals',
      appealBody(questionTypeId, { applicant }),
    );
    const applicantId = (
      await server.ctx.deps.db
        .selectFrom('appeals')
        .select('applicant_id')
        .where('id', '=', first.body.id)
        .executeTakeFirstOrThrow()
    ).applicant_id;
    const second = await operator.post<Registered>(
      '/api/v1/appeals',
      appealBody(questionTypeId, { applicant: undefined, applicantId }),
    );
    expect(second.body.repeatsAppealId).toBe(first.body.id);

    // Decide the first on the merits.
    await executor.post(`/api/v1/appeals/${first.body.id}/accept`);
    await executor.post(`/api/v1/appeals/${first.body.id}/responses`, { text: 'Виконано' });
    await controller.post(`/api/v1/appeals/${first.body.id}/review`, {
      decision: 'accept',
      result: 'done_confirmed',
    });
    await operator.post(`/api/v1/appeals/${second.body.id}/cancel`, { comment: 'Дубль' });

    const check = await operator.get<{ repeatOf: { id: number; decidedOnMerits: boolean } | null }>(
      `/api/v1/appeals/repeat-check?applicantId=${applicantId}&questionTypeId=${questionTypeId}`,
    );
    expect(check.body.repeatOf).toMatchObject({ decidedOnMerits: true });

    const warned = await operator.post(
      '/api/v1/appeals',
      appealBody(questionTypeId, { applicant: undefined, applicantId, address: 'вул. Тестова, 1' }),
    );
    expect(warned.status).toBe(409);
    expect(warned.body).toMatchObject({
      error: 'repeat_of_decided_appeal',
      details: { number: first.body.number },
    });
    const forced = await operator.post<Registered>(
      '/api/v1/appeals',
      appealBody(questionTypeId, {
        applicant: undefined,
        applicantId,
        acknowledgeRepeat: true,
        repeatReason: 'Заявник каже, що роботи зроблено не повністю',
      }),
    );
    expect(forced.status).toBe(201);
    expect(forced.body.repeatsAppealId).toBe(first.body.id);
    const registered = await server.ctx.deps.db
      .selectFrom('appeal_events')
      .select('data')
      .where('appeal_id', '=', forced.body.id)
      .where('type', '=', 'registered')
      .executeTakeFirstOrThrow();
    expect(registered.data).toMatchObject({
      repeatReason: 'Заявник каже, що роботи зроблено не повністю',
    });
  });
});

describe('work calendar', () => {
  it('is read by staff and edited by an administrator only', async () => {
    const calendar = await operator.get<{ martialLaw: boolean; holidays: { date: string }[] }>(
      '/api/v1/calendar',
    );
    expect(calendar.body.martialLaw).toBe(true);
    expect(calendar.body.holidays.some((h) => h.date === '2027-08-24')).toBe(true);
    expect((await operator.request('PUT', '/api/v1/calendar', calendar.body)).status).toBe(403);
    const admin = await server.signIn('administrator');
    const saved = await admin.request<{ martialLaw: boolean }>('PUT', '/api/v1/calendar', {
      ...calendar.body,
      martialLaw: false,
    });
    expect(saved.status).toBe(200);
    expect(saved.body.martialLaw).toBe(false);
    const bad = await admin.request('PUT', '/api/v1/calendar', {
      ...calendar.body,
      serviceHours: { start: '25:00', end: '08:00' },
    });
    expect(bad.status).toBe(400);
  });
});
