/**
 * Issue 23, item 1: SIGTERM during a long export. A client that reads gets the whole export and
 * the process exits 0; a client that stops reading holds the export past the grace, and the
 * process exits 1 anyway. The export is long because of the data (more rows than the sockets'
 * buffers hold), not because of the machine's speed.
 */
import { connect } from 'node:net';
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';
import {
  createStore,
  kontakt,
  metricValue,
  spawnServe,
  type Spawned,
  type Store,
  SPAWNING_TEST,
} from './spawned-server.js';

const APPEALS = 10_000;
const PASSWORD = 'supervisor-password';
let base: Store;
const stores: Store[] = [];
const spawned: Spawned[] = [];

beforeAll(async () => {
  base = await createStore();
  await kontakt(['generate', '--appeals', String(APPEALS)], base.env);
  await kontakt(
    ['users', 'create', '--login', 'sup', '--name', 'Test Supervisor', '--role', 'supervisor'],
    {
      ...base.env,
      KONTAKT_PASSWORD: PASSWORD,
    },
  );
  // A ceiling, not a judgement of speed: 10,000 appeals took past 600 s at load ~30 (two suites
  // at once on 2 cores).
}, 1_800_000);
afterEach(() => spawned.splice(0).forEach((s) => s.kill()));
afterAll(async () => {
  await Promise.all(stores.map((s) => s.drop()));
  await base?.drop();
});

async function serveAndSignIn(env: Record<string, string>) {
  const store = await base.copy();
  stores.push(store);
  const server = await spawnServe(store, env);
  spawned.push(server);
  await server.waitForStatus('/api/health/ready', 200);
  const login = await fetch(`${server.baseUrl}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ login: 'sup', password: PASSWORD }),
  });
  expect(login.status).toBe(200);
  const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0]!;
  return { server, cookie };
}

async function exportsAnswered(server: Spawned): Promise<number> {
  const text = await (await fetch(`${server.baseUrl}/metrics`)).text();
  return metricValue(text, 'kontakt_http_requests_total', { route: '/api/v1/appeals/export.csv' });
}

it('a running export is finished before the process exits 0', SPAWNING_TEST, async () => {
  const { server, cookie } = await serveAndSignIn({});
  const response = await fetch(`${server.baseUrl}/api/v1/appeals/export.csv`, {
    headers: { cookie },
  });
  expect(response.status).toBe(200);
  server.child.kill('SIGTERM');
  await server.waitForOutput(/shutting down/);
  const csv = await response.text();
  expect(csv.trim().split('\n').length).toBeGreaterThan(APPEALS);
  expect(await server.waitForExit()).toEqual({ code: 0, signal: null });
});

it(
  'an export whose client stopped reading is cut at the grace: exit 1',
  SPAWNING_TEST,
  async () => {
    const { server, cookie } = await serveAndSignIn({ KONTAKT_SHUTDOWN_GRACE_SECONDS: '2' });
    const url = new URL(server.baseUrl);
    const socket = connect(Number(url.port), url.hostname);
    socket.on('error', () => {});
    socket.pause();
    socket.write(
      `GET /api/v1/appeals/export.csv HTTP/1.1\r\nHost: ${url.host}\r\nCookie: ${cookie}\r\n\r\n`,
    );
    // The export has started (the auth query ran) once the server logs the request.
    await server.waitForOutput(/"url":"\/api\/v1\/appeals\/export.csv"/);
    expect(await exportsAnswered(server)).toBe(0);
    server.child.kill('SIGTERM');
    expect(await server.waitForExit()).toEqual({ code: 1, signal: null });
    expect(server.output()).toMatch(/shutdown grace exceeded/);
    socket.destroy();
  },
);
