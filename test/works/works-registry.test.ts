/**
 * The works registry (issue 16): the dispatcher registers an entry on a street; it covers the
 * street's buildings; intake finds it by building, street or point; bad input is a 4xx with a
 * stable code; closing twice is idempotent; an active entry past its end goes to the supervisors.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addressRegistry, routedQuestionType } from '../factories.js';
import { type ApiClient, startTestServer, type TestServer } from '../http.js';
import { sweepOverdueWorks, worksCovering } from '../../src/server/works/works.service.js';

let server: TestServer;
let dispatcher: ApiClient;
let operator: ApiClient;
let registry: Awaited<ReturnType<typeof addressRegistry>>;
let secondBuildingId: number;

beforeAll(async () => {
  server = await startTestServer();
  const { questionTypeId } = await routedQuestionType(server.ctx.deps);
  registry = await addressRegistry(server.ctx.deps, questionTypeId, {
    current: 'Роботна',
    former: 'Стара Роботна',
  });
  const b = await server.ctx.deps.db
    .insertInto('buildings')
    .values({
      street_id: registry.streetId,
      house_number: '14',
      house_key: '14',
      latitude: 50.001,
      longitude: 36.201,
      district_id: registry.districtId,
      source_key: `test-building:${randomBytes(3).toString('hex')}`,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  secondBuildingId = b.id;
  dispatcher = await server.signIn('dispatcher');
  operator = await server.signIn('operator');
});
afterAll(() => server.close());

function entry(overrides: Record<string, unknown> = {}) {
  const start = new Date(server.ctx.deps.now().getTime() - 3600_000);
  return {
    kind: 'outage',
    service: 'hot_water',
    area: { streetIds: [registry.streetId] },
    startsAt: start.toISOString(),
    expectedEndAt: new Date(start.getTime() + 6 * 3600_000).toISOString(),
    reason: 'Заміна засувки на магістралі',
    organisationName: 'Тепломережа',
    publicTextUk: 'Немає гарячої води через заміну засувки.',
    publicTextEn: 'No hot water: a valve is being replaced.',
    ...overrides,
  };
}

type Work = { id: number; status: string; buildingCount: number; informedCount: number };

describe('works registry', () => {
  it('registers an entry on a street: it covers every building of it and intake finds it', async () => {
    const res = await dispatcher.post<Work>('/api/v1/works', entry());
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ status: 'planned', buildingCount: 2 });
    const id = res.body.id;

    const byBuilding = await operator.get<{ id: number; publicTextUk: string }[]>(
      `/api/v1/works/covering?buildingId=${secondBuildingId}`,
    );
    expect(byBuilding.status).toBe(200);
    expect(byBuilding.body.map((w) => w.id)).toContain(id);
    const db = server.ctx.deps.db;
    expect((await worksCovering(db, { streetId: registry.streetId })).map((w) => w.id)).toContain(
      id,
    );
    expect(
      (await worksCovering(db, { point: { lat: 50.0, lon: 36.2 } })).map((w) => w.id),
    ).toContain(id);
    expect(
      (await worksCovering(db, { point: { lat: 49.0, lon: 35.0 } })).map((w) => w.id),
    ).not.toContain(id);

    const informed = await operator.post<{ informedCount: number }>(
      `/api/v1/works/${id}/informed`,
      {
        buildingId: registry.buildingId,
      },
    );
    expect(informed.status).toBe(200);
    expect(informed.body.informedCount).toBe(1);

    const pub = await server
      .anonymous()
      .get<{ id: number }[]>(`/api/public/works/covering?buildingId=${registry.buildingId}`);
    expect(pub.body.map((w) => w.id)).toContain(id);
  });

  it('a polygon drawn on the map covers the buildings inside it only', async () => {
    const polygon = {
      type: 'Polygon',
      coordinates: [
        [
          [36.1995, 49.9995],
          [36.2005, 49.9995],
          [36.2005, 50.0005],
          [36.1995, 50.0005],
          [36.1995, 49.9995],
        ],
      ],
    };
    const res = await dispatcher.post<Work>('/api/v1/works', entry({ area: { polygon } }));
    expect(res.status).toBe(201);
    expect(res.body.buildingCount).toBe(1);
  });

  it('refuses an entry without an area, ending before it starts, or covering no building', async () => {
    const noArea = await dispatcher.post('/api/v1/works', entry({ area: {} }));
    expect(noArea.status).toBe(400);
    expect(noArea.body.error).toBe('works_area_required');
    const backwards = await dispatcher.post(
      '/api/v1/works',
      entry({ startsAt: '2026-12-02T10:00:00Z', expectedEndAt: '2026-12-02T09:00:00Z' }),
    );
    expect(backwards.status).toBe(400);
    expect(backwards.body.error).toBe('works_end_before_start');
    const far = {
      type: 'Polygon',
      coordinates: [
        [
          [10, 10],
          [10.001, 10],
          [10.001, 10.001],
          [10, 10],
        ],
      ],
    };
    const nowhere = await dispatcher.post('/api/v1/works', entry({ area: { polygon: far } }));
    expect(nowhere.status).toBe(400);
    expect(nowhere.body.error).toBe('works_cover_no_building');
    const unknownStreet = await dispatcher.post(
      '/api/v1/works',
      entry({ area: { streetIds: [999999999] } }),
    );
    expect(unknownStreet.status).toBe(400);
    expect(unknownStreet.body.error).toBe('works_cover_no_building');
    expect(typeof unknownStreet.body.message).toBe('string');
    const missing = await dispatcher.post('/api/v1/works/999999999/status', { status: 'closed' });
    expect(missing.status).toBe(404);
    expect(missing.body.error).toBe('work_not_found');
  });

  it('goes planned → active → closed; closing twice is idempotent; the history has each step', async () => {
    const created = await dispatcher.post<Work>('/api/v1/works', entry({ kind: 'emergency' }));
    const id = created.body.id;
    expect(
      (await dispatcher.post<Work>(`/api/v1/works/${id}/status`, { status: 'active' })).body.status,
    ).toBe('active');
    const moved = await dispatcher.request<Work>('PATCH', `/api/v1/works/${id}`, {
      expectedEndAt: new Date(server.ctx.deps.now().getTime() + 9 * 3600_000).toISOString(),
    });
    expect(moved.status).toBe(200);
    const first = await dispatcher.post<Work>(`/api/v1/works/${id}/status`, { status: 'closed' });
    const second = await dispatcher.post<Work>(`/api/v1/works/${id}/status`, { status: 'closed' });
    expect(first.status).toBe(200);
    expect(second.status).toBe(200);
    expect(second.body.status).toBe('closed');
    const history = await dispatcher.get<{ action: string }[]>(`/api/v1/works/${id}/history`);
    expect(history.body.map((e) => e.action)).toEqual(['close', 'update', 'activate', 'create']);
    const reopen = await dispatcher.post(`/api/v1/works/${id}/status`, { status: 'active' });
    expect(reopen.status).toBe(400);
    expect(reopen.body.error).toBe('works_closed');
    const covering = await operator.get<{ id: number }[]>(
      `/api/v1/works/covering?buildingId=${registry.buildingId}`,
    );
    expect(covering.body.map((w) => w.id)).not.toContain(id);
  });

  it('only dispatchers and supervisors keep the registry', async () => {
    expect((await operator.post('/api/v1/works', entry())).status).toBe(403);
    const supervisor = await server.signIn('supervisor');
    expect((await supervisor.post('/api/v1/works', entry())).status).toBe(201);
  });

  it('an active entry past its expected end goes to the supervisors once', async () => {
    const supervisor = await server.signIn('supervisor');
    const created = await dispatcher.post<Work>('/api/v1/works', entry({ kind: 'emergency' }));
    await dispatcher.post(`/api/v1/works/${created.body.id}/status`, { status: 'active' });
    const later = new Date(server.ctx.deps.now().getTime() + 24 * 3600_000);
    const deps = { ...server.ctx.deps, now: () => later };
    expect(await sweepOverdueWorks(deps)).toBeGreaterThanOrEqual(1);
    await sweepOverdueWorks(deps);
    const rows = await server.ctx.deps.db
      .selectFrom('notifications')
      .select(['kind', 'emergency'])
      .where('recipient_user_id', '=', supervisor.userId)
      .where('dedupe_key', 'like', `work_overdue:${created.body.id}:%`)
      .execute();
    expect(rows).toEqual([{ kind: 'work_overdue', emergency: true }]);
  });
});
