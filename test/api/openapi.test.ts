/**
 * The service describes itself: health, the OpenAPI document with the lifecycle's operations,
 * the interactive docs; registration numbers stay unique under concurrent registrations.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appealBody, routedQuestionType } from '../factories.js';
import { startTestServer, type TestServer } from '../http.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

describe('self-description', () => {
  it('answers /api/health with the engine and version', async () => {
    const res = await server.anonymous().get('/api/health');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      status: 'ok',
      database: { engine: process.env.DATABASE_URL ? 'postgres' : 'pglite', reachable: true },
    });
  });

  it('lists the appeal, assignment and review operations in the OpenAPI document', async () => {
    const res = await server
      .anonymous()
      .get<{ openapi: string; paths: Record<string, Record<string, { operationId?: string }>> }>(
        '/api/openapi.json',
      );
    expect(res.status).toBe(200);
    expect(res.body.openapi).toMatch(/^3\./);
    const operations = Object.values(res.body.paths).flatMap((methods) =>
      Object.values(methods).map((op) => op.operationId),
    );
    expect(operations).toEqual(
      expect.arrayContaining([
        'registerAppeal',
        'listAppeals',
        'getAppeal',
        'assignExecutor',
        'acceptAssignment',
        'respondToAppeal',
        'returnNotInCompetence',
        'reviewAppeal',
        'cancelAppeal',
        'uploadAttachment',
      ]),
    );
  });

  it('serves the interactive docs', async () => {
    const res = await fetch(`${server.baseUrl}/api/docs/`);
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('swagger');
  });
});

describe('registration numbers', () => {
  it('are unique and without gaps under 20 concurrent registrations', async () => {
    // A year of its own, ahead of the real clock: the clock moves there too (a future receivedAt is refused).
    server.ctx.setNow(new Date('2031-06-01T00:00:00Z'));
    const operator = await server.signIn('operator');
    const { questionTypeId } = await routedQuestionType(server.ctx.deps);
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        operator.post<{ number: string }>(
          '/api/v1/appeals',
          appealBody(questionTypeId, {
            receivedAt: '2031-05-05T10:00:00+03:00',
            description: `Паралельне ${i}`,
          }),
        ),
      ),
    );
    expect(results.map((r) => r.status)).toEqual(Array(20).fill(201));
    const numbers = results.map((r) => r.body.number).sort();
    expect(numbers).toEqual(
      Array.from({ length: 20 }, (_, i) => `2031-${String(i + 1).padStart(6, '0')}`),
    );
  });
});
