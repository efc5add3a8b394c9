/**
 * The database going away (issue 11, item 12): every route — staff API with a session cookie,
 * public, Open311, health — answers 503 `service_unavailable` with Retry-After, never 500, and the
 * health answer does not echo the driver's message. On a server the test's own database stops
 * taking connections and its sessions are ended; on the embedded engine the engine is closed.
 */
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiClient, startTestServer, type TestServer } from '../http.js';
import { adminUrl } from '../pg-urls.js';

let server: TestServer;
let operator: ApiClient;

async function stopDatabase(): Promise<void> {
  const url = server.ctx.databaseUrl;
  if (!url) {
    await server.ctx.database.close();
    return;
  }
  const name = new URL(url).pathname.slice(1);
  const admin = new pg.Client({ connectionString: adminUrl(process.env.DATABASE_URL!) });
  await admin.connect();
  await admin.query(`ALTER DATABASE ${name} ALLOW_CONNECTIONS false`);
  await admin.query(
    'SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()',
    [name],
  );
  await admin.end();
}

beforeAll(async () => {
  server = await startTestServer();
  operator = await server.signIn('operator');
  await stopDatabase();
});
afterAll(async () => {
  await server.app.close();
  await server.ctx.close().catch(() => {});
});

describe('with the database gone', () => {
  it.each([
    ['GET', '/api/v1/appeals'],
    ['GET', '/api/v1/auth/me'],
    ['POST', '/api/v1/appeals'],
    ['GET', '/api/v1/dashboard'],
  ])('%s %s with a session cookie → 503 service_unavailable', async (method, path) => {
    const res = await operator.request(method, path, method === 'POST' ? { x: 1 } : undefined);
    expect(res.status).toBe(503);
    expect(res.body).toMatchObject({ error: 'service_unavailable' });
    expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
  });

  it.each(['/api/public/question-types', '/api/public/appeals', '/api/public/statistics'])(
    'public GET %s → 503',
    async (path) => {
      const res = await server.anonymous().get(path);
      expect(res.status).toBe(503);
      expect(res.headers.get('retry-after')).toMatch(/^\d+$/);
    },
  );

  it('sign-in → 503, not 500', async () => {
    const res = await server.anonymous().post('/api/v1/auth/login', { login: 'a', password: 'b' });
    expect(res.status).toBe(503);
  });

  it('Open311 → 503 in its own format', async () => {
    const res = await fetch(`${server.baseUrl}/open311/v2/requests.json`);
    expect(res.status).toBe(503);
    expect(res.headers.get('retry-after')).toMatch(/^\d+$/);
    const body = (await res.json()) as { code: number; description: string }[];
    expect(body.map((e) => e.code)).toEqual([503]);
  });

  it('health says unavailable without the driver’s message', async () => {
    const res = await server.anonymous().get('/api/health');
    expect(res.status).toBe(503);
    expect(res.body).toMatchObject({
      status: 'unavailable',
      message: 'The database cannot be reached.',
    });
    expect(JSON.stringify(res.body)).not.toMatch(/terminat|ECONN|kontakt_t_|PGlite|postgres/i);
  });
});
