/**
 * The live bus (ADR 038): an event published through one app process reaches an SSE stream served
 * by another on the same database (on a server: two Fastify apps, each with its own pool and
 * listener; on the embedded engine: two apps over the one engine), only for its audience, only on
 * commit.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/server/app.js';
import type { Deps } from '../../src/server/context.js';
import { type Database, openDatabase } from '../../src/server/db/database.js';
import { createLiveBus, publishLive } from '../../src/server/live/live-bus.js';
import { makeUser, TEST_PASSWORD } from '../factories.js';
import { ApiClient, startTestServer, type TestServer } from '../http.js';
import { openStream } from '../live-stream.js';

let first: TestServer;
let second: { app: FastifyInstance; baseUrl: string; deps: Deps; database: Database | null };

beforeAll(async () => {
  first = await startTestServer();
  let database: Database | null = null;
  let deps: Deps = first.ctx.deps;
  if (first.ctx.databaseUrl) {
    database = await openDatabase({ databaseUrl: first.ctx.databaseUrl, poolSize: 2 });
    deps = { ...first.ctx.deps, db: database.db, live: await createLiveBus(database) };
  }
  const app = await buildApp(deps, { engine: first.ctx.database.engine, logger: false });
  const baseUrl = await app.listen({ port: 0, host: '127.0.0.1' });
  second = { app, baseUrl, deps, database };
});
afterAll(async () => {
  await second.app.close();
  if (second.database) {
    await second.deps.live?.close();
    await second.database.close();
  }
  await first.close();
});

async function signInAt(baseUrl: string, role: 'supervisor' | 'operator'): Promise<ApiClient> {
  const user = await makeUser(first.ctx.deps, role);
  const client = new ApiClient(baseUrl);
  const res = await client.post('/api/v1/auth/login', {
    login: user.login,
    password: TEST_PASSWORD,
  });
  expect(res.status).toBe(200);
  return client;
}

describe('the live bus', () => {
  it('brings an event published through one process to a stream served by the other', async () => {
    const supervisor = await signInAt(second.baseUrl, 'supervisor');
    const stream = await openStream(supervisor, 'alerts');
    try {
      await stream.until(() => stream.events.some((e) => e.topic === 'live.hello'));
      // Published through the first process's database, inside a transaction: sent on commit.
      await first.ctx.deps.db.transaction().execute(async (trx) => {
        await publishLive(trx, 'alerts.raised', { alertId: 7 }, { roles: ['supervisor'] });
      });
      await first.ctx.deps.db.transaction().execute(async (trx) => {
        await publishLive(trx, 'calls.incoming', { other: true });
      });
      await stream.until(() => stream.events.some((e) => e.topic === 'alerts.raised'));
      expect(stream.events.find((e) => e.topic === 'alerts.raised')?.data).toEqual({ alertId: 7 });
    } finally {
      await stream.close();
    }
    expect(stream.events.some((e) => e.topic === 'calls.incoming')).toBe(false);
  });

  it('sends nothing of a rolled-back transaction and nothing outside the audience', async () => {
    const operator = await signInAt(second.baseUrl, 'operator');
    const stream = await openStream(operator, 'alerts,calls');
    try {
      await stream.until(() => stream.events.some((e) => e.topic === 'live.hello'));
      await first.ctx.deps.db
        .transaction()
        .execute(async (trx) => {
          await publishLive(trx, 'calls.incoming', { rolledBack: true });
          throw new Error('roll back');
        })
        .catch(() => {});
      await publishLive(
        first.ctx.deps.db,
        'alerts.raised',
        { secret: 1 },
        { roles: ['supervisor'] },
      );
      await publishLive(first.ctx.deps.db, 'calls.incoming', { last: true });
      await stream.until(() => stream.events.some((e) => e.topic === 'calls.incoming'));
    } finally {
      await stream.close();
    }
    expect(stream.events.filter((e) => e.topic !== 'live.hello')).toEqual([
      { topic: 'calls.incoming', data: { last: true } },
    ]);
  });

  it('refuses a stream without topics (400) and to anonymous clients (401)', async () => {
    const supervisor = await signInAt(first.baseUrl, 'supervisor');
    expect((await supervisor.get('/api/v1/live/stream')).status).toBe(400);
    expect((await first.anonymous().get('/api/v1/live/stream?topics=alerts')).status).toBe(401);
  });
});
