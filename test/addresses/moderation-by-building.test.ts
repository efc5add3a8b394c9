/**
 * Issue 15 in the moderation queue and the Open311 intake: a submission is placed on the building
 * its address names (by any of the street's names, `12а` = `12-А`), the moderator sees the appeals
 * already on that building (duplicates to merge, Art. 8 repeats of the same person), picks a
 * building with the registry picker when registering, and Open311 refuses a duplicate found by
 * building. Bad input on both channels: text that matches nothing is kept, a point in no district
 * is accepted, coordinates out of range are refused with 400. Each test builds its own registry.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addressRegistry, appealBody, uniqueWord } from '../factories.js';
import { type ApiClient, startTestServer, type TestServer } from '../http.js';
import { portalQuestionType } from '../portal/portal-helpers.js';

let server: TestServer;
let operator: ApiClient;
let moderator: ApiClient;
let apiKey: string;
let questionTypeId: number;

beforeAll(async () => {
  server = await startTestServer();
  operator = await server.signIn('operator');
  moderator = await server.signIn('moderator');
  const admin = await server.signIn('administrator');
  ({ questionTypeId } = await portalQuestionType(server.ctx.deps));
  const issued = await admin.post<{ apiKey: string }>('/api/v1/open311/api-keys', {
    name: 'Тестовий застосунок',
  });
  apiKey = issued.body.apiKey;
});
afterAll(() => server.close());

async function freshRegistry() {
  const current = `Тест${uniqueWord()}`;
  const former = `Тест${uniqueWord()}`;
  const registry = await addressRegistry(server.ctx.deps, questionTypeId, { current, former });
  return { ...registry, current, former };
}

type Submission = {
  id: number;
  building: { id: number; label: string } | null;
  sameBuilding: {
    id: number;
    number: string;
    sameQuestionType: boolean;
    sameApplicant: boolean;
    decidedOnMerits: boolean;
  }[];
};

async function submitFromPortal(body: Record<string, unknown>) {
  return server
    .anonymous()
    .post<{ trackingNumber: string; error?: string }>('/api/public/submissions', {
      questionTypeId,
      description: 'Тече дах над останнім поверхом',
      applicant: { name: 'Тестова Особа', phone: '067 123 45 67' },
      consent: true,
      ...body,
    });
}

async function pendingByTracking(trackingNumber: string): Promise<Submission> {
  const row = await server.ctx.deps.db
    .selectFrom('submissions')
    .select('id')
    .where('tracking_number', '=', trackingNumber)
    .executeTakeFirstOrThrow();
  const res = await moderator.get<Submission>(`/api/v1/submissions/${row.id}`);
  expect(res.status).toBe(200);
  return res.body;
}

const FORM = { 'content-type': 'application/x-www-form-urlencoded' };
const postOpen311 = (fields: Record<string, string>) =>
  server.anonymous().request<unknown>(
    'POST',
    '/open311/v2/requests.json',
    new URLSearchParams({
      api_key: apiKey,
      service_code: String(questionTypeId),
      first_name: 'Тест',
      last_name: 'Тестенко',
      phone: '067 765 43 21',
      ...fields,
    }).toString(),
    FORM,
  );

describe('moderation sees the building and its appeals', () => {
  it('places a portal text by the former name and lists the building’s appeals', async () => {
    const r = await freshRegistry();
    const earlier = await operator.post<{ id: number; number: string }>(
      '/api/v1/appeals',
      appealBody(questionTypeId, { address: `вул. ${r.current}, 12-А` }),
    );
    expect(earlier.status).toBe(201);
    const sent = await submitFromPortal({ address: `вулиця ${r.former} 12а` });
    expect(sent.status).toBe(201);
    const s = await pendingByTracking(sent.body.trackingNumber);
    expect(s.building).toEqual({ id: r.buildingId, label: `вулиця ${r.current}, 12-А` });
    expect(s.sameBuilding).toEqual([
      expect.objectContaining({
        id: earlier.body.id,
        number: earlier.body.number,
        sameQuestionType: true,
        sameApplicant: false,
      }),
    ]);
  });

  it('marks an Art. 8 repeat of the same person found by building', async () => {
    const r = await freshRegistry();
    const earlier = await operator.post<{ id: number }>(
      '/api/v1/appeals',
      appealBody(questionTypeId, {
        address: `${r.current} 12-A`,
        applicant: { fullName: 'Тестова Особа', phones: ['067 123 45 67'] },
      }),
    );
    expect(earlier.status).toBe(201);
    // Decided on the merits (the fixture closes it directly).
    await server.ctx.deps.db
      .updateTable('appeals')
      .set({ status: 'closed', result: 'done_confirmed', closed_at: new Date() })
      .where('id', '=', earlier.body.id)
      .execute();
    const sent = await submitFromPortal({
      address: `вулиця ${r.current}, 12-А`,
      buildingId: r.buildingId,
    });
    expect(sent.status).toBe(201);
    const s = await pendingByTracking(sent.body.trackingNumber);
    expect(s.sameBuilding[0]).toMatchObject({
      id: earlier.body.id,
      sameApplicant: true,
      decidedOnMerits: true,
    });
  });

  it('registers with the building the moderator picked; routed to its maintainer', async () => {
    const r = await freshRegistry();
    const sent = await submitFromPortal({ address: 'біля зупинки, дах тече' });
    const s = await pendingByTracking(sent.body.trackingNumber);
    expect(s.building).toBeNull();
    const res = await moderator.post<{ appeal: { id: number } }>(
      `/api/v1/submissions/${s.id}/register`,
      { address: `вулиця ${r.current}, 12-А`, buildingId: r.buildingId },
    );
    expect(res.status).toBe(201);
    const card = await operator.get<{
      addressPlace: { buildingId: number | null; flags: string[] };
      assignments: { executor: { id: number } }[];
    }>(`/api/v1/appeals/${res.body.appeal.id}`);
    expect(card.body.addressPlace).toMatchObject({ buildingId: r.buildingId, flags: [] });
    expect(card.body.assignments[0]?.executor.id).toBe(r.maintainerId);
  });

  it('refuses a building that does not exist', async () => {
    const sent = await submitFromPortal({ address: 'вул. Будь-яка, 1' });
    const s = await pendingByTracking(sent.body.trackingNumber);
    const res = await moderator.post(`/api/v1/submissions/${s.id}/register`, {
      buildingId: 99_999_999,
    });
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ error: 'unknown_building' });
  });
});

describe('Open311 intake by building', () => {
  it('places the request on the building and refuses the same one written another way', async () => {
    const r = await freshRegistry();
    const first = await postOpen311({
      address_string: `вул. ${r.current}, 12-А`,
      description: `Не працює ліфт, під'їзд 2 (${r.current})`,
    });
    expect(first.status).toBe(201);
    const stored = await server.ctx.deps.db
      .selectFrom('submissions')
      .select('building_id')
      .where('description', '=', `Не працює ліфт, під'їзд 2 (${r.current})`)
      .executeTakeFirstOrThrow();
    expect(stored.building_id).toBe(r.buildingId);
    const again = await postOpen311({
      address_string: `${r.former} 12а`,
      description: `Не працює ліфт, під'їзд 2 (${r.current})`,
    });
    expect(again.status).toBe(400);
    expect(JSON.stringify(again.body)).toContain('duplicate');
  });
});

describe('bad input on the portal and Open311', () => {
  it('keeps a portal address that matches nothing, without a building', async () => {
    const sent = await submitFromPortal({ address: 'двір за магазином «Вигаданий»' });
    expect(sent.status).toBe(201);
    const s = await pendingByTracking(sent.body.trackingNumber);
    expect(s).toMatchObject({ building: null, sameBuilding: [] });
  });

  it('accepts a point outside every district on both channels', async () => {
    const portal = await submitFromPortal({ address: null, latitude: 10.5, longitude: 10.5 });
    expect(portal.status).toBe(201);
    const open311 = await postOpen311({
      lat: '10.5',
      long: '10.6',
      description: 'Яма на дорозі поза містом',
    });
    expect(open311.status).toBe(201);
  });

  it.each([
    { latitude: 95, longitude: 36 },
    { latitude: 50, longitude: 181 },
  ])('the portal refuses coordinates out of range: %o', async (point) => {
    const res = await submitFromPortal({ address: null, ...point });
    expect(res.status).toBe(400);
  });

  it.each([
    { lat: '95', long: '36' },
    { lat: '50', long: '-200' },
  ])('Open311 refuses coordinates out of range: %o', async (point) => {
    const res = await postOpen311({ ...point, description: 'Яма на дорозі біля школи' });
    expect(res.status).toBe(400);
  });
});
