/**
 * The registry's history (issue 15): each keeper's edit of a building or a street is recorded —
 * who, when, the fields as they were and as they became — and the block (корпус) is a field of
 * its own, not part of the number. Each test builds its own registry.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addressRegistry, routedQuestionType } from '../factories.js';
import { type ApiClient, startTestServer, type TestServer } from '../http.js';

let server: TestServer;
let keeper: ApiClient;
let operator: ApiClient;

beforeAll(async () => {
  server = await startTestServer();
  keeper = await server.signIn('administrator');
  operator = await server.signIn('operator');
});
afterAll(() => server.close());

async function freshRegistry() {
  const { questionTypeId } = await routedQuestionType(server.ctx.deps);
  return addressRegistry(server.ctx.deps, questionTypeId);
}

type Edit = {
  actor: string;
  at: string;
  action: string;
  entityId: number;
  before: Record<string, unknown>;
  after: Record<string, unknown>;
};
type Building = { id: number; houseNumber: string; block: string | null; label: string };

const history = (entity: 'street' | 'building', id: number) =>
  keeper.get<Edit[]>(`/api/v1/address-registry/history?entity=${entity}&id=${id}`);

describe('registry history', () => {
  it('records a building edit: who, when, only the changed fields before → after', async () => {
    const registry = await freshRegistry();
    // "When" is the service's clock: a fixed instant, compared exactly (no bound on speed).
    const at = new Date('2026-03-14T09:26:53.000Z');
    server.ctx.setNow(at);
    const res = await keeper
      .request('PATCH', `/api/v1/address-registry/buildings/${registry.buildingId}`, {
        kind: 'other',
        latitude: 50.01,
        longitude: 36.2,
      })
      .finally(() => server.ctx.setNow(null));
    expect(res.status).toBe(204);
    const edits = await history('building', registry.buildingId);
    expect(edits.status).toBe(200);
    expect(edits.body).toHaveLength(1);
    expect(edits.body[0]).toMatchObject({
      action: 'update',
      entityId: registry.buildingId,
      before: { kind: 'residential', latitude: 50 },
      after: { kind: 'other', latitude: 50.01 },
    });
    // The longitude did not change: not in the row.
    expect(edits.body[0]!.after).not.toHaveProperty('longitude');
    expect(edits.body[0]!.actor).toMatch(/\(/);
    expect(new Date(edits.body[0]!.at).toISOString()).toBe(at.toISOString());
  });

  it('an edit that changes nothing writes no history', async () => {
    const registry = await freshRegistry();
    await keeper.request('PATCH', `/api/v1/address-registry/buildings/${registry.buildingId}`, {
      kind: 'residential',
    });
    expect((await history('building', registry.buildingId)).body).toEqual([]);
  });

  it('keeps the block in its own column; number and block are re-keyed together', async () => {
    const registry = await freshRegistry();
    const res = await keeper.request(
      'PATCH',
      `/api/v1/address-registry/buildings/${registry.buildingId}`,
      {
        houseNumber: '7',
        block: '3',
      },
    );
    expect(res.status).toBe(204);
    const list = await keeper.get<Building[]>(
      `/api/v1/address-registry/buildings?streetId=${registry.streetId}`,
    );
    expect(list.body.find((b) => b.id === registry.buildingId)).toMatchObject({
      houseNumber: '7',
      block: '3',
      label: 'вулиця Алчевських, 7, корп. 3',
    });
    // «7 корп. 3» is found as that house, and «7» alone is another house.
    const found = await operator.get<{ buildingId: number | null; houseNumber: string | null }[]>(
      `/api/v1/addresses/registry?q=${encodeURIComponent('Алчевських 7 корп. 3')}`,
    );
    expect(found.body.map((s) => s.buildingId)).toContain(registry.buildingId);
    const edits = await history('building', registry.buildingId);
    expect(edits.body[0]).toMatchObject({
      before: { houseNumber: '12-А', block: null },
      after: { houseNumber: '7, корп. 3', block: '3' },
    });
    // The block removed: the number stays.
    await keeper.request('PATCH', `/api/v1/address-registry/buildings/${registry.buildingId}`, {
      block: '',
    });
    const again = await keeper.get<Building[]>(
      `/api/v1/address-registry/buildings?streetId=${registry.streetId}`,
    );
    expect(again.body.find((b) => b.id === registry.buildingId)).toMatchObject({
      houseNumber: '7',
      block: null,
    });
  });

  it('refuses a house number that is none, and writes no history', async () => {
    const registry = await freshRegistry();
    const res = await keeper.request<{ error: string }>(
      'PATCH',
      `/api/v1/address-registry/buildings/${registry.buildingId}`,
      { houseNumber: 'будинок' },
    );
    expect(res.status).toBe(400);
    expect(res.body.error).toBe('bad_house_number');
    expect((await history('building', registry.buildingId)).body).toEqual([]);
  });

  it('records a rename, a merge and a maintainer given to many buildings', async () => {
    const registry = await freshRegistry();
    await keeper.post(`/api/v1/address-registry/streets/${registry.streetId}/rename`, {
      name: 'вул. Історична',
      date: '2026-10-01',
    });
    expect((await history('street', registry.streetId)).body[0]).toMatchObject({
      action: 'rename',
      before: { name: 'Алчевських' },
      after: { name: 'Історична', date: '2026-10-01' },
    });

    const extra = await server.ctx.deps.db
      .insertInto('buildings')
      .values({
        street_id: registry.streetId,
        house_number: '14',
        house_key: '14',
        source_key: `test-history-${registry.buildingId}`,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const org = await server.ctx.deps.db
      .insertInto('organisations')
      .values({ name: `Вигадане ОСББ ${extra.id}`, type: 'utility_company' })
      .returning('id')
      .executeTakeFirstOrThrow();
    await keeper.post('/api/v1/address-registry/buildings/maintainer', {
      buildingIds: [registry.buildingId, extra.id],
      maintainerId: org.id,
    });
    expect((await history('building', extra.id)).body[0]).toMatchObject({
      action: 'maintainer',
      before: { maintainerId: null },
      after: { maintainerId: org.id },
    });
    expect((await history('building', registry.buildingId)).body[0]).toMatchObject({
      action: 'maintainer',
      before: { maintainerId: registry.maintainerId },
      after: { maintainerId: org.id },
    });

    await keeper.post('/api/v1/address-registry/buildings/merge', {
      fromId: extra.id,
      intoId: registry.buildingId,
    });
    expect((await history('building', extra.id)).body[0]).toMatchObject({
      action: 'merge',
      after: { active: false, mergedIntoId: registry.buildingId },
    });
  });

  it('is the keeper’s: the operator may not read it', async () => {
    const res = await operator.get('/api/v1/address-registry/history');
    expect(res.status).toBe(403);
  });
});
