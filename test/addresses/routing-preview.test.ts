/**
 * The routing preview at intake (issue 15, item 5): `GET /api/v1/routing/preview` names the
 * executor registration would choose, and why, before the operator registers — the building's
 * maintainer, the district's rule or the question type's default; the works it would join; a
 * deactivated default it would refuse — so the new-call screen never
 * contradicts the card. Bad input is a 4xx with a stable code.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { workInput } from '../../src/contract/works.schemas.js';
import { changeWorkStatus, createWork } from '../../src/server/works/works.service.js';
import { addressRegistry, appealBody, makeUser, routedQuestionType } from '../factories.js';
import { type ApiClient, startTestServer, type TestServer } from '../http.js';

let server: TestServer;
let operator: ApiClient;
let questionTypeId: number;
let defaultExecutorId: number;
let registry: Awaited<ReturnType<typeof addressRegistry>>;

interface Preview {
  executor: { id: number; name: string } | null;
  coExecutors: { id: number; name: string }[];
  reason: string;
  workId: number | null;
}

const preview = (query: string) => operator.get<Preview>(`/api/v1/routing/preview?${query}`);

beforeAll(async () => {
  server = await startTestServer();
  ({ questionTypeId, executorId: defaultExecutorId } = await routedQuestionType(server.ctx.deps));
  registry = await addressRegistry(server.ctx.deps, questionTypeId, {
    current: 'Прев’ю-Нова',
    former: 'Прев’ю-Стара',
  });
  operator = await server.signIn('operator');
});
afterAll(() => server.close());

describe('the routing preview', () => {
  it('a building with a maintainer rule → the maintainer, as registration routes it', async () => {
    const res = await preview(`questionTypeId=${questionTypeId}&buildingId=${registry.buildingId}`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      executor: { id: registry.maintainerId },
      reason: 'maintainer',
    });
    expect(res.body.executor?.name).toMatch(/^Тестовий управитель /);
    const registered = await operator.post<{ executorId: number }>(
      '/api/v1/appeals',
      appealBody(questionTypeId, { buildingId: registry.buildingId, address: null }),
    );
    expect(registered.status).toBe(201);
    expect(registered.body.executorId).toBe(res.body.executor!.id);
  });

  it('a typed address is placed on its building as registration places it', async () => {
    const res = await preview(
      `questionTypeId=${questionTypeId}&address=${encodeURIComponent('Прев’ю-Стара 12а')}`,
    );
    expect(res.body).toMatchObject({
      executor: { id: registry.maintainerId },
      reason: 'maintainer',
    });
  });

  it('no building → the question type’s default executor', async () => {
    const res = await preview(`questionTypeId=${questionTypeId}`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ executor: { id: defaultExecutorId }, reason: 'default' });
    expect(res.body.executor!.name).not.toBe('');
  });

  it('a district with its own rule → that rule’s executor', async () => {
    const other = await routedQuestionType(server.ctx.deps, 1);
    const byDistrict = await server.ctx.deps.db
      .insertInto('organisations')
      .values({ name: 'Тестова районна служба прев’ю', type: 'utility_company' })
      .returning('id')
      .executeTakeFirstOrThrow();
    await server.ctx.deps.db
      .insertInto('address_routing_rules')
      .values({
        question_type_id: other.questionTypeId,
        district_id: registry.districtId,
        executor_id: byDistrict.id,
        to_maintainer: false,
      })
      .execute();
    const res = await preview(
      `questionTypeId=${other.questionTypeId}&districtId=${registry.districtId}`,
    );
    expect(res.body).toMatchObject({
      executor: { id: byDistrict.id, name: 'Тестова районна служба прев’ю' },
      reason: 'district',
    });
  });

  it('active works of the service on the building → the works, no executor, as registration links it', async () => {
    const deps = server.ctx.deps;
    const typed = await routedQuestionType(deps, 3);
    await deps.db
      .updateTable('question_types')
      .set({ works_service: 'heating' })
      .where('id', '=', typed.questionTypeId)
      .execute();
    const place = await addressRegistry(deps, typed.questionTypeId, {
      current: 'Роботова',
      former: 'Стара Роботова',
    });
    const dispatcher = await makeUser(deps, 'dispatcher');
    const now = Date.now();
    const actor = { kind: 'user', id: dispatcher.id, login: dispatcher.login, fullName: 'Диспетчер', role: 'dispatcher', organisationId: null } as const; // prettier-ignore
    const work = await createWork(
      deps,
      actor,
      workInput.parse({
        kind: 'outage',
        service: 'heating',
        area: { buildingIds: [place.buildingId], streetIds: [], districtIds: [] },
        startsAt: new Date(now - 3_600_000).toISOString(),
        expectedEndAt: new Date(now + 6 * 3_600_000).toISOString(),
        reason: 'Аварія на тепломережі',
        publicTextUk: 'Немає опалення через аварію на тепломережі',
      }),
    );
    // Planned works take nothing yet: the default executor, as registration routes it.
    const planned = await preview(
      `questionTypeId=${typed.questionTypeId}&buildingId=${place.buildingId}`,
    );
    expect(planned.body).toMatchObject({ reason: 'maintainer', workId: null });
    await changeWorkStatus(deps, actor, work.id, { status: 'active' });
    const res = await preview(
      `questionTypeId=${typed.questionTypeId}&buildingId=${place.buildingId}`,
    );
    expect(res.body).toEqual({ executor: null, coExecutors: [], reason: 'works', workId: work.id });
    const registered = await operator.post<{ id: number; executorId: number | null }>(
      '/api/v1/appeals',
      appealBody(typed.questionTypeId, { buildingId: place.buildingId, address: null }),
    );
    expect(registered.status).toBe(201);
    expect(registered.body.executorId).toBeNull();
    const stored = await deps.db
      .selectFrom('appeals')
      .select('work_id')
      .where('id', '=', registered.body.id)
      .executeTakeFirstOrThrow();
    expect(stored.work_id).toBe(work.id);
  });

  it('a deactivated default executor → inactive_default, and registration refuses it', async () => {
    const deps = server.ctx.deps;
    const typed = await routedQuestionType(deps, 2);
    // Its own deactivated organisation: the seeded default may serve other question types the
    // other tests here use, in whatever order they run.
    const inactive = await deps.db
      .insertInto('organisations')
      .values({ name: 'Тестова ліквідована служба', type: 'utility_company', active: false })
      .returning('id')
      .executeTakeFirstOrThrow();
    await deps.db
      .updateTable('routing_rules')
      .set({ executor_id: inactive.id })
      .where('question_type_id', '=', typed.questionTypeId)
      .execute();
    const res = await preview(`questionTypeId=${typed.questionTypeId}`);
    expect(res.body).toMatchObject({
      executor: { id: inactive.id },
      reason: 'inactive_default',
    });
    const registered = await operator.post('/api/v1/appeals', appealBody(typed.questionTypeId));
    expect(registered.status).toBe(400);
    expect(registered.body).toMatchObject({ error: 'unknown_executor' });
  });

  it('an unknown question type → 404 question_type_not_found', async () => {
    const res = await preview('questionTypeId=987654321');
    expect(res.status).toBe(404);
    expect(res.body).toMatchObject({ error: 'question_type_not_found' });
  });

  it.each([
    ['questionTypeId=abc', 'validation_failed'],
    ['questionTypeId=-1', 'validation_failed'],
    ['', 'validation_failed'],
    ['questionTypeId=1&buildingId=x', 'validation_failed'],
    ['questionTypeId=1&buildingId=99999999999', 'validation_failed'],
  ])('a bad id (%s) → 400 %s', async (query, code) => {
    const res = await preview(query);
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ error: code });
  });

  it('an unknown building or district → 400 with its code', async () => {
    const building = await preview(`questionTypeId=${questionTypeId}&buildingId=987654321`);
    expect(building.status).toBe(400);
    expect(building.body).toMatchObject({ error: 'unknown_building' });
    const district = await preview(`questionTypeId=${questionTypeId}&districtId=987654321`);
    expect(district.status).toBe(400);
    expect(district.body).toMatchObject({ error: 'unknown_district' });
  });

  it('is for those who register appeals', async () => {
    const analyst = await server.signIn('analyst');
    const res = await analyst.get(`/api/v1/routing/preview?questionTypeId=${questionTypeId}`);
    expect(res.status).toBe(403);
  });
});
