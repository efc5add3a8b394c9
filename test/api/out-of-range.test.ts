/**
 * Ids beyond PostgreSQL's integer (2147483647) are a client's mistake: 400 with a stable code,
 * never a 500 — wherever they arrive (query, path, body; staff API, public API, Open311).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type ApiClient, type TestServer } from '../http.js';
import { portalQuestionType, submissionBody, submit } from '../portal/portal-helpers.js';

let server: TestServer;
let anonymous: ApiClient;
let moderator: ApiClient;
const HUGE = 2147483648;

beforeAll(async () => {
  server = await startTestServer();
  anonymous = server.anonymous();
  moderator = await server.signIn('moderator');
});
afterAll(() => server.close());

describe('ids out of the integer range', () => {
  it.each([
    `/api/public/appeals?districtId=${HUGE}`,
    `/api/public/appeals?questionTypeId=${HUGE}`,
    `/api/public/appeals/map?kindId=99999999999`,
  ])('GET %s → 400', async (path) => {
    const res = await anonymous.get<{ error: string }>(path);
    expect(res.status).toBe(400);
    expect(res.body.error).toBe('value_out_of_range');
  });

  it('a staff path id → 400', async () => {
    const res = await moderator.get<{ error: string }>(`/api/v1/submissions/${HUGE}`);
    expect(res.status).toBe(400);
  });

  it('a body id → 400', async () => {
    // A submission that exists, so the only thing wrong is the body's appeal id.
    const { questionTypeId } = await portalQuestionType(server.ctx.deps);
    const receipt = (await submit(anonymous, submissionBody(questionTypeId))).body;
    const row = await server.ctx.deps.db
      .selectFrom('submissions')
      .select('id')
      .where('tracking_number', '=', receipt.trackingNumber)
      .executeTakeFirstOrThrow();
    const res = await moderator.post<{ error: string }>(`/api/v1/submissions/${row.id}/merge`, {
      appealId: HUGE,
      receiptSign: 'multiple',
    });
    // The id is refused by its range before submission 1 is looked up: 400, not 404.
    expect(res.status).toBe(400);
    expect(res.body.error).toBe('value_out_of_range');
  });

  // Open311's service_request_id is a registration number (an opaque string), not a database id:
  // a huge number is simply one that was never issued, so 404, never 500.
  it('Open311: a huge service_request_id → 404 in the standard shape', async () => {
    const res = await fetch(`${server.baseUrl}/open311/v2/requests/${HUGE}9.json`);
    expect(res.status).toBe(404);
    const body = (await res.json()) as { code: number }[];
    expect(body).toHaveLength(1);
    expect(body[0]!.code).toBe(404);
  });
});
