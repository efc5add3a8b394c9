/**
 * Issue 23, items 2 and 3, in process: liveness and readiness (database, migrations, draining),
 * and /metrics (who may scrape it, what it counts, and every family the Grafana dashboard uses).
 */
import { readFileSync } from 'node:fs';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/server/app.js';
import { createLogSink } from '../../src/server/ops/log-sink.js';
import { Metrics } from '../../src/server/ops/metrics.js';
import { startTestServer, type TestServer } from '../http.js';
import { metricValue } from './spawned-server.js';

const TOKEN = 'metrics-token-for-the-test-0123456789';
let server: TestServer;

beforeAll(async () => {
  server = await startTestServer({ metricsToken: TOKEN });
});
afterAll(async () => {
  await server?.close();
});

const scrape = async () => {
  const res = await fetch(`${server.baseUrl}/metrics`);
  expect(res.status).toBe(200);
  return res.text();
};

describe('health', () => {
  it('live answers without the database; ready checks database, migrations and draining', async () => {
    const live = await server.anonymous().get('/api/health/live');
    expect(live).toMatchObject({ status: 200, body: { status: 'live' } });
    const ready = await server.anonymous().get('/api/health/ready');
    expect(ready).toMatchObject({
      status: 200,
      body: {
        status: 'ready',
        checks: { database: 'ok', migrations: 'current', draining: false },
        pendingMigrations: [],
      },
    });
    expect((await server.anonymous().get('/api/health')).status).toBe(200);
  });

  it('is not ready while a migration this version knows is missing', async () => {
    const db = server.ctx.deps.db;
    const last = await sql<{ name: string }>`
      DELETE FROM schema_migrations
      WHERE name = (SELECT max(name) FROM schema_migrations) RETURNING name`.execute(db);
    try {
      const ready = await server.anonymous().get('/api/health/ready');
      expect(ready).toMatchObject({
        status: 503,
        body: { status: 'not_ready', checks: { migrations: 'pending' } },
      });
      expect(ready.body.pendingMigrations).toEqual([last.rows[0]!.name]);
    } finally {
      await sql`INSERT INTO schema_migrations (name, timestamp) VALUES (${last.rows[0]!.name}, ${new Date().toISOString()})`.execute(
        db,
      );
    }
  });

  it('is not ready once draining, while live still answers', async () => {
    const { deps, database } = server.ctx;
    const app = await buildApp(deps, {
      engine: database.engine,
      ops: { metrics: new Metrics({ db: deps.db }), isDraining: () => true },
    });
    try {
      const ready = await app.inject({ url: '/api/health/ready' });
      expect(ready.statusCode).toBe(503);
      expect(ready.json()).toMatchObject({ checks: { draining: true }, status: 'not_ready' });
      expect(ready.headers.connection).toBe('close');
      expect((await app.inject({ url: '/api/health/live' })).statusCode).toBe(200);
    } finally {
      await app.close();
    }
  });
});

describe('/metrics', () => {
  it('counts requests by route pattern and error answers by code', async () => {
    const before = await scrape();
    const operator = await server.signIn('operator');
    for (let i = 0; i < 3; i++) await operator.get(`/api/v1/appeals/${999_000 + i}`);
    const after = await scrape();
    const route = { route: '/api/v1/appeals/:id', status: '404' };
    expect(
      metricValue(after, 'kontakt_http_requests_total', route) -
        metricValue(before, 'kontakt_http_requests_total', route),
    ).toBe(3);
    const code = { code: 'appeal_not_found' };
    expect(
      metricValue(after, 'kontakt_http_errors_total', code) -
        metricValue(before, 'kontakt_http_errors_total', code),
    ).toBe(3);
  });

  it('is refused to other addresses without the token, and served with it', async () => {
    const { app } = server;
    const away = { url: '/metrics', remoteAddress: '203.0.113.7' };
    const refused = await app.inject(away);
    expect(refused.statusCode).toBe(403);
    expect(refused.json()).toMatchObject({ error: 'metrics_forbidden' });
    const wrong = await app.inject({ ...away, headers: { authorization: 'Bearer nope' } });
    expect(wrong.statusCode).toBe(403);
    const allowed = await app.inject({ ...away, headers: { authorization: `Bearer ${TOKEN}` } });
    expect(allowed.statusCode).toBe(200);
    expect(allowed.body).toContain('kontakt_http_requests_total');
  });

  it('has every family the Grafana dashboard draws', async () => {
    // Families that appear once something happened: make each happen.
    const operator = await server.signIn('operator');
    await operator.get('/api/v1/appeals/1');
    const dashboard = JSON.parse(readFileSync('docs/grafana-dashboard.json', 'utf8')) as {
      panels: { targets: { expr: string }[] }[];
    };
    const used = new Set(
      dashboard.panels.flatMap((p) =>
        p.targets.flatMap((t) =>
          [...t.expr.matchAll(/\b(kontakt_\w+?)(_bucket|_sum|_count)?\b(?=[{[)\s]|$)/g)].map(
            (m) => m[1]!,
          ),
        ),
      ),
    );
    // The process's own sources too (pool, log sink), as serve.ts builds them.
    const { deps, database } = server.ctx;
    const metrics = new Metrics({
      db: deps.db,
      poolUse: database.poolUse,
      logStats: () => createLogSink().stats(),
    });
    metrics.observeJob('deadline-sweep', 12, true);
    metrics.observeQuery(3, false);
    const app = await buildApp(deps, {
      engine: database.engine,
      ops: { metrics, isDraining: () => false },
    });
    try {
      const text = (await app.inject({ url: '/metrics' })).body;
      const families = new Set([...text.matchAll(/^# TYPE (\w+) /gm)].map((m) => m[1]!));
      expect(used.size).toBeGreaterThan(10);
      for (const name of used) expect(families, name).toContain(name);
    } finally {
      await app.close();
    }
  });
});
