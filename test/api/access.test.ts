/**
 * Authorisation: an executor sees and acts only on its organisation's appeals (another's is 404),
 * each role can do only its steps (403), and nothing works without signing in (401).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appealBody, otherOrganisation, routedQuestionType } from '../factories.js';
import { type ApiClient, startTestServer, type TestServer } from '../http.js';

let server: TestServer;
let operator: ApiClient;
let executorA: ApiClient;
let executorB: ApiClient;
let appealOfA: number;

beforeAll(async () => {
  server = await startTestServer();
  const routed = await routedQuestionType(server.ctx.deps);
  const orgB = await otherOrganisation(server.ctx.deps, routed.executorId);
  operator = await server.signIn('operator');
  executorA = await server.signIn('executor', routed.executorId);
  executorB = await server.signIn('executor', orgB);
  const res = await operator.post<{ id: number }>(
    '/api/v1/appeals',
    appealBody(routed.questionTypeId),
  );
  appealOfA = res.body.id;
});
afterAll(() => server.close());

describe('an executor of organisation B', () => {
  it.each([
    ['GET', ''],
    ['POST', '/accept'],
    ['POST', '/responses'],
    ['POST', '/not-in-competence'],
  ])('gets 404 for %s an appeal of organisation A%s', async (method, suffix) => {
    const body = suffix === '/responses' ? { text: 'x' } : suffix ? { comment: 'x' } : undefined;
    const res = await executorB.request(method, `/api/v1/appeals/${appealOfA}${suffix}`, body);
    expect(res.status).toBe(404);
    expect(res.body).toMatchObject({ error: 'appeal_not_found' });
  });

  it('does not see it in the registry', async () => {
    const res = await executorB.get<{ items: { id: number }[] }>('/api/v1/appeals');
    expect(res.body.items.map((a) => a.id)).not.toContain(appealOfA);
    const own = await executorA.get<{ items: { id: number }[] }>('/api/v1/appeals');
    expect(own.body.items.map((a) => a.id)).toContain(appealOfA);
  });
});

describe('role gates', () => {
  it('an executor gets 403 for a controller’s step', async () => {
    const res = await executorA.post(`/api/v1/appeals/${appealOfA}/review`, {
      decision: 'rework',
      comment: 'x',
    });
    expect(res.status).toBe(403);
    expect(res.body).toMatchObject({ error: 'forbidden' });
  });

  it.each([
    ['executor', 'POST', '/api/v1/appeals'],
    ['analyst', 'POST', '/api/v1/appeals'],
    ['operator', 'POST', '/api/v1/appeals/1/review'],
    ['operator', 'POST', '/api/v1/appeals/1/accept'],
    ['controller', 'POST', '/api/v1/appeals/1/responses'],
    ['operator', 'POST', '/api/v1/users'],
    ['supervisor', 'POST', '/api/v1/question-types'],
  ] as const)('%s gets 403 for %s %s', async (role, method, path) => {
    const client = await server.signIn(role, role === 'executor' ? 1 : undefined);
    const res = await client.request(method, path, {});
    expect(res.status).toBe(403);
  });

  it('an analyst sees appeals without the applicant’s personal data', async () => {
    const analyst = await server.signIn('analyst');
    const res = await analyst.get<{ applicant: unknown; description: string }>(
      `/api/v1/appeals/${appealOfA}`,
    );
    expect(res.status).toBe(200);
    expect(res.body.applicant).toBeNull();
  });

  it('an executor sees the contact needed for the work, not the social data', async () => {
    const res = await executorA.get<{ applicant: Record<string, unknown> }>(
      `/api/v1/appeals/${appealOfA}`,
    );
    expect(Object.keys(res.body.applicant).sort()).toEqual(['address', 'fullName', 'id', 'phones']);
  });
});

describe('authentication', () => {
  it('answers 401 without a session', async () => {
    const res = await server.anonymous().get('/api/v1/appeals');
    expect(res.status).toBe(401);
    expect(res.body).toMatchObject({ error: 'unauthenticated' });
  });

  it('refuses a wrong password with 401', async () => {
    const res = await server
      .anonymous()
      .post('/api/v1/auth/login', { login: 'nobody', password: 'wrong-password' });
    expect(res.status).toBe(401);
    expect(res.body).toMatchObject({ error: 'invalid_credentials' });
  });

  it('sets an httpOnly session cookie and logs out', async () => {
    const client = await server.signIn('operator');
    expect((await client.get('/api/v1/auth/me')).status).toBe(200);
    await client.post('/api/v1/auth/logout');
    expect((await client.get('/api/v1/auth/me')).status).toBe(401);
  });

  it('accepts an API token as a bearer, and not after revocation', async () => {
    const client = await server.signIn('operator');
    const issued = await client.post<{ id: number; token: string }>('/api/v1/api-tokens', {
      name: 'integration',
    });
    expect(issued.status).toBe(201);
    const machine = server.anonymous();
    const headers = { authorization: `Bearer ${issued.body.token}` };
    expect((await machine.request('GET', '/api/v1/auth/me', undefined, headers)).status).toBe(200);
    await client.request('DELETE', `/api/v1/api-tokens/${issued.body.id}`);
    const after = await machine.request('GET', '/api/v1/auth/me', undefined, headers);
    expect(after.status).toBe(401);
    expect(after.body).toMatchObject({ error: 'invalid_token' });
  });
});
