/**
 * Issue 15 end to end over HTTP: an operator names the street by its pre-2016 name and the house
 * as `12а`; the appeal lands on that building and goes to its maintainer, the card says why; the
 * same question re-registered as `12-А` is caught as an Art. 8 repeat. Bad input: an address the
 * registry does not know is kept as text and flagged, a point in no district is kept and flagged,
 * coordinates out of range are refused with 400.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addressRegistry, appealBody, routedQuestionType } from '../factories.js';
import { type ApiClient, startTestServer, type TestServer } from '../http.js';

let server: TestServer;
let operator: ApiClient;
let controller: ApiClient;
let questionTypeId: number;
let defaultExecutorId: number;
let registry: Awaited<ReturnType<typeof addressRegistry>>;

beforeAll(async () => {
  server = await startTestServer();
  ({ questionTypeId, executorId: defaultExecutorId } = await routedQuestionType(server.ctx.deps));
  registry = await addressRegistry(server.ctx.deps, questionTypeId);
  operator = await server.signIn('operator');
  controller = await server.signIn('controller');
});
afterAll(() => server.close());

type Suggestion = {
  buildingId: number | null;
  label: string;
  formerly: { name: string; until: string | null } | null;
  districtName: string | null;
};
type Card = {
  id: number;
  receiptSign: string;
  address: string | null;
  assignments: { executor: { id: number }; role: string }[];
  addressPlace: {
    buildingId: number | null;
    districtName: string | null;
    flags: string[];
    routing: { rule: string } | null;
  };
};

describe('the picker finds a building by the street’s former name', () => {
  it.each(['Артема 12а', 'вул. Артема, 12-А', 'артем 12', 'Алчевських 12а', 'Алчевськх 12'])(
    '%s → вулиця Алчевських, 12-А',
    async (q) => {
      const res = await operator.get<Suggestion[]>(
        `/api/v1/addresses/registry?q=${encodeURIComponent(q)}`,
      );
      expect(res.status).toBe(200);
      expect(res.body[0]).toMatchObject({
        buildingId: registry.buildingId,
        label: 'вулиця Алчевських, 12-А',
        districtName: 'Шевченківський',
      });
    },
  );

  it('shows the old name as "formerly" when the old name was typed', async () => {
    const res = await operator.get<Suggestion[]>(`/api/v1/addresses/registry?q=Артема`);
    expect(res.body[0]).toMatchObject({
      buildingId: null,
      label: 'вулиця Алчевських',
      formerly: { name: 'вулиця Артема', until: '2016-02-03' },
    });
  });
});

describe('routing by building and Art. 8 repeats by building', () => {
  it('routes `вул. Артема, 12а` to the maintainer; `12-А` again is a repeat', async () => {
    const applicant = { fullName: 'Вигаданенко Тест Петрович', phones: ['067 000 15 15'] };
    const first = await operator.post<{ id: number; applicantId: number }>(
      '/api/v1/appeals',
      appealBody(questionTypeId, { address: 'вул. Артема, 12а', applicant }),
    );
    expect(first.status).toBe(201);
    const card = await operator.get<Card>(`/api/v1/appeals/${first.body.id}`);
    expect(card.body.assignments[0]?.executor.id).toBe(registry.maintainerId);
    expect(card.body.assignments[0]?.executor.id).not.toBe(defaultExecutorId);
    expect(card.body.addressPlace).toMatchObject({
      buildingId: registry.buildingId,
      districtName: 'Шевченківський',
      flags: [],
      routing: { rule: 'maintainer' },
    });

    const again = await operator.post<{ id: number; repeatsAppealId: number | null }>(
      '/api/v1/appeals',
      appealBody(questionTypeId, {
        address: 'Алчевських вулиця, буд. 12-А',
        applicantId: first.body.applicantId,
        applicant: undefined,
      }),
    );
    expect(again.status).toBe(201);
    const repeat = await operator.get<Card>(`/api/v1/appeals/${again.body.id}`);
    expect(repeat.body.receiptSign).toBe('repeated');

    // The rules give the same answer when the centre re-routes.
    const routing = await controller.get<{ executorId: number; rule: string }>(
      `/api/v1/appeals/${first.body.id}/routing`,
    );
    expect(routing.body).toMatchObject({ executorId: registry.maintainerId, rule: 'maintainer' });
  });

  it('a different house of the same applicant is not a repeat', async () => {
    const applicant = { fullName: 'Вигаданенко Інша Особа', phones: ['067 000 15 16'] };
    const first = await operator.post<{ id: number; applicantId: number }>(
      '/api/v1/appeals',
      appealBody(questionTypeId, { address: 'вул. Артема, 12а', applicant }),
    );
    const other = await operator.post<{ id: number }>(
      '/api/v1/appeals',
      appealBody(questionTypeId, {
        address: 'вул. Артема, 12б',
        applicantId: first.body.applicantId,
        applicant: undefined,
      }),
    );
    const card = await operator.get<Card>(`/api/v1/appeals/${other.body.id}`);
    expect(card.body.receiptSign).toBe('primary');
  });
});

describe('bad input', () => {
  it('keeps an address that matches nothing as text, flagged, routed by default', async () => {
    const res = await operator.post<{ id: number }>(
      '/api/v1/appeals',
      appealBody(questionTypeId, { address: 'вул. Неіснуюча, 999' }),
    );
    expect(res.status).toBe(201);
    const card = await operator.get<Card>(`/api/v1/appeals/${res.body.id}`);
    expect(card.body.address).toBe('вул. Неіснуюча, 999');
    expect(card.body.addressPlace).toMatchObject({ buildingId: null, flags: ['not_in_registry'] });
    expect(card.body.assignments[0]?.executor.id).toBe(defaultExecutorId);
  });

  it('accepts a point outside every district and flags it', async () => {
    const res = await operator.post<{ id: number }>(
      '/api/v1/appeals',
      appealBody(questionTypeId, { address: null, latitude: 48.5, longitude: 35.0 }),
    );
    expect(res.status).toBe(201);
    const card = await operator.get<Card>(`/api/v1/appeals/${res.body.id}`);
    expect(card.body.addressPlace.flags).toEqual(['outside_districts']);
    const point = await operator.get<{ district: unknown; flags: string[] }>(
      '/api/v1/addresses/point?latitude=48.5&longitude=35',
    );
    expect(point.body).toMatchObject({ district: null, flags: ['outside_districts'] });
  });

  it('a point inside the district finds it and the nearest building', async () => {
    const point = await server
      .anonymous()
      .get<{ building: { id: number } | null; district: { name: string } | null }>(
        '/api/public/addresses/point?latitude=50.0003&longitude=36.2002',
      );
    expect(point.status).toBe(200);
    expect(point.body.building?.id).toBe(registry.buildingId);
    expect(point.body.district?.name).toBe('Шевченківський');
  });

  it.each([
    ['/api/v1/addresses/point?latitude=91&longitude=36'],
    ['/api/v1/addresses/point?latitude=50&longitude=-181'],
    ['/api/v1/addresses/point?latitude=abc&longitude=36'],
  ])('refuses coordinates out of range: %s', async (path) => {
    const res = await operator.get(path);
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ error: 'validation_failed' });
  });

  it('refuses an appeal with a latitude out of range, and an unknown building', async () => {
    const far = await operator.post(
      '/api/v1/appeals',
      appealBody(questionTypeId, { latitude: 95, longitude: 36 }),
    );
    expect(far.status).toBe(400);
    const unknown = await operator.post(
      '/api/v1/appeals',
      appealBody(questionTypeId, { buildingId: 999999 }),
    );
    expect(unknown.status).toBe(400);
    expect(unknown.body).toMatchObject({ error: 'unknown_building' });
  });
});

describe('the registry filters appeals by district, street and building', () => {
  it('finds the appeal placed on the building by each', async () => {
    const res = await operator.post<{ id: number }>(
      '/api/v1/appeals',
      appealBody(questionTypeId, { address: null, buildingId: registry.buildingId }),
    );
    for (const filter of [
      `districtId=${registry.districtId}`,
      `streetId=${registry.streetId}`,
      `buildingId=${registry.buildingId}`,
    ]) {
      const list = await operator.get<{ items: { id: number }[] }>(
        `/api/v1/appeals?${filter}&limit=100`,
      );
      expect(list.status).toBe(200);
      expect(list.body.items.map((a) => a.id)).toContain(res.body.id);
    }
    const none = await operator.get<{ items: unknown[] }>(`/api/v1/appeals?buildingId=999999`);
    expect(none.body.items).toEqual([]);
  });
});

describe('the registry search compares addresses by the normal form (item 3)', () => {
  it('finds an appeal by its building under any name and writing, and by the normal form', async () => {
    const placed = await operator.post<{ id: number }>(
      '/api/v1/appeals',
      appealBody(questionTypeId, { address: 'вул. Артема, 12а' }),
    );
    const unplaced = await operator.post<{ id: number }>(
      '/api/v1/appeals',
      appealBody(questionTypeId, { address: 'пров. Пошуковий Вигаданий, 5-Б' }),
    );
    const found = async (q: string) =>
      (
        await operator.get<{ items: { id: number }[] }>(
          `/api/v1/appeals?q=${encodeURIComponent(q)}&limit=100`,
        )
      ).body.items.map((a) => a.id);
    for (const q of ['Алчевських 12-А', 'вулиця Алчевських, буд. 12-A', 'Артема 12 а']) {
      expect(await found(q)).toContain(placed.body.id);
    }
    expect(await found('Алчевських 12-Б')).not.toContain(placed.body.id);
    for (const q of ['Пошуковий Вигаданий 5б', 'провулок Пошуковий Вигаданий, буд. 5 Б']) {
      expect(await found(q)).toContain(unplaced.body.id);
    }
    const count = await operator.get<{ count: number }>(
      `/api/v1/appeals/count?q=${encodeURIComponent('Артема 12 а')}`,
    );
    expect(count.body.count).toBeGreaterThanOrEqual(1);
  });
});

describe('the public list by the registry’s districts', () => {
  it('offers the registry’s districts and filters appeals by them', async () => {
    const res = await operator.post<{ id: number; number: string }>(
      '/api/v1/appeals',
      appealBody(questionTypeId, { address: null, buildingId: registry.buildingId }),
    );
    const anonymous = server.anonymous();
    const districts = await anonymous.get<{ id: number; name: string }[]>('/api/public/districts');
    expect(districts.body).toContainEqual(
      expect.objectContaining({ id: registry.districtId, name: 'Шевченківський' }),
    );
    const list = await anonymous.get<{
      items: { number: string; district: { name: string } | null }[];
    }>(`/api/public/appeals?districtId=${registry.districtId}&limit=100`);
    const item = list.body.items.find((a) => a.number === res.body.number);
    expect(item?.district?.name).toBe('Шевченківський');

    // The public map by the same district: the appeal at the building's point (item 7).
    type Map = {
      features: {
        geometry: { coordinates: [number, number] };
        properties: { number: string };
      }[];
    };
    const map = await anonymous.get<Map>(
      `/api/public/appeals/map?districtId=${registry.districtId}&limit=100`,
    );
    expect(map.status).toBe(200);
    const feature = map.body.features.find((f) => f.properties.number === res.body.number);
    expect(feature?.geometry.coordinates).toEqual([36.2, 50.0]);
    const elsewhere = await anonymous.get<Map>(
      `/api/public/appeals/map?districtId=${registry.districtId + 100000}&limit=100`,
    );
    expect(elsewhere.body.features.map((f) => f.properties.number)).not.toContain(res.body.number);
  });
});

describe('a district rule (item 5): a point in the district without a building', () => {
  it('routes by the district’s rule, and the card says so', async () => {
    const keeper = await server.signIn('administrator');
    const org = await server.ctx.deps.db
      .insertInto('organisations')
      .values({ name: 'Вигадана районна адміністрація', type: 'district_administration' })
      .returning('id')
      .executeTakeFirstOrThrow();
    const put = await keeper.request('PUT', '/api/v1/address-registry/routing-rules', {
      questionTypeId,
      districtId: registry.districtId,
      executorId: org.id,
      toMaintainer: false,
    });
    expect(put.status).toBe(204);
    const bad = await keeper.request('PUT', '/api/v1/address-registry/routing-rules', {
      questionTypeId,
      districtId: null,
      executorId: org.id,
      toMaintainer: false,
    });
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({ error: 'bad_rule' });

    // A point in the district, no building: the district's rule.
    const inDistrict = await operator.post<{ id: number }>(
      '/api/v1/appeals',
      appealBody(questionTypeId, { address: null, latitude: 50.0003, longitude: 36.2002 }),
    );
    expect(inDistrict.status).toBe(201);
    const card = await operator.get<Card>(`/api/v1/appeals/${inDistrict.body.id}`);
    expect(card.body.assignments[0]?.executor.id).toBe(org.id);
    expect(card.body.addressPlace).toMatchObject({
      buildingId: null,
      districtName: 'Шевченківський',
      routing: { rule: 'district' },
    });
    // The building's maintainer is more specific than the district.
    const atBuilding = await operator.post<{ id: number }>(
      '/api/v1/appeals',
      appealBody(questionTypeId, { address: null, buildingId: registry.buildingId }),
    );
    const built = await operator.get<Card>(`/api/v1/appeals/${atBuilding.body.id}`);
    expect(built.body.assignments[0]?.executor.id).toBe(registry.maintainerId);
    expect(built.body.addressPlace.routing).toMatchObject({ rule: 'maintainer' });
  });
});
