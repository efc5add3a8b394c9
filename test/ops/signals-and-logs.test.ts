/**
 * Issue 23, item 1 and 2: the real `kontakt serve` with its standard output a pipe the test
 * closes (at start, during requests, during shutdown) or never reads, and SIGTERM during start and
 * during a demo import; readiness false from the first signal, a second signal exits at once.
 * Runs on the engine of the run (a PostgreSQL server when DATABASE_URL is set).
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  createStore,
  metricValue,
  spawnServe,
  type Spawned,
  type Store,
  SPAWNING_TEST,
} from './spawned-server.js';

let base: Store;
const stores: Store[] = [];
const spawned: Spawned[] = [];

beforeAll(async () => {
  base = await createStore();
}, SPAWNING_TEST.timeout);
afterEach(() => spawned.splice(0).forEach((s) => s.kill()));
afterAll(async () => {
  await Promise.all(stores.map((s) => s.drop()));
  await base?.drop();
});

async function serve(env: Record<string, string> = {}, args: string[] = []): Promise<Spawned> {
  const store = await base.copy();
  stores.push(store);
  const server = await spawnServe(store, env, args);
  spawned.push(server);
  return server;
}

async function metrics(server: Spawned): Promise<string> {
  return (await fetch(`${server.baseUrl}/metrics`)).text();
}

describe('a closed standard output', () => {
  it(
    'at start: the server still starts, answers, counts the dropped lines and stops on SIGTERM',
    SPAWNING_TEST,
    async () => {
      const server = await serve();
      server.child.stdout!.destroy();
      await server.waitForStatus('/api/health/ready', 200);
      for (let i = 0; i < 5; i++) {
        expect((await fetch(`${server.baseUrl}/api/health/live`)).status).toBe(200);
      }
      expect(
        metricValue(await metrics(server), 'kontakt_log_lines', { fate: 'dropped' }),
      ).toBeGreaterThan(0);
      server.child.kill('SIGTERM');
      expect(await server.waitForExit()).toEqual({ code: 0, signal: null });
    },
  );

  it(
    'during requests: every request is answered, and SIGTERM stops it',
    SPAWNING_TEST,
    async () => {
      const server = await serve();
      await server.waitForOutput(/Kontakt is serving/);
      const statuses: number[] = [];
      for (let i = 0; i < 40; i++) {
        if (i === 10) server.child.stdout!.destroy();
        statuses.push((await fetch(`${server.baseUrl}/api/health/ready`)).status);
      }
      expect(statuses).toEqual(Array(40).fill(200));
      const text = await metrics(server);
      expect(metricValue(text, 'kontakt_log_lines', { fate: 'dropped' })).toBeGreaterThan(0);
      expect(metricValue(text, 'kontakt_log_lines', { fate: 'output_errors' })).toBe(1);
      server.child.kill('SIGTERM');
      expect(await server.waitForExit()).toEqual({ code: 0, signal: null });
    },
  );

  it(
    'during shutdown: the process still finishes its work and exits 0',
    SPAWNING_TEST,
    async () => {
      // A long drain keeps the shutdown going until the output is closed; a second signal ends it.
      const server = await serve({
        KONTAKT_DRAIN_SECONDS: '600',
        KONTAKT_SHUTDOWN_GRACE_SECONDS: '900',
      });
      await server.waitForOutput(/Kontakt is serving/);
      server.child.kill('SIGTERM');
      await server.waitForOutput(/shutting down/);
      server.child.stdout!.destroy();
      // Still serving while draining, with readiness false (each request logs to the closed pipe).
      const ready = await fetch(`${server.baseUrl}/api/health/ready`);
      expect(ready.status).toBe(503);
      expect(await ready.json()).toMatchObject({ status: 'not_ready', checks: { draining: true } });
      expect((await fetch(`${server.baseUrl}/api/health/live`)).status).toBe(200);
      server.child.kill('SIGINT');
      expect(await server.waitForExit()).toEqual({ code: 130, signal: null });
    },
  );

  it(
    'during shutdown without a drain: the closers run and the process exits 0',
    SPAWNING_TEST,
    async () => {
      const server = await serve();
      await server.waitForOutput(/Kontakt is serving/);
      server.child.stdout!.destroy();
      server.child.kill('SIGTERM');
      expect(await server.waitForExit()).toEqual({ code: 0, signal: null });
    },
  );
});

describe('a full standard output (nobody reads it)', () => {
  it(
    'never blocks the server: requests are answered, lines are dropped, SIGTERM stops it',
    SPAWNING_TEST,
    async () => {
      const server = await serve({ LOG_LEVEL: 'debug' });
      server.child.stdout!.pause();
      await server.waitForStatus('/api/health/live', 200);
      // Each request logs its 8 KB address twice: far more than a pipe and the sink's queue hold.
      const path = `/api/health/live?padding=${'x'.repeat(8000)}`;
      for (let i = 0; i < 100; i++) {
        await Promise.all(
          Array.from({ length: 10 }, () =>
            fetch(`${server.baseUrl}${path}`).then((r) => expect(r.status).toBe(200)),
          ),
        );
      }
      expect(
        metricValue(await metrics(server), 'kontakt_log_lines', { fate: 'dropped' }),
      ).toBeGreaterThan(0);
      server.child.kill('SIGTERM');
      expect((await server.waitForExit()).code).toBe(0);
    },
  );
});

describe('SIGTERM', () => {
  it(
    'during start: the start stops at its next step, the data directory is released, exit 0',
    SPAWNING_TEST,
    async () => {
      const server = await serve({}, ['--demo']);
      await server.waitForOutput(/"msg":"starting"/);
      server.child.kill('SIGTERM');
      expect(await server.waitForExit()).toEqual({ code: 0, signal: null });
      expect(server.output()).toMatch(/"msg":"stopped"/);
      if (!process.env.DATABASE_URL) {
        const dir = stores.at(-1)!.env.KONTAKT_DATA_DIR!;
        expect(existsSync(join(dir, 'kontakt.lock'))).toBe(false);
      }
    },
  );

  it('during a demo import: the import stops between batches, exit 0', SPAWNING_TEST, async () => {
    const shared = mkdtempSync(join(tmpdir(), 'kontakt-shared-'));
    try {
      mkdirSync(join(shared, 'kyiv1551'));
      const records = Array.from({ length: 20_000 }, (_, i) => ({
        Id: 7_000_000 + i,
        uid: `9-${String(i).padStart(6, '0')}/1`,
        receivedDateTime: '2025-09-01T08:00Z',
        type: 'Заява',
        kind: 'Тестові питання',
        content: `Тестове питання номер ${i}`,
        accrualMethod: 'Телеефір',
        addressThoroughfare: 'вул. Вигадана',
        addressLocatorDesignator: String(1 + (i % 90)),
        result: 'Прийнято в роботу',
        organizationName: 'Тестова організація',
      }));
      writeFileSync(join(shared, 'kyiv1551', 'sample-records.json'), JSON.stringify(records));
      const server = await serve({ KONTAKT_SHARED_DATA: shared }, ['--demo']);
      await server.waitForOutput(/demo import started/);
      server.child.kill('SIGTERM');
      expect(await server.waitForExit()).toEqual({ code: 0, signal: null });
      expect(server.output()).toMatch(/demo import (stopped by the shutdown|done)/);
    } finally {
      rmSync(shared, { recursive: true, force: true });
    }
  });
});
