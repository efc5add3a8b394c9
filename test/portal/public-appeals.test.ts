/**
 * The public list, map and statistics over HTTP, with a planted applicant whose name, phone,
 * e-mail, residence and flat number must never appear; confidential appeals and consultations left
 * out; filters by question type, kind, status, district and box; keyset pages.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appealBody } from '../factories.js';
import { startTestServer, type ApiClient, type TestServer } from '../http.js';
import {
  districtExecutor,
  leaks,
  PLANTED,
  portalQuestionType,
  submissionBody,
  submit,
} from './portal-helpers.js';

let server: TestServer;
let citizen: ApiClient;
let moderator: ApiClient;
let operator: ApiClient;
let questionTypeId: number;
let district: { executorId: number; districtId: number; districtName: string };
let inDistrict: string;
let confidentialNumber: string;
let consultationNumber: string;
let phoneNumber: string;

type PublicAppeal = {
  number: string;
  status: string;
  address: string | null;
  location: { lat: number; lon: number } | null;
  district: { id: number; name: string } | null;
  executor: string | null;
  questionType: { id: number };
  kind: { id: number };
};
type Page = { items: PublicAppeal[]; nextCursor: string | null };

async function registerFromPortal(
  body: Record<string, unknown>,
  register: Record<string, unknown>,
) {
  const receipt = (await submit(citizen, body)).body;
  const queue = await moderator.get<{ items: { id: number; trackingNumber: string }[] }>(
    '/api/v1/submissions?limit=200',
  );
  const id = queue.body.items.find((s) => s.trackingNumber === receipt.trackingNumber)!.id;
  const res = await moderator.post<{ appeal: { number: string } }>(
    `/api/v1/submissions/${id}/register`,
    register,
  );
  expect(res.status).toBe(201);
  return res.body.appeal.number;
}

beforeAll(async () => {
  server = await startTestServer();
  citizen = server.anonymous();
  moderator = await server.signIn('moderator');
  operator = await server.signIn('operator');
  questionTypeId = (await portalQuestionType(server.ctx.deps)).questionTypeId;
  district = await districtExecutor(server.ctx.deps);
  inDistrict = await registerFromPortal(submissionBody(questionTypeId), {
    executorId: district.executorId,
  });
  confidentialNumber = await registerFromPortal(
    submissionBody(questionTypeId, {
      confidential: true,
      address: 'вул. Таємна, 1',
    }),
    {},
  );
  const phone = await operator.post<{ number: string }>(
    '/api/v1/appeals',
    appealBody(questionTypeId, {
      address: `вул. Хрещатик, 10, квартира 5`,
      applicant: { fullName: PLANTED.name, phones: [PLANTED.phone], email: PLANTED.email },
    }),
  );
  phoneNumber = phone.body.number;
  const consultation = await operator.post<{ number: string }>(
    '/api/v1/appeals',
    appealBody(questionTypeId, { kind: 'consultation' }),
  );
  consultationNumber = consultation.body.number;
});
afterAll(() => server.close());

describe('the public list', () => {
  it('shows appeals depersonalised: no name, phone, e-mail, residence or flat', async () => {
    const res = await citizen.get<Page>('/api/public/appeals?limit=200');
    expect(res.status).toBe(200);
    expect(leaks(JSON.stringify(res.body))).toEqual([]);
    const numbers = res.body.items.map((i) => i.number);
    expect(numbers).toContain(inDistrict);
    expect(numbers).toContain(phoneNumber);
    expect(numbers).not.toContain(confidentialNumber);
    expect(numbers).not.toContain(consultationNumber);
    const item = res.body.items.find((i) => i.number === inDistrict)!;
    expect(item).toMatchObject({
      status: 'registered',
      address: 'вул. Січових Стрільців, 12',
      location: { lat: 50.4531, lon: 30.5012 },
      district: { id: district.districtId, name: district.districtName },
    });
    expect(item.executor).toBeTruthy();
    expect(Object.keys(item)).not.toContain('description');
    expect(res.body.items.find((i) => i.number === phoneNumber)!.address).toBe('вул. Хрещатик, 10');
  });

  it('filters by district, status, question type, kind and box', async () => {
    const byDistrict = await citizen.get<Page>(
      `/api/public/appeals?districtId=${district.districtId}`,
    );
    expect(byDistrict.body.items.map((i) => i.number)).toEqual([inDistrict]);
    // The status filter checked both ways: 'registered' returns ours (a non-empty list, all
    // registered) and leaves out one closed here; 'closed' returns that one and leaves ours out.
    const toClose = await operator.post<{ id: number; number: string }>(
      '/api/v1/appeals',
      appealBody(questionTypeId, { address: 'вул. Хрещатик, 12' }),
    );
    expect(toClose.status).toBe(201);
    const cancelled = await operator.post(`/api/v1/appeals/${toClose.body.id}/cancel`, {
      comment: 'Заявник відкликав',
    });
    expect(cancelled.body).toMatchObject({ status: 'closed' });
    const registered = await citizen.get<Page>('/api/public/appeals?status=registered&limit=200');
    expect(registered.body.items.map((i) => i.number)).toEqual(
      expect.arrayContaining([inDistrict, phoneNumber]),
    );
    expect(registered.body.items.every((i) => i.status === 'registered')).toBe(true);
    expect(registered.body.items.map((i) => i.number)).not.toContain(toClose.body.number);
    const closed = await citizen.get<Page>('/api/public/appeals?status=closed&limit=200');
    expect(closed.body.items.map((i) => i.number)).toContain(toClose.body.number);
    expect(closed.body.items.map((i) => i.number)).not.toContain(inDistrict);
    expect(closed.body.items.map((i) => i.number)).not.toContain(phoneNumber);
    expect(closed.body.items.every((i) => i.status === 'closed')).toBe(true);
    const byType = await citizen.get<Page>(`/api/public/appeals?questionTypeId=${questionTypeId}`);
    expect(byType.body.items.length).toBeGreaterThanOrEqual(2);
    expect(byType.body.items.every((i) => i.questionType.id === questionTypeId)).toBe(true);
    const kindId = byType.body.items[0]!.kind.id;
    const byKind = await citizen.get<Page>(`/api/public/appeals?kindId=${kindId}&limit=200`);
    expect(byKind.body.items.map((i) => i.number)).toContain(byType.body.items[0]!.number);
    expect(byKind.body.items.every((i) => i.kind.id === kindId)).toBe(true);
    const box = await citizen.get<Page>('/api/public/appeals?bbox=30.5,50.45,30.51,50.46');
    expect(box.body.items.map((i) => i.number)).toEqual([inDistrict]);
    const emptyBox = await citizen.get<Page>('/api/public/appeals?bbox=0,0,1,1');
    expect(emptyBox.body.items).toEqual([]);
  });

  it('walks keyset pages without repeats or gaps', async () => {
    const all = (await citizen.get<Page>('/api/public/appeals?limit=200')).body.items.map(
      (i) => i.number,
    );
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const res: { body: Page } = await citizen.get<Page>(
        `/api/public/appeals?limit=1${cursor ? `&cursor=${cursor}` : ''}`,
      );
      seen.push(...res.body.items.map((i) => i.number));
      cursor = res.body.nextCursor;
    } while (cursor);
    expect(seen).toEqual(all);
  });

  it('answers 400, never 500, for bad filters', async () => {
    for (const query of [
      'cursor=not-a-cursor',
      'status=lost',
      'limit=0',
      'bbox=1,2,3',
      'bbox=10,10,0,0',
      'districtId=abc',
    ]) {
      const res = await citizen.get(`/api/public/appeals?${query}`);
      expect(res.status, query).toBe(400);
    }
  });

  it('lists the districts', async () => {
    const res = await citizen.get<{ id: number; name: string }[]>('/api/public/districts');
    expect(res.body.map((d) => d.id)).toContain(district.districtId);
    expect(res.body.length).toBe(10);
  });
});

describe('the map', () => {
  it('gives GeoJSON points [lon, lat] of the same appeals, depersonalised', async () => {
    const res = await citizen.get<{
      type: string;
      features: { geometry: { coordinates: number[] }; properties: { number: string } }[];
    }>('/api/public/appeals/map');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('application/geo+json');
    expect(res.body.type).toBe('FeatureCollection');
    const feature = res.body.features.find((f) => f.properties.number === inDistrict)!;
    expect(feature.geometry.coordinates).toEqual([30.5012, 50.4531]);
    expect(res.body.features.map((f) => f.properties.number)).not.toContain(confidentialNumber);
    expect(res.body.features.map((f) => f.properties.number)).not.toContain(phoneNumber); // no point
    expect(leaks(JSON.stringify(res.body))).toEqual([]);
  });
});

describe('statistics', () => {
  it('counts appeals by question type, status and month', async () => {
    const res = await citizen.get<{
      total: number;
      byQuestionType: { questionType: { id: number }; count: number }[];
      byStatus: { status: string; count: number }[];
      byMonth: { month: string; count: number }[];
    }>('/api/public/statistics');
    expect(res.status).toBe(200);
    expect(res.body.byMonth).toHaveLength(12);
    const total = res.body.byMonth.reduce((s, m) => s + m.count, 0);
    expect(res.body.total).toBe(total);
    expect(total).toBeGreaterThanOrEqual(4);
    expect(res.body.byStatus.map((s) => s.status)).toEqual([
      'registered',
      'in_work',
      'on_check',
      'rework',
      'closed',
    ]);
    expect(res.body.byStatus.reduce((s, m) => s + m.count, 0)).toBe(total);
    expect(
      res.body.byQuestionType.find((q) => q.questionType.id === questionTypeId)!.count,
    ).toBeGreaterThanOrEqual(4);
  });

  it('takes a period and refuses a reversed or malformed one', async () => {
    const res = await citizen.get<{ byMonth: unknown[] }>(
      '/api/public/statistics?from=2025-01&to=2025-03',
    );
    expect(res.body.byMonth).toEqual([
      { month: '2025-01', count: 0 },
      { month: '2025-02', count: 0 },
      { month: '2025-03', count: 0 },
    ]);
    expect((await citizen.get('/api/public/statistics?from=2025-05&to=2025-01')).status).toBe(400);
    expect((await citizen.get('/api/public/statistics?from=2025-13')).status).toBe(400);
  });
});
