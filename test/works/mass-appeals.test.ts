/**
 * Mass appeals (issue 16, item 4): 40 appeals of one question type at one building within an hour
 * become one proposed mass appeal; a controller confirms it; the executor's one answer and the
 * controller's one review then close all 40, each with its own history entries (the lifecycle's
 * own steps, followed by every member).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addressRegistry, appealBody, routedQuestionType } from '../factories.js';
import { type ApiClient, startTestServer, type TestServer } from '../http.js';
import { proposeMassAppeals } from '../../src/server/mass-appeals/propose-mass-appeals.js';

let server: TestServer;
let operator: ApiClient;
let controller: ApiClient;
let questionTypeId: number;

beforeAll(async () => {
  server = await startTestServer();
  ({ questionTypeId } = await routedQuestionType(server.ctx.deps));
  operator = await server.signIn('operator');
  controller = await server.signIn('controller');
});
afterAll(() => {
  server.ctx.setNow(null);
  return server.close();
});

interface Group {
  id: number;
  status: string;
  buildingId: number | null;
  streetId: number | null;
  leadAppealId: number | null;
  memberCount: number;
  members: { id: number; number: string; status: string }[];
}

/** `count` appeals at the registry's building 12а, one a minute from `start`. */
async function appealsAtBuilding(street: string, count: number, start: Date): Promise<number[]> {
  const ids: number[] = [];
  for (let i = 0; i < count; i += 1) {
    server.ctx.setNow(new Date(start.getTime() + i * 60_000));
    const res = await operator.post<{ id: number; executorId: number | null }>(
      '/api/v1/appeals',
      appealBody(questionTypeId, { address: `вул. ${street}, 12а` }),
    );
    expect(res.status).toBe(201);
    ids.push(res.body.id);
  }
  return ids;
}

