/**
 * Per-client-address limits on the public routes that send e-mail or take access codes: past the
 * limit a client gets 429 `too_many_requests` with Retry-After, other clients and other routes are
 * not affected, and nothing is stored for a refused request.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/server/app.js';
import { purgeRateLimitHits } from '../../src/server/http/rate-limit-store.js';
import { startTestServer, type TestServer } from '../http.js';
import { portalQuestionType, submissionBody } from './portal-helpers.js';

let server: TestServer;
let questionTypeId: number;

beforeAll(async () => {
  server = await startTestServer({
    trustProxy: true, // so each test client can be a different address (X-Forwarded-For)
    publicLimits: { submissionsPerHour: 3, trackingPerMinute: 5 },
  });
  questionTypeId = (await portalQuestionType(server.ctx.deps)).questionTypeId;
});
afterAll(() => server.close());

const post = (path: string, body: unknown, client: string, baseUrl = server.baseUrl) =>
  fetch(`${baseUrl}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-forwarded-for': client },
    body: JSON.stringify(body),
  });

/** How many wrong codes lock a tracking number for one address (the setting each test relies on). */
async function setMaxFailures(n: number): Promise<void> {
  await server.ctx.deps.db
    .updateTable('settings')
    .set({ value: String(n) })
    .where('key', '=', 'tracking_max_failures')
    .execute();
}

async function submissions(): Promise<number> {
  const row = await server.ctx.deps.db
    .selectFrom('submissions')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

describe('public limits per client address', () => {
  it('a fourth submission in the hour is refused with 429 and stores nothing', async () => {
    for (let i = 0; i < 3; i += 1) {
      const res = await post(
        '/api/public/submissions',
        submissionBody(questionTypeId),
        '203.0.113.7',
      );
      expect(res.status).toBe(201);
    }
    const before = await submissions();
    const refused = await post(
      '/api/public/submissions',
      submissionBody(questionTypeId),
      '203.0.113.7',
    );
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(((await refused.json()) as { error: string }).error).toBe('too_many_requests');
    expect(await submissions()).toBe(before);

    // Another address is not affected.
    const other = await post(
      '/api/public/submissions',
      submissionBody(questionTypeId),
      '203.0.113.8',
    );
    expect(other.status).toBe(201);
  });

  it('tracking is limited per minute, apart from submitting', async () => {
    await setMaxFailures(100);
    const statuses: number[] = [];
    for (let i = 0; i < 6; i += 1) {
      const res = await post(
        '/api/public/tracking',
        { number: 'P-2026-999999', accessCode: `WRONG-${i}` },
        '198.51.100.9',
      );
      statuses.push(res.status);
    }
    expect(statuses).toEqual([404, 404, 404, 404, 404, 429]);
  });

  it('the lock on wrong codes is per address: a stranger cannot lock a citizen out', async () => {
    await setMaxFailures(3);
    const receiptRes = await post(
      '/api/public/submissions',
      submissionBody(questionTypeId),
      '192.0.2.10',
    );
    const receipt = (await receiptRes.json()) as { trackingNumber: string; accessCode: string };
    for (let i = 0; i < 4; i += 1) {
      await post(
        '/api/public/tracking',
        { number: receipt.trackingNumber, accessCode: `WRONG-${i}` },
        '192.0.2.66',
      );
    }
    const stranger = await post(
      '/api/public/tracking',
      { number: receipt.trackingNumber, accessCode: receipt.accessCode },
      '192.0.2.66',
    );
    // Locked for the guesser, right code or not (the lock, not the per-minute limit).
    expect(stranger.status).toBe(429);
    expect(((await stranger.json()) as { error: string }).error).toBe('too_many_attempts');
    const citizen = await post(
      '/api/public/tracking',
      { number: receipt.trackingNumber, accessCode: receipt.accessCode },
      '192.0.2.10',
    );
    expect(citizen.status).toBe(200);
  });

  it('two app processes on one database share the limit (issue 21)', async () => {
    // A second app on the same database, as a second node behind a balancer would be.
    const nodeB = await buildApp(server.ctx.deps, {
      engine: server.ctx.database.engine,
      logger: false,
    });
    const baseB = await nodeB.listen({ port: 0, host: '127.0.0.1' });
    try {
      const nodes = [server.baseUrl, baseB, server.baseUrl];
      for (const node of nodes) {
        const res = await post(
          '/api/public/submissions',
          submissionBody(questionTypeId),
          '203.0.113.41',
          node,
        );
        expect(res.status).toBe(201);
      }
      // The fourth in the hour is refused by the node that has not seen this client yet as well.
      const refused = await post(
        '/api/public/submissions',
        submissionBody(questionTypeId),
        '203.0.113.41',
        baseB,
      );
      expect(refused.status).toBe(429);
      expect(((await refused.json()) as { error: string }).error).toBe('too_many_requests');
    } finally {
      await nodeB.close();
    }
  });

  it('expired counters are purged an hour after their window ends', async () => {
    const at = server.ctx.deps.now();
    const hour = 60 * 60_000;
    await server.ctx.deps.db
      .insertInto('rate_limit_hits')
      .values([
        { key: 'test purge old', hits: 3, window_ends_at: new Date(at.getTime() - hour - 1000) },
        { key: 'test purge recent', hits: 3, window_ends_at: new Date(at.getTime() - 1000) },
      ])
      .execute();
    expect(await purgeRateLimitHits(server.ctx.deps.db, at)).toBeGreaterThanOrEqual(1);
    const left = await server.ctx.deps.db
      .selectFrom('rate_limit_hits')
      .select('key')
      .where('key', 'like', 'test purge %')
      .execute();
    expect(left.map((r) => r.key)).toEqual(['test purge recent']);
  });
});
