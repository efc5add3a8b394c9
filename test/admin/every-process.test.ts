/**
 * Administration on several app processes (issue 14, items 1 and 5): two app processes (each its
 * own Fastify and memory) on one database, as a city runs them behind a load balancer. A user
 * deactivated on one process gets 401 on the next request to the other, with their session and
 * with their API token; a setting changed on one process is what the other reads at once.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/server/app.js';
import { makeUser, TEST_PASSWORD } from '../factories.js';
import { ApiClient, startTestServer, type TestServer } from '../http.js';

let server: TestServer;
let secondBaseUrl: string;
let closeSecond: () => Promise<void>;

beforeAll(async () => {
  server = await startTestServer();
  const second = await buildApp(server.ctx.deps, {
    engine: server.ctx.database.engine,
    logger: false,
  });
  secondBaseUrl = await second.listen({ port: 0, host: '127.0.0.1' });
  closeSecond = () => second.close();
});
afterAll(async () => {
  await closeSecond();
  await server.close();
});

describe('on every process', () => {
  it('a user deactivated on one process gets 401 on the next request to the other (session and API token)', async () => {
    const admin = await server.signIn('administrator');
    const user = await makeUser(server.ctx.deps, 'controller');
    const other = new ApiClient(secondBaseUrl);
    expect(
      (await other.post('/api/v1/auth/login', { login: user.login, password: TEST_PASSWORD }))
        .status,
    ).toBe(200);
    const token = await other.post<{ token: string }>('/api/v1/api-tokens', { name: 'Скрипт' });
    expect(token.status).toBe(201);
    const bearer = { authorization: `Bearer ${token.body.token}` };
    const viaToken = new ApiClient(secondBaseUrl);
    expect((await other.get('/api/v1/auth/me')).status).toBe(200);
    expect((await viaToken.request('GET', '/api/v1/auth/me', undefined, bearer)).status).toBe(200);

    const res = await admin.post<{ sessionsEnded: number; tokensRevoked: number }>(
      `/api/v1/admin/users/${user.id}/deactivate`,
    );
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ sessionsEnded: 1, tokensRevoked: 1 });

    const session = await other.get('/api/v1/auth/me');
    expect([session.status, session.body.error]).toEqual([401, 'unauthenticated']);
    const api = await viaToken.request('GET', '/api/v1/auth/me', undefined, bearer);
    expect([api.status, api.body.error]).toEqual([401, 'invalid_token']);
    // Signing in again is refused while deactivated, on either process.
    const again = await new ApiClient(secondBaseUrl).post('/api/v1/auth/login', {
      login: user.login,
      password: TEST_PASSWORD,
    });
    expect(again.status).toBe(401);
  });

  it('a setting changed on one process is read by the other at its next request', async () => {
    const admin = await server.signIn('administrator');
    const other = new ApiClient(secondBaseUrl);
    const login = await makeUser(server.ctx.deps, 'administrator');
    expect(
      (await other.post('/api/v1/auth/login', { login: login.login, password: TEST_PASSWORD }))
        .status,
    ).toBe(200);
    const before = await other.get<{ key: string; value: unknown }[]>('/api/v1/admin/settings');
    const current = before.body.find((s) => s.key === 'due_soon_hours')?.value;
    const next = current === 36 ? 30 : 36;
    const put = await admin.request('PUT', '/api/v1/admin/settings/due_soon_hours', {
      value: next,
    });
    expect(put.status).toBe(200);
    const after = await other.get<{ key: string; value: unknown }[]>('/api/v1/admin/settings');
    expect(after.body.find((s) => s.key === 'due_soon_hours')?.value).toBe(next);
  });
});
