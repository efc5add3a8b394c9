/**
 * The registry keeper (issue 15): rename a street (the old name stays, with its date, and still
 * finds the building), merge two buildings (appeals move; repeats see one house), assign a
 * maintainer to many buildings, the list of unplaced addresses; only the keeper may.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addressRegistry, appealBody, routedQuestionType } from '../factories.js';
import { type ApiClient, startTestServer, type TestServer } from '../http.js';

let server: TestServer;
let keeper: ApiClient;
let operator: ApiClient;
let questionTypeId: number;
let registry: Awaited<ReturnType<typeof addressRegistry>>;

beforeAll(async () => {
  server = await startTestServer();
  ({ questionTypeId } = await routedQuestionType(server.ctx.deps));
  registry = await addressRegistry(server.ctx.deps, questionTypeId);
  keeper = await server.signIn('administrator');
  operator = await server.signIn('operator');
});
afterAll(() => server.close());

type Street = {
  id: number;
  name: string;
  names: { name: string; current: boolean; validTo: string | null }[];
};

describe('registry keeper', () => {
  it('renames a street; the old name stays with its date and still finds the building', async () => {
    const res = await keeper.post<Street>(
      `/api/v1/address-registry/streets/${registry.streetId}/rename`,
      {
        name: 'вул. Вигадана Нова',
        date: '2026-11-01',
      },
    );
    expect(res.status).toBe(200);
    expect(res.body.name).toBe('Вигадана Нова');
    expect(res.body.names).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ name: 'Вигадана Нова', current: true }),
        expect.objectContaining({ name: 'Алчевських', current: false, validTo: '2026-11-01' }),
        expect.objectContaining({ name: 'Артема', current: false }),
      ]),
    );
    const found = await operator.get<
      { buildingId: number; label: string; formerly: { name: string } | null }[]
    >(`/api/v1/addresses/registry?q=${encodeURIComponent('Алчевських 12а')}`);
    expect(found.body[0]).toMatchObject({
      buildingId: registry.buildingId,
      label: 'вулиця Вигадана Нова, 12-А',
      formerly: { name: 'вулиця Алчевських' },
    });
  });

  it('refuses the operator', async () => {
    const res = await operator.get('/api/v1/address-registry/streets?q=Нова');
    expect(res.status).toBe(403);
  });

  it('merges two buildings; the appeals of the retired one move', async () => {
    const extra = await server.ctx.deps.db
      .insertInto('buildings')
      .values({
        street_id: registry.streetId,
        house_number: '12-А/0',
        house_key: '12а/0',
        source_key: 'test-extra',
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const appeal = await operator.post<{ id: number }>(
      '/api/v1/appeals',
      appealBody(questionTypeId, { address: null, buildingId: extra.id }),
    );
    expect(appeal.status).toBe(201);
    const merged = await keeper.post<{ movedAppeals: number }>(
      '/api/v1/address-registry/buildings/merge',
      {
        fromId: extra.id,
        intoId: registry.buildingId,
      },
    );
    expect(merged.body).toEqual({ movedAppeals: 1 });
    const again = await keeper.post('/api/v1/address-registry/buildings/merge', {
      fromId: extra.id,
      intoId: registry.buildingId,
    });
    expect(again.status).toBe(409);
    const card = await operator.get<{ addressPlace: { buildingId: number } }>(
      `/api/v1/appeals/${appeal.body.id}`,
    );
    expect(card.body.addressPlace.buildingId).toBe(registry.buildingId);
  });

  it('assigns a maintainer to many buildings, and refuses an unknown one', async () => {
    const org = await server.ctx.deps.db
      .insertInto('organisations')
      .values({ name: 'Вигадане ОСББ «Тест»', type: 'utility_company' })
      .returning('id')
      .executeTakeFirstOrThrow();
    const res = await keeper.post<{ updated: number }>(
      '/api/v1/address-registry/buildings/maintainer',
      {
        buildingIds: [registry.buildingId],
        maintainerId: org.id,
      },
    );
    expect(res.body).toEqual({ updated: 1 });
    const list = await keeper.get<{ id: number; maintainerId: number }[]>(
      `/api/v1/address-registry/buildings?maintainerId=${org.id}`,
    );
    expect(list.body.map((b) => b.id)).toEqual([registry.buildingId]);
    const bad = await keeper.post('/api/v1/address-registry/buildings/maintainer', {
      buildingIds: [registry.buildingId],
      maintainerId: 999999,
    });
    expect(bad.status).toBe(400);
  });

  it('lists the addresses the registry could not place', async () => {
    await operator.post(
      '/api/v1/appeals',
      appealBody(questionTypeId, { address: 'пров. Невідомий, 3' }),
    );
    const res = await keeper.get<{ address: string; flags: string[] }[]>(
      '/api/v1/address-registry/unplaced',
    );
    expect(res.body.find((u) => u.address === 'пров. Невідомий, 3')?.flags).toEqual([
      'not_in_registry',
    ]);
  });
});