describe('mass appeals', () => {
  it('40 appeals at one building within an hour: one proposal; confirmed, one answer closes all 40', async () => {
    const registry = await addressRegistry(server.ctx.deps, questionTypeId, {
      current: 'Масова',
      former: 'Стара Масова',
    });
    const start = new Date(Date.now() + 60_000);
    const ids = await appealsAtBuilding('Масова', 40, start);
    server.ctx.setNow(new Date(start.getTime() + 45 * 60_000));

    const first = await proposeMassAppeals(server.ctx.deps);
    expect(first).toEqual({ proposed: 1, joined: 0 });
    expect(await proposeMassAppeals(server.ctx.deps)).toEqual({ proposed: 0, joined: 0 });

    const list = await controller.get<Group[]>('/api/v1/mass-appeals?status=proposed');
    expect(list.status).toBe(200);
    const mine = list.body.filter((g) => g.buildingId === registry.buildingId);
    expect(mine).toHaveLength(1);
    const group = mine[0]!;
    expect(group.memberCount).toBe(40);
    expect(group.members.map((m) => m.id)).toEqual(ids);

    const confirmed = await controller.post<Group>(`/api/v1/mass-appeals/${group.id}/confirm`);
    expect(confirmed.status).toBe(200);
    expect(confirmed.body).toMatchObject({ status: 'confirmed', leadAppealId: ids[0] });
    const again = await controller.post<Group>(`/api/v1/mass-appeals/${group.id}/confirm`);
    expect(again.status).toBe(200);
    expect(again.body.leadAppealId).toBe(ids[0]);

    const db = server.ctx.deps.db;
    const active = await db
      .selectFrom('assignments')
      .select(['appeal_id', 'executor_id'])
      .where('appeal_id', 'in', ids)
      .where('state', 'in', ['pending', 'in_work', 'responded', 'rework'])
      .execute();
    expect(active).toEqual([{ appeal_id: ids[0], executor_id: registry.maintainerId }]);

    // The executor works the group through its one assignment: the lead appeal's.
    const executor = await server.signIn('executor', registry.maintainerId);
    expect((await executor.post(`/api/v1/appeals/${ids[0]}/accept`)).status).toBe(200);
    const answer = 'Гарячу воду подано після заміни засувки на вводі в будинок.';
    const responded = await executor.post(`/api/v1/appeals/${ids[0]}/responses`, {
      text: answer,
      proposedResult: 'done_awaiting_confirmation',
    });
    expect(responded.status).toBe(201);
    const onCheck = await db
      .selectFrom('appeals')
      .select('status')
      .where('id', 'in', ids)
      .execute();
    expect(onCheck.map((a) => a.status)).toEqual(Array(40).fill('on_check'));
    const review = await controller.post(`/api/v1/appeals/${ids[0]}/review`, {
      decision: 'accept',
      result: 'done_awaiting_confirmation',
    });
    expect(review.status).toBe(200);

    const closed = await db
      .selectFrom('appeals')
      .select(['id', 'status', 'result'])
      .where('id', 'in', ids)
      .orderBy('id')
      .execute();
    expect(closed).toEqual(
      ids.map((id) => ({ id, status: 'closed', result: 'done_awaiting_confirmation' })),
    );
    const responses = await db
      .selectFrom('responses')
      .select(['appeal_id', 'text'])
      .where('appeal_id', 'in', ids)
      .orderBy('appeal_id')
      .execute();
    expect(responses).toEqual(ids.map((id) => ({ appeal_id: id, text: answer })));
    const events = await db
      .selectFrom('appeal_events')
      .select(['appeal_id', 'type', 'to_status'])
      .where('appeal_id', 'in', ids)
      .where('type', 'in', ['mass_appeal_joined', 'accepted', 'responded', 'review_accepted'])
      .orderBy('appeal_id')
      .orderBy('id')
      .execute();
    expect(events).toEqual(
      ids.flatMap((id) => [
        { appeal_id: id, type: 'mass_appeal_joined', to_status: null },
        { appeal_id: id, type: 'accepted', to_status: 'in_work' },
        { appeal_id: id, type: 'responded', to_status: 'on_check' },
        { appeal_id: id, type: 'review_accepted', to_status: 'closed' },
      ]),
    );

    // The card of a member says which group it follows.
    const card = await controller.get<{ massAppeal: { leadAppealId: number; members: number } }>(
      `/api/v1/appeals/${ids[7]}/works`,
    );
    expect(card.status).toBe(200);
    expect(card.body.massAppeal).toMatchObject({ leadAppealId: ids[0], members: 40 });
  });

  it('appeals spread beyond the window or at other buildings are not grouped; a dismissed proposal is not proposed again', async () => {
    await addressRegistry(server.ctx.deps, questionTypeId, {
      current: 'Рідкісна',
      former: 'Стара Рідкісна',
    });
    const start = new Date(Date.now() + 3 * 3600_000);
    // One appeal every 10 minutes: 12 within 2 hours, at most 7 in any hour (threshold 10).
    for (let i = 0; i < 12; i += 1) {
      server.ctx.setNow(new Date(start.getTime() + i * 10 * 60_000));
      expect(
        (
          await operator.post(
            '/api/v1/appeals',
            appealBody(questionTypeId, { address: 'вул. Рідкісна, 12а' }),
          )
        ).status,
      ).toBe(201);
    }
    server.ctx.setNow(new Date(start.getTime() + 115 * 60_000));
    expect(await proposeMassAppeals(server.ctx.deps)).toEqual({ proposed: 0, joined: 0 });

    const registry = await addressRegistry(server.ctx.deps, questionTypeId, {
      current: 'Відхилена',
      former: 'Стара Відхилена',
    });
    const later = new Date(start.getTime() + 5 * 3600_000);
    await appealsAtBuilding('Відхилена', 10, later);
    server.ctx.setNow(new Date(later.getTime() + 15 * 60_000));
    expect((await proposeMassAppeals(server.ctx.deps)).proposed).toBe(1);
    const list = await controller.get<Group[]>('/api/v1/mass-appeals?status=proposed');
    const group = list.body.find((g) => g.buildingId === registry.buildingId)!;
    const dismissed = await controller.post<Group>(`/api/v1/mass-appeals/${group.id}/dismiss`);
    expect(dismissed.body.status).toBe('dismissed');
    expect(await proposeMassAppeals(server.ctx.deps)).toEqual({ proposed: 0, joined: 0 });
    const confirm = await controller.post(`/api/v1/mass-appeals/${group.id}/confirm`);
    expect(confirm.status).toBe(409);
    expect(confirm.body.error).toBe('mass_appeal_dismissed');
    const missing = await controller.post('/api/v1/mass-appeals/999999999/confirm');
    expect(missing.status).toBe(404);
    expect(missing.body.error).toBe('mass_appeal_not_found');
  });

  it('only those who review confirm; operators and executors do not see proposals', async () => {
    expect((await operator.get('/api/v1/mass-appeals')).status).toBe(403);
    const supervisor = await server.signIn('supervisor');
    expect((await supervisor.get('/api/v1/mass-appeals')).status).toBe(200);
    expect((await operator.post('/api/v1/mass-appeals/1/confirm')).status).toBe(403);
  });
});
