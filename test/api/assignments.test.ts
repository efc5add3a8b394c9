/**
 * Assignment over HTTP: re-routing after "not in competence", co-executors added and ended,
 * reassignment — each with its history and with who may then see and do what. Every test builds
 * its own appeal and users.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appealBody, routedQuestionType } from '../factories.js';
import { type ApiClient, startTestServer, type TestServer } from '../http.js';

let server: TestServer;

type Card = {
  status: string;
  result: string | null;
  allowedActions: string[];
  assignments: { id: number; executor: { id: number }; role: string; state: string }[];
  history: {
    type: string;
    fromStatus: string | null;
    toStatus: string | null;
    comment: string | null;
    data: Record<string, unknown>;
  }[];
};

beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

/** Three distinct utility organisations: the routed executor A, and B and C. */
async function organisations(): Promise<{
  questionTypeId: number;
  a: number;
  b: number;
  c: number;
}> {
  const routed = await routedQuestionType(server.ctx.deps);
  const others = await server.ctx.deps.db
    .selectFrom('organisations')
    .select('id')
    .where('id', '!=', routed.executorId)
    .where('type', '=', 'utility_company')
    .orderBy('id')
    .limit(2)
    .execute();
  const [b, c] = others.map((o) => o.id);
  if (b === undefined || c === undefined)
    throw new Error('The seed has fewer than 3 utility companies.');
  return { questionTypeId: routed.questionTypeId, a: routed.executorId, b, c };
}

async function register(operator: ApiClient, questionTypeId: number): Promise<number> {
  const res = await operator.post<{ id: number; executorId: number }>(
    '/api/v1/appeals',
    appealBody(questionTypeId),
  );
  expect(res.status).toBe(201);
  return res.body.id;
}

const card = (client: ApiClient, id: number) => client.get<Card>(`/api/v1/appeals/${id}`);

/** The main executor the reports count the appeal under (kept by migration 0038's trigger). */
async function reportedExecutor(id: number): Promise<number | null> {
  const row = await server.ctx.deps.db
    .selectFrom('appeals')
    .select('main_executor_id')
    .where('id', '=', id)
    .executeTakeFirstOrThrow();
  return row.main_executor_id;
}

describe('re-routing after "not in competence"', () => {
  it('goes back to the centre, is assigned to another executor, who then works it', async () => {
    const { questionTypeId, a, b } = await organisations();
    const operator = await server.signIn('operator');
    const executorA = await server.signIn('executor', a);
    const executorB = await server.signIn('executor', b);
    const id = await register(operator, questionTypeId);
    expect(await reportedExecutor(id)).toBe(a);

    // B is not assigned yet: the appeal does not exist for it.
    expect((await card(executorB, id)).status).toBe(404);

    const back = await executorA.post(`/api/v1/appeals/${id}/not-in-competence`, {
      comment: 'Будинок обслуговує інше підприємство',
    });
    expect(back.status).toBe(200);
    expect(back.body).toMatchObject({ status: 'registered' });
    // Returned: the reports count it under no executor until the centre assigns one.
    expect(await reportedExecutor(id)).toBeNull();

    const rerouted = await operator.post<{ assignmentId: number; status: string }>(
      `/api/v1/appeals/${id}/assignments`,
      { executorId: b, role: 'main', instruction: 'Перевірити стояк у підвалі' },
    );
    expect(rerouted.status).toBe(201);
    expect(rerouted.body.status).toBe('registered');
    expect(await reportedExecutor(id)).toBe(b);

    const seen = await card(operator, id);
    expect(seen.body.assignments.map((x) => [x.executor.id, x.role, x.state])).toEqual([
      [a, 'main', 'returned'],
      [b, 'main', 'pending'],
    ]);
    const steps = seen.body.history.map((e) => e.type);
    // Registration assigns the routed executor A; the centre then assigns B.
    expect(steps).toEqual(['registered', 'assigned', 'returned_not_in_competence', 'assigned']);
    expect(seen.body.history[2]).toMatchObject({
      fromStatus: 'registered',
      toStatus: 'registered',
      comment: 'Будинок обслуговує інше підприємство',
    });
    expect(seen.body.history[3]).toMatchObject({
      comment: 'Перевірити стояк у підвалі',
      data: { executorId: b, role: 'main', assignmentId: rerouted.body.assignmentId },
    });

    // Access follows the assignment: B sees and works it; A still sees its history, but acts no more.
    const cardOfB = await card(executorB, id);
    expect(cardOfB.status).toBe(200);
    expect(cardOfB.body.allowedActions).toEqual(expect.arrayContaining(['accept']));
    const stale = await executorA.post(`/api/v1/appeals/${id}/accept`);
    expect(stale.status).toBe(409);
    expect(stale.body).toMatchObject({ error: 'no_active_assignment' });
    expect((await card(executorA, id)).body.allowedActions).toEqual([]);
    const accepted = await executorB.post(`/api/v1/appeals/${id}/accept`);
    expect(accepted.body).toMatchObject({ status: 'in_work' });
  });

  it('refuses a second main executor while one is active', async () => {
    const { questionTypeId, b } = await organisations();
    const operator = await server.signIn('operator');
    const id = await register(operator, questionTypeId);
    const res = await operator.post(`/api/v1/appeals/${id}/assignments`, { executorId: b });
    expect(res.status).toBe(409);
    expect(res.body).toMatchObject({ error: 'main_assignment_exists' });
    expect((await card(operator, id)).body.assignments).toHaveLength(1);
  });
});

