/**
 * Faults a user can send (issue 11, items 7, 8, 17, 18): Open311 dates and coordinates, a staff
 * receivedAt in the future, a duplicate without its original, and the CSV formula guard.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { neutraliseFormula } from '../../src/server/appeals/appeals-export.js';
import { appealBody } from '../factories.js';
import { type ApiClient, startOperatorServer, type TestServer } from '../http.js';

let server: TestServer;
let operator: ApiClient;
let questionTypeId: number;

beforeAll(async () => {
  ({ server, operator, questionTypeId } = await startOperatorServer());
});
afterAll(() => server.close());

describe('Open311 dates and coordinates', () => {
  it.each(['12.01.2026', '1', '2026-02-30T00:00:00Z', '2026-02-30', 'tomorrow'])(
    'start_date=%s → 400',
    async (value) => {
      const res = await fetch(
        `${server.baseUrl}/open311/v2/requests.json?start_date=${encodeURIComponent(value)}`,
      );
      expect(res.status).toBe(400);
    },
  );
  it.each(['2026-01-12T10:00:00+02:00', '2026-01-12T10:00:00Z', '2026-01-12', '2026-01-12T10:00'])(
    'start_date=%s → 200',
    async (value) => {
      const res = await fetch(
        `${server.baseUrl}/open311/v2/requests.json?start_date=${encodeURIComponent(value)}`,
      );
      expect(res.status).toBe(200);
    },
  );
  it.each(['0x32', '5e1', '50,45', 'Infinity'])('lat=%s → 400', async (lat) => {
    const res = await fetch(`${server.baseUrl}/open311/v2/requests.json`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        api_key: 'whatever',
        service_code: String(questionTypeId),
        lat,
        long: '30.5',
        description: 'Перевірка координат',
      }).toString(),
    });
    expect(res.status).toBe(400);
    expect(await res.text()).toMatch(/decimal degrees|lat/);
  });
});

describe('staff registration', () => {
  it('refuses a receivedAt in the future (beyond a minute) with 400, not a new year', async () => {
    const res = await operator.post(
      '/api/v1/appeals',
      appealBody(questionTypeId, { receivedAt: '2099-01-01T10:00:00+02:00' }),
    );
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ error: 'received_in_future' });
    const counters = await server.ctx.deps.db
      .selectFrom('registration_counters')
      .select('year')
      .where('year', '=', 2099)
      .execute();
    expect(counters).toEqual([]);
  });
  it('refuses a receivedAt before the years served', async () => {
    const res = await operator.post(
      '/api/v1/appeals',
      appealBody(questionTypeId, { receivedAt: '1970-01-01T00:00:00Z' }),
    );
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ error: 'received_out_of_range' });
  });

  it.each(['duplicate', 'multiple'])('refuses a %s appeal without its original', async (sign) => {
    const res = await operator.post(
      '/api/v1/appeals',
      appealBody(questionTypeId, { receiptSign: sign }),
    );
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({
      error: 'validation_failed',
      details: [{ path: 'body/originalAppealId' }],
    });
  });
  it('takes a duplicate naming an existing original and records it', async () => {
    const first = await operator.post<{ id: number; number: string }>(
      '/api/v1/appeals',
      appealBody(questionTypeId),
    );
    const unknown = await operator.post(
      '/api/v1/appeals',
      appealBody(questionTypeId, { receiptSign: 'duplicate', originalAppealId: 999_999 }),
    );
    expect(unknown.body).toMatchObject({ error: 'unknown_original_appeal' });
    const dup = await operator.post<{ id: number }>(
      '/api/v1/appeals',
      appealBody(questionTypeId, { receiptSign: 'duplicate', originalAppealId: first.body.id }),
    );
    expect(dup.status).toBe(201);
    const event = await server.ctx.deps.db
      .selectFrom('appeal_events')
      .select('data')
      .where('appeal_id', '=', dup.body.id)
      .where('type', '=', 'registered')
      .executeTakeFirstOrThrow();
    expect(event.data).toMatchObject({
      originalAppealId: first.body.id,
      originalNumber: first.body.number,
    });
  });
});

describe('CSV formula guard', () => {
  it.each([
    ['+380 67 111 22 33', '+380 67 111 22 33'],
    ['+380671112233', '+380671112233'],
    ['+38 (067) 111-22-33', '+38 (067) 111-22-33'],
    ['+SUM(A1)', "'+SUM(A1)"],
    ['+1+cmd', "'+1+cmd"],
    ['=HYPERLINK("x")', `'=HYPERLINK("x")`],
    ['-2+3', "'-2+3"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['\tx', "'\tx"],
    [';=1+1', "';=1+1"],
    [',=1+1', "',=1+1"],
    [';+A1', "';+A1"],
    ['вул. Хрещатик, 1', 'вул. Хрещатик, 1'],
    ['; просто текст', '; просто текст'],
  ])('%j → %j', (cell, out) => {
    expect(neutraliseFormula(cell)).toBe(out);
  });
});
