/**
 * The head's map of today's appeals by district (issue 18 item 4):
 * `GET /api/v1/monitoring/today-by-district` on hand-made live counts — since the city's midnight
 * only, consultations aside, districts and their question types most first, the appeals in no
 * known district apart — and an appeal registered through the API counted at once.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TodayByDistrictView } from '../../src/contract/monitoring.schemas.js';
import type { AppealKind } from '../../src/domain/vocabulary.js';
import { appealBody, routedQuestionType } from '../factories.js';
import { startTestServer, type TestServer } from '../http.js';

// 10:30 in Kyiv (UTC+2) on 20 January 2027: the city's day began at 19 Jan 22:00 UTC.
const NOW = new Date('2027-01-20T08:30:00Z');
let server: TestServer;
let typeA: number;
let typeB: number;
let north: number;
let south: number;

beforeAll(async () => {
  server = await startTestServer();
  const deps = server.ctx.deps;
  server.ctx.setNow(NOW);
  ({ questionTypeId: typeA } = await routedQuestionType(deps, 0));
  ({ questionTypeId: typeB } = await routedQuestionType(deps, 1));
  const districts = await deps.db
    .insertInto('districts')
    .values([
      { city: 'Тестове', name: 'Північний', name_en: 'Northern', source_key: 'test-north' },
      { city: 'Тестове', name: 'Південний', name_en: null, source_key: 'test-south' },
    ])
    .returning('id')
    .execute();
  [north, south] = districts.map((d) => d.id) as [number, number];
  const row = (
    hour: string,
    type: number,
    kind: AppealKind,
    district: number,
    appeals: number,
  ) => ({
    hour: new Date(hour),
    question_type_id: type,
    kind,
    district_id: district,
    appeals,
  });
  await deps.db
    .insertInto('appeal_hour_counts')
    .values([
      row('2027-01-19T21:00:00Z', typeA, 'application', north, 50), // 23:00 yesterday: not today
      row('2027-01-19T22:00:00Z', typeA, 'application', north, 3), // 00:00 today
      row('2027-01-20T07:00:00Z', typeA, 'complaint', north, 2),
      row('2027-01-20T07:00:00Z', typeB, 'application', north, 4),
      row('2027-01-20T08:00:00Z', typeB, 'application', south, 1),
      row('2027-01-20T08:00:00Z', typeB, 'consultation', south, 9), // consultations aside
      row('2027-01-20T06:00:00Z', typeA, 'application', 0, 2), // no known district
    ])
    .execute();
});
afterAll(async () => {
  await server?.close();
});

describe('GET /api/v1/monitoring/today-by-district', () => {
  it('sums the city day’s appeals per district and question type, most first', async () => {
    server.ctx.setNow(NOW);
    const head = await server.signIn('supervisor');
    const res = await head.get<TodayByDistrictView>('/api/v1/monitoring/today-by-district');
    expect(res.status).toBe(200);
    expect(res.body.since).toBe('2027-01-19T22:00:00.000Z');
    expect(
      res.body.districts.map((d) => [d.districtId, d.district, d.appeals, d.byType, d.outlined]),
    ).toEqual([
      [
        north,
        'Північний',
        9,
        [
          { questionTypeId: typeA, appeals: 5 },
          { questionTypeId: typeB, appeals: 4 },
        ],
        false,
      ],
      [null, null, 2, [{ questionTypeId: typeA, appeals: 2 }], false],
      [south, 'Південний', 1, [{ questionTypeId: typeB, appeals: 1 }], false],
    ]);
    expect(res.body.districts[0]!.districtEn).toBe('Northern');
    expect(res.body.questionTypes.map((q) => [q.questionTypeId, q.appeals])).toEqual([
      [typeA, 7],
      [typeB, 5],
    ]);
  });

  it('counts an appeal as it is registered (the live counts, no scan of appeals)', async () => {
    // The next day: the other tests read the 20th's counts, in any order.
    server.ctx.setNow(new Date('2027-01-21T09:00:00Z'));
    const operator = await server.signIn('operator');
    const head = await server.signIn('supervisor');
    const before = await head.get<TodayByDistrictView>('/api/v1/monitoring/today-by-district');
    const registered = await operator.post('/api/v1/appeals', appealBody(typeB));
    expect(registered.status).toBe(201);
    const after = await head.get<TodayByDistrictView>('/api/v1/monitoring/today-by-district');
    const typeBTotal = (v: TodayByDistrictView) =>
      v.questionTypes.find((q) => q.questionTypeId === typeB)?.appeals ?? 0;
    expect(typeBTotal(after.body)).toBe(typeBTotal(before.body) + 1);
  });

  it('is for monitoring.read only', async () => {
    const operator = await server.signIn('operator');
    expect((await operator.get('/api/v1/monitoring/today-by-district')).status).toBe(403);
    expect((await server.anonymous().get('/api/v1/monitoring/today-by-district')).status).toBe(401);
  });
});
