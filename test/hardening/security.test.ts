/**
 * Security controls (issue 11, items 9–11): sign-in throttling shared through the database,
 * CSRF from another origin of the same host, and the security headers on API and HTML answers.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/server/app.js';
import { makeUser, TEST_PASSWORD } from '../factories.js';
import { ApiClient, startTestServer, type TestServer } from '../http.js';

let server: TestServer;
/** A second app process on the same database (its own Fastify, its own memory). */
let secondBaseUrl: string;
let closeSecond: () => Promise<void>;

beforeAll(async () => {
  server = await startTestServer({ trustProxy: true });
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

async function signInAs(
  baseUrl: string,
  login: string,
  password: string,
  address: string,
): Promise<{ status: number; body: Record<string, unknown>; retryAfter: string | null }> {
  const res = await new ApiClient(baseUrl).request(
    'POST',
    '/api/v1/auth/login',
    { login, password },
    {
      'x-forwarded-for': address,
    },
  );
  return { status: res.status, body: res.body, retryAfter: res.headers.get('retry-after') };
}

describe('sign-in throttling', () => {
  it('slows a guesser down, locks, is shared by every process, and tells the user', async () => {
    const start = new Date('2031-03-03T10:00:00Z');
    server.ctx.setNow(start);
    const user = await makeUser(server.ctx.deps, 'operator');
    const guesser = '203.0.113.7';
    // Two free failures, the third closes sign-in for 2 s — on the other process too.
    expect((await signInAs(server.baseUrl, user.login, 'wrong-1', guesser)).status).toBe(401);
    expect((await signInAs(secondBaseUrl, user.login, 'wrong-2', guesser)).status).toBe(401);
    expect((await signInAs(server.baseUrl, user.login, 'wrong-3', guesser)).status).toBe(401);
    const slowed = await signInAs(secondBaseUrl, user.login, TEST_PASSWORD, guesser);
    expect(slowed.status).toBe(429);
    expect(slowed.body).toMatchObject({ error: 'too_many_sign_in_attempts' });
    expect(Number(slowed.retryAfter)).toBeGreaterThanOrEqual(1);
    expect(Number(slowed.retryAfter)).toBeLessThanOrEqual(2);
    // Each later failure doubles the wait: after 8 more the guesser waits minutes.
    let at = start.getTime();
    for (let i = 0; i < 8; i++) {
      at += 5 * 60_000;
      server.ctx.setNow(new Date(at));
      expect((await signInAs(server.baseUrl, user.login, `wrong-x${i}`, guesser)).status).toBe(401);
    }
    server.ctx.setNow(new Date(at + 1000));
    const locked = await signInAs(server.baseUrl, user.login, TEST_PASSWORD, guesser);
    expect(locked.status).toBe(429);
    expect(Number(locked.retryAfter)).toBeGreaterThan(60);
    // The login itself closed for 5 minutes (10 failures); after that the real user at their own
    // address signs in, while the guesser's pair stays locked.
    server.ctx.setNow(new Date(at + 301_000));
    expect((await signInAs(server.baseUrl, user.login, TEST_PASSWORD, guesser)).status).toBe(429);
    const own = await signInAs(secondBaseUrl, user.login, TEST_PASSWORD, '198.51.100.20');
    expect(own.status).toBe(200);
    expect(own.body.failedSignIns).toMatchObject({ count: 11 });
    server.ctx.setNow(null);
  });

  it('a stranger guessing from many addresses locks the login for minutes only', async () => {
    const start = new Date('2031-04-04T10:00:00Z');
    server.ctx.setNow(start);
    const user = await makeUser(server.ctx.deps, 'controller');
    for (let i = 0; i < 10; i++) {
      expect((await signInAs(server.baseUrl, user.login, 'nope', `192.0.2.${i + 1}`)).status).toBe(
        401,
      );
    }
    const blocked = await signInAs(server.baseUrl, user.login, TEST_PASSWORD, '198.51.100.30');
    expect(blocked.status).toBe(429);
    expect(Number(blocked.retryAfter)).toBeLessThanOrEqual(300);
    server.ctx.setNow(new Date(start.getTime() + 301_000));
    const later = await signInAs(server.baseUrl, user.login, TEST_PASSWORD, '198.51.100.30');
    expect(later.status).toBe(200);
    expect(later.body.failedSignIns).toMatchObject({ count: 10 });
    server.ctx.setNow(null);
  });

  it('one address trying many logins is locked for a while', async () => {
    server.ctx.setNow(new Date('2031-05-05T10:00:00Z'));
    const user = await makeUser(server.ctx.deps, 'analyst');
    for (let i = 0; i < 20; i++) {
      await signInAs(server.baseUrl, `nobody-${i}`, 'x', '203.0.113.99');
    }
    const res = await signInAs(server.baseUrl, user.login, TEST_PASSWORD, '203.0.113.99');
    expect(res.status).toBe(429);
    server.ctx.setNow(null);
  });
});

describe('CSRF: a cookie session acts only from the app’s own origin', () => {
  let client: ApiClient;
  let otherOrigin: string;
  beforeAll(async () => {
    client = await server.signIn('operator');
    const own = new URL(server.baseUrl);
    otherOrigin = `http://${own.hostname}:${Number(own.port) + 1}`;
  });

  const send = (headers: Record<string, string>, body?: BodyInit) =>
    fetch(`${server.baseUrl}/api/v1/api-tokens`, {
      method: 'POST',
      headers: { cookie: client.cookie, ...headers },
      body: body ?? null,
    });

  it.each([
    [
      'JSON from another port of the same host',
      { origin: 'OTHER', 'content-type': 'application/json' },
    ],
    ['a text/plain form from another origin', { origin: 'OTHER', 'content-type': 'text/plain' }],
    [
      'a same-site page (Sec-Fetch-Site)',
      { 'sec-fetch-site': 'same-site', 'content-type': 'text/plain' },
    ],
    [
      'a cross-site page (Sec-Fetch-Site)',
      { 'sec-fetch-site': 'cross-site', 'content-type': 'application/json' },
    ],
    ['text/plain naming no origin', { 'content-type': 'text/plain' }],
    ['an opaque origin', { origin: 'null', 'content-type': 'application/json' }],
  ])('refuses %s with 403', async (_name, headers) => {
    const h = Object.fromEntries(
      Object.entries(headers).map(([k, v]) => [k, v === 'OTHER' ? otherOrigin : v]),
    );
    const res = await send(h, JSON.stringify({ name: 'csrf' }));
    expect(res.status).toBe(403);
    expect(await res.json()).toMatchObject({ error: 'cross_origin_request' });
  });

  it('refuses a multipart form from another origin', async () => {
    const form = new FormData();
    form.append('file', new Blob(['x'], { type: 'text/plain' }), 'x.txt');
    const res = await fetch(`${server.baseUrl}/api/v1/appeals/1/attachments`, {
      method: 'POST',
      headers: { cookie: client.cookie, origin: otherOrigin },
      body: form,
    });
    expect(res.status).toBe(403);
  });

  it('refuses a bodyless action naming no origin, accepts it as JSON', async () => {
    const bare = await fetch(`${server.baseUrl}/api/v1/auth/logout`, {
      method: 'POST',
      headers: { cookie: client.cookie },
    });
    expect(bare.status).toBe(403);
    const ok = await send({ 'content-type': 'application/json' }, JSON.stringify({ name: 'ok' }));
    expect(ok.status).toBe(201);
  });

  it('accepts the app’s own origin and a bearer token from anywhere', async () => {
    const own = await send(
      {
        origin: new URL(server.baseUrl).origin,
        'sec-fetch-site': 'same-origin',
        'content-type': 'application/json',
      },
      JSON.stringify({ name: 'own' }),
    );
    expect(own.status).toBe(201);
    const { token } = (await own.json()) as { token: string };
    const bearer = await fetch(`${server.baseUrl}/api/v1/api-tokens`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${token}`,
        origin: otherOrigin,
        'content-type': 'application/json',
      },
      body: JSON.stringify({ name: 'machine' }),
    });
    expect(bearer.status).toBe(201);
  });
});

describe('security headers', () => {
  it.each([
    '/api/health',
    '/api/v1/auth/me',
    '/api/public/question-types',
    '/open311/v2/services.json',
    '/api/docs/',
    '/portal/',
    '/',
  ])('on %s', async (path) => {
    const res = await fetch(`${server.baseUrl}${path}`);
    const csp = res.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('referrer-policy')).toBe('same-origin');
    expect(res.headers.get('strict-transport-security')).toBeNull();
  });

  it('adds HSTS when cookies are secure (served over HTTPS)', async () => {
    const secure = await startTestServer({ secureCookies: true });
    try {
      const res = await fetch(`${secure.baseUrl}/api/health`);
      expect(res.headers.get('strict-transport-security')).toMatch(/max-age=31536000/);
    } finally {
      await secure.close();
    }
  });
});
