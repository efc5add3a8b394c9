/**
 * Deadline paths through the services (issue 22, item 3): an emergency question type's term counted
 * in hours (through a public holiday, control date equal to the deadline), an extension the head
 * of the centre refuses (the term stays, the history says so), peace-time holidays, and the sweep
 * of explanation requests past their own term (the supervisors told once, an answered one not).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runDeadlineSweep } from '../../src/server/deadlines/sweep.js';
import { appealBody, routedQuestionType } from '../factories.js';
import { type ApiClient, startTestServer, type TestServer } from '../http.js';

let server: TestServer;
let operator: ApiClient;
let supervisor: ApiClient;
let executorFor: (executorId: number) => Promise<ApiClient>;
// Thursday 31 Dec 2026, 10:00 Kyiv; 24 hours later is New Year's Day.
const RECEIVED = '2026-12-31T10:00:00+02:00';

beforeAll(async () => {
  server = await startTestServer();
  server.ctx.setNow(new Date('2026-12-31T12:00:00+02:00'));
  operator = await server.signIn('operator');
  supervisor = await server.signIn('supervisor');
  executorFor = (id) => server.signIn('executor', id);
});
afterAll(() => server.close());

type Registered = { id: number; legalDeadline: string; controlDate: string };

async function questionType(
  offset: number,
  set: { term_days: number; term_hours: number | null; is_emergency: boolean },
) {
  const routed = await routedQuestionType(server.ctx.deps, offset);
  await server.ctx.deps.db
    .updateTable('question_types')
    .set({ ...set, review_margin_days: 2 })
    .where('id', '=', routed.questionTypeId)
    .execute();
  return routed;
}

describe('an emergency question type', () => {
  it('counts its term in hours, holidays included, and its control date is the deadline', async () => {
    const { questionTypeId } = await questionType(1, {
      term_days: 30,
      term_hours: 24,
      is_emergency: true,
    });
    const res = await operator.post<Registered>(
      '/api/v1/appeals',
      appealBody(questionTypeId, { receivedAt: RECEIVED }),
    );
    expect(res.status).toBe(201);
    expect(res.body.legalDeadline).toBe('2027-01-01T08:00:00.000Z');
    expect(res.body.controlDate).toBe('2027-01-01T08:00:00.000Z');
  });
});

describe('a refused extension', () => {
  it('leaves the legal deadline where it was and writes the refusal to the history', async () => {
    const routed = await questionType(0, { term_days: 30, term_hours: null, is_emergency: false });
    const executor = await executorFor(routed.executorId);
    const { body } = await operator.post<Registered>(
      '/api/v1/appeals',
      appealBody(routed.questionTypeId, { receivedAt: RECEIVED }),
    );
    expect((await executor.post(`/api/v1/appeals/${body.id}/accept`)).status).toBeLessThan(300);
    const asked = await executor.post<{ id: number }>(
      `/api/v1/appeals/${body.id}/extension-requests`,
      { reason: 'Потрібен підрядник', days: 10 },
    );
    expect(asked.status).toBe(201);
    const decided = await supervisor.post<{ state: string; newDeadline: string | null }>(
      `/api/v1/extension-requests/${asked.body.id}/decision`,
      { approve: false, comment: 'Строк достатній' },
    );
    expect(decided.status).toBe(200);
    expect(decided.body.state).toBe('refused');
    const card = await operator.get<{ legalDeadline: string; history: { type: string }[] }>(
      `/api/v1/appeals/${body.id}`,
    );
    expect(card.body.legalDeadline).toBe(body.legalDeadline);
    const types = card.body.history.map((e) => e.type);
    expect(types).toContain('extension_refused');
    expect(types).not.toContain('extension_approved');
  });
});

describe('peace-time holidays', () => {
  it('move a term off a public holiday only when martial law is lifted', async () => {
    const { questionTypeId } = await questionType(2, {
      term_days: 1,
      term_hours: null,
      is_emergency: false,
    });
    const admin = await server.signIn('administrator');
    const calendar = await admin.get<{ martialLaw: boolean }>('/api/v1/calendar');
    const register = async () =>
      (
        await operator.post<Registered>(
          '/api/v1/appeals',
          appealBody(questionTypeId, { receivedAt: RECEIVED }),
        )
      ).body.legalDeadline;
    try {
      await admin.request('PUT', '/api/v1/calendar', { ...calendar.body, martialLaw: true });
      // Under martial law New Year's Day (Friday 1 Jan 2027) is a working day.
      expect(await register()).toBe('2027-01-01T21:59:59.999Z');
      const peace = await admin.request('PUT', '/api/v1/calendar', {
        ...calendar.body,
        martialLaw: false,
      });
      expect(peace.status).toBe(200);
      // In peace time it is a holiday; the weekend follows, so the term ends on Monday 4 Jan.
      expect(await register()).toBe('2027-01-04T21:59:59.999Z');
    } finally {
      await admin.request('PUT', '/api/v1/calendar', calendar.body);
    }
  });
});

describe('the sweep of overdue explanation requests', () => {
  it('tells every supervisor once about an unanswered request past its term, and not about an answered one', async () => {
    const routed = await questionType(3, { term_days: 30, term_hours: null, is_emergency: false });
    const executor = await executorFor(routed.executorId);
    const controller = await server.signIn('controller');
    const db = server.ctx.deps.db;
    // Two appeals received in October with a 30-day term: both overdue on 31 December.
    const register = async () => {
      const res = await operator.post<Registered>(
        '/api/v1/appeals',
        appealBody(routed.questionTypeId, { receivedAt: '2026-10-01T10:00:00+03:00' }),
      );
      expect(res.status).toBe(201);
      return res.body.id;
    };
    const unanswered = await register();
    const answered = await register();
    const ask = async (appealId: number) => {
      const res = await controller.post<{ id: number; dueAt: string }>(
        `/api/v1/appeals/${appealId}/explanation-requests`,
        { question: 'Чому строк порушено?' },
      );
      expect(res.status).toBe(201);
      return res.body;
    };
    const late = await ask(unanswered);
    const kept = await ask(answered);
    // Asked on Thursday 31 Dec at 12:00 with the default term of 3 days: calendar days, so the
    // term ends on Sunday 3 January and moves to Monday 4 January, at the end of the day in Kyiv.
    expect(late.dueAt).toBe('2027-01-04T21:59:59.999Z');
    expect(
      (
        await executor.post(`/api/v1/explanation-requests/${kept.id}/answer`, {
          answer: 'Чекали на підрядника',
        })
      ).status,
    ).toBe(200);

    const supervisors = (
      await db
        .selectFrom('users')
        .select('id')
        .where('role', '=', 'supervisor')
        .where('active', '=', true)
        .execute()
    ).map((u) => u.id);
    expect(supervisors.length).toBeGreaterThan(0);
    const told = async () =>
      db
        .selectFrom('notifications')
        .select(['appeal_id', 'recipient_user_id'])
        .where('kind', '=', 'explanation_overdue')
        .where('appeal_id', 'in', [unanswered, answered])
        .orderBy('recipient_user_id')
        .execute();

    const before = server.ctx.deps.now();
    try {
      // A minute before the term ends: nothing yet.
      server.ctx.setNow(new Date(new Date(late.dueAt).getTime() - 60_000));
      expect((await runDeadlineSweep(server.ctx.deps)).ran).toBe(true);
      expect(await told()).toEqual([]);

      // A minute after: each supervisor hears about the unanswered request only.
      server.ctx.setNow(new Date(new Date(late.dueAt).getTime() + 60_000));
      const first = await runDeadlineSweep(server.ctx.deps);
      expect(first.explanationsOverdue).toBeGreaterThanOrEqual(1);
      const expected = supervisors
        .sort((a, b) => a - b)
        .map((id) => ({ appeal_id: unanswered, recipient_user_id: id }));
      expect(await told()).toEqual(expected);

      // The next sweep (every minute) queues nothing new.
      server.ctx.setNow(new Date(new Date(late.dueAt).getTime() + 120_000));
      await runDeadlineSweep(server.ctx.deps);
      expect(await told()).toEqual(expected);
    } finally {
      server.ctx.setNow(before);
    }
  });
});