describe('co-executors', () => {
  it('are added, see and answer their part, and end with the appeal', async () => {
    const { questionTypeId, a, b, c } = await organisations();
    const operator = await server.signIn('operator');
    const controller = await server.signIn('controller');
    const executorA = await server.signIn('executor', a);
    const executorB = await server.signIn('executor', b);
    const executorC = await server.signIn('executor', c);
    const id = await register(operator, questionTypeId);
    expect((await executorA.post(`/api/v1/appeals/${id}/accept`)).body).toMatchObject({
      status: 'in_work',
    });

    for (const executorId of [b, c]) {
      const added = await operator.post<{ status: string }>(`/api/v1/appeals/${id}/assignments`, {
        executorId,
        role: 'co',
        instruction: 'Спільна перевірка',
      });
      expect(added.status).toBe(201);
      // A co-executor does not move the appeal.
      expect(added.body.status).toBe('in_work');
    }
    const twice = await operator.post(`/api/v1/appeals/${id}/assignments`, {
      executorId: b,
      role: 'co',
    });
    expect(twice.status).toBe(409);
    expect(twice.body).toMatchObject({ error: 'already_assigned' });

    // B answers its part; the appeal stays in work (only the main executor's answer puts it on check).
    expect((await executorB.post(`/api/v1/appeals/${id}/accept`)).status).toBe(200);
    const partial = await executorB.post(`/api/v1/appeals/${id}/responses`, {
      text: 'Наша частина виконана',
    });
    expect(partial.body).toMatchObject({ status: 'in_work' });
    // C never answers. A answers; the controller accepts.
    expect(
      (await executorA.post(`/api/v1/appeals/${id}/responses`, { text: 'Стояк прочищено' })).body,
    ).toMatchObject({
      status: 'on_check',
    });
    const closed = await controller.post(`/api/v1/appeals/${id}/review`, {
      decision: 'accept',
      result: 'done_confirmed',
    });
    expect(closed.body).toMatchObject({ status: 'closed' });

    const seen = await card(operator, id);
    expect(seen.body.assignments.map((x) => [x.executor.id, x.role, x.state])).toEqual([
      [a, 'main', 'done'],
      [b, 'co', 'done'],
      [c, 'co', 'withdrawn'],
    ]);
    const assigned = seen.body.history.filter((e) => e.type === 'assigned').slice(1);
    expect(assigned.map((e) => [e.data.executorId, e.data.role, e.fromStatus, e.toStatus])).toEqual(
      [
        [b, 'co', 'in_work', 'in_work'],
        [c, 'co', 'in_work', 'in_work'],
      ],
    );
    const responded = seen.body.history.filter((e) => e.type === 'responded');
    expect(responded.map((e) => [e.data.role, e.toStatus])).toEqual([
      ['co', 'in_work'],
      ['main', 'on_check'],
    ]);

    // An ended co-executor still sees the appeal it worked on, and may do nothing more.
    const cardOfC = await card(executorC, id);
    expect(cardOfC.status).toBe(200);
    expect(cardOfC.body.allowedActions).toEqual([]);
    const late = await executorC.post(`/api/v1/appeals/${id}/responses`, { text: 'Запізно' });
    expect(late.status).toBe(409);
    expect(late.body).toMatchObject({ error: 'no_active_assignment' });
  });

  it('get a control date of their own only ahead and within the legal deadline (Art. 20)', async () => {
    const { questionTypeId, b } = await organisations();
    const operator = await server.signIn('operator');
    const id = await register(operator, questionTypeId);
    const legal = (await operator.get<{ legalDeadline: string }>(`/api/v1/appeals/${id}`)).body
      .legalDeadline;
    const after = new Date(new Date(legal).getTime() + 60_000).toISOString();
    for (const controlDate of ['1900-01-01T00:00:00Z', after]) {
      const res = await operator.post(`/api/v1/appeals/${id}/assignments`, {
        executorId: b,
        role: 'co',
        controlDate,
      });
      expect(res.status).toBe(400);
      expect(res.body).toMatchObject({
        error: 'control_date_out_of_term',
        details: { legalDeadline: new Date(legal).toISOString() },
      });
    }
    const within = new Date(new Date(legal).getTime() - 60_000).toISOString();
    const ok = await operator.post(`/api/v1/appeals/${id}/assignments`, {
      executorId: b,
      role: 'co',
      controlDate: within,
    });
    expect(ok.status).toBe(201);
  });

  it('cannot be added to a closed appeal', async () => {
    const { questionTypeId, b } = await organisations();
    const operator = await server.signIn('operator');
    const id = await register(operator, questionTypeId);
    await operator.post(`/api/v1/appeals/${id}/cancel`, { comment: 'Заявник відкликав' });
    const res = await operator.post(`/api/v1/appeals/${id}/assignments`, {
      executorId: b,
      role: 'co',
    });
    expect(res.status).toBe(409);
    expect(res.body).toMatchObject({ error: 'transition_not_allowed' });
  });

  it('an executor cannot assign, and another organisation cannot see the co-executors’ appeal', async () => {
    const { questionTypeId, a, b, c } = await organisations();
    const operator = await server.signIn('operator');
    const executorA = await server.signIn('executor', a);
    const executorC = await server.signIn('executor', c);
    const id = await register(operator, questionTypeId);
    const refused = await executorA.post(`/api/v1/appeals/${id}/assignments`, {
      executorId: b,
      role: 'co',
    });
    expect(refused.status).toBe(403);
    await operator.post(`/api/v1/appeals/${id}/assignments`, { executorId: b, role: 'co' });
    expect((await card(executorC, id)).status).toBe(404);
    const list = await executorC.get<{ items: { id: number }[] }>('/api/v1/appeals?pageSize=100');
    expect(list.body.items.map((x) => x.id)).not.toContain(id);
  });

  it('is ended from the card by the centre: withdrawn with the reason in the history, the appeal unmoved', async () => {
    const { questionTypeId, a, b } = await organisations();
    const operator = await server.signIn('operator');
    const executorA = await server.signIn('executor', a);
    const executorB = await server.signIn('executor', b);
    const id = await register(operator, questionTypeId);
    await executorA.post(`/api/v1/appeals/${id}/accept`);
    const added = await operator.post<{ assignmentId: number }>(
      `/api/v1/appeals/${id}/assignments`,
      { executorId: b, role: 'co', instruction: 'Огляд даху' },
    );
    const assignmentId = added.body.assignmentId;

    // The executor may not end it (the gate, as for adding); nor end an assignment of another appeal.
    const refused = await executorB.post(
      `/api/v1/appeals/${id}/assignments/${assignmentId}/end`,
      {},
    );
    expect(refused.status).toBe(403);
    const other = await register(operator, questionTypeId);
    const wrongAppeal = await operator.post(
      `/api/v1/appeals/${other}/assignments/${assignmentId}/end`,
      {},
    );
    expect(wrongAppeal.status).toBe(404);
    expect(wrongAppeal.body).toMatchObject({ error: 'assignment_not_found' });
    // The main executor is not ended this way.
    const mainId = (await card(operator, id)).body.assignments.find((x) => x.role === 'main')!.id;
    const main = await operator.post(`/api/v1/appeals/${id}/assignments/${mainId}/end`, {});
    expect(main.status).toBe(409);
    expect(main.body).toMatchObject({ error: 'transition_not_allowed' });

    const ended = await operator.post<{ status: string }>(
      `/api/v1/appeals/${id}/assignments/${assignmentId}/end`,
      { comment: 'Дах оглянула аварійна служба' },
    );
    expect(ended.status).toBe(200);
    expect(ended.body.status).toBe('in_work');
    const again = await operator.post(`/api/v1/appeals/${id}/assignments/${assignmentId}/end`, {});
    expect(again.status).toBe(409);
    // A co-executor, added or ended, never changes whom the reports count the appeal under.
    expect(await reportedExecutor(id)).toBe(a);

    const seen = await card(operator, id);
    expect(seen.body.status).toBe('in_work');
    expect(seen.body.assignments.map((x) => [x.executor.id, x.role, x.state])).toEqual([
      [a, 'main', 'in_work'],
      [b, 'co', 'withdrawn'],
    ]);
    expect(seen.body.history.at(-1)).toMatchObject({
      type: 'assignment_ended',
      fromStatus: 'in_work',
      toStatus: 'in_work',
      comment: 'Дах оглянула аварійна служба',
      data: { assignmentId, executorId: b, role: 'co' },
    });
    // B keeps the history it took part in and may act no more; it may be added again later.
    expect((await card(executorB, id)).body.allowedActions).toEqual([]);
    const readded = await operator.post(`/api/v1/appeals/${id}/assignments`, {
      executorId: b,
      role: 'co',
    });
    expect(readded.status).toBe(201);
  });
});
