/**
 * The read replica (issue 21, item 3; ADR 054) on a real streaming replica: a primary cluster of
 * the test's own and a hot standby made from it by `pg_basebackup -R` (test/pg-replica.ts).
 * Where a read went is proved by making the two differ: replay paused on the replica, an appeal
 * registered on the primary; then the replica's figures are the stale ones.
 *
 * Two apps share the primary: one whose lag bound (an hour) the paused replica stays within, one
 * whose bound (1 s) it soon passes. Checked: reports (and a scheduled run, which stores its row on
 * the primary), the appeal export, public statistics and open data read the replica; registrations
 * land on the primary and nothing meets a read-only transaction; past the bound, or with the
 * replica stopped, they read the primary without an error; the replica back is used again.
 *
 * Runs in the PostgreSQL pass (DATABASE_URL set; its own clusters, not that server): the replica is
 * a server feature. Needs the PostgreSQL 15 binaries (required under CI=true).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/server/app.js';
import { databaseFileStore } from '../../src/server/attachments/file-store.js';
import { loadConfig } from '../../src/server/config.js';
import type { Deps } from '../../src/server/context.js';
import { type Database, openDatabase } from '../../src/server/db/database.js';
import { migrateToLatest } from '../../src/server/db/migrate.js';
import { openReadReplica, type ReadReplica } from '../../src/server/db/read-replica.js';
import { createSavedReport } from '../../src/server/reports/saved-reports.service.js';
import { runScheduledReports } from '../../src/server/reports/scheduled-reports.js';
import { seedReferenceData } from '../../src/server/setup/seed-reference-data.js';
import { appealBody, makeUser, routedQuestionType, TEST_PASSWORD } from '../factories.js';
import { ApiClient } from '../http.js';
import { postgresBinariesPresent, type ReplicaPair, startPrimary } from '../pg-replica.js';

const serverPass = Boolean(process.env.DATABASE_URL);
if (!serverPass) {
  console.warn('skipped: the read-replica test runs in the PostgreSQL pass (DATABASE_URL set).');
}
const runs = serverPass && postgresBinariesPresent('The read-replica test');

/** Every appeal of the test is received on 14 May 2025 (Kyiv). */
const RECEIVED = '2025-05-14T10:00:00+03:00';
const REPORT = '/api/v1/reports/executors?from=2025-05-01&to=2025-05-31';
const EXPORT = `/api/v1/appeals/export.csv?receivedFrom=${encodeURIComponent('2025-05-14T00:00:00+03:00')}&receivedTo=${encodeURIComponent('2025-05-15T00:00:00+03:00')}`;
const STATISTICS = '/api/public/statistics?from=2025-05&to=2025-05';
const OPEN_DATA = '/api/public/open-data/kyiv1551/2025-05.json';

interface App {
  deps: Deps;
  app: FastifyInstance;
  supervisor: ApiClient;
  anonymous: ApiClient;
}

let pair: ReplicaPair;
let primary: Database;
let filesDir: string;
const replicas: ReadReplica[] = [];
/** Lag bound an hour: the paused replica stays in use. */
let lenient: App;
/** Lag bound 1 s: the paused replica is soon left for the primary. */
let strict: App;
let operator: ApiClient;
let questionTypeId: number;
let clock: Date | null = null;

async function onReplica<T extends pg.QueryResultRow>(text: string): Promise<T[]> {
  const client = new pg.Client({ connectionString: pair.replicaUrl('kontakt') });
  await client.connect();
  try {
    return (await client.query<T>(text)).rows;
  } finally {
    await client.end();
  }
}

async function appealsOn(where: 'primary' | 'replica'): Promise<number> {
  if (where === 'replica') {
    return (await onReplica<{ n: number }>('SELECT count(*)::int AS n FROM appeals'))[0]!.n;
  }
  const { rows } = await sql<{ n: number }>`SELECT count(*)::int AS n FROM appeals`.execute(
    primary.db,
  );
  return rows[0]!.n;
}

async function pauseReplay(): Promise<void> {
  await onReplica('SELECT pg_wal_replay_pause()');
  await expect
    .poll(
      async () =>
        (await onReplica<{ s: string }>('SELECT pg_get_wal_replay_pause_state() AS s'))[0]!.s,
    )
    .toBe('paused');
}

const resumeReplay = () => onReplica('SELECT pg_wal_replay_resume()');

/** Replay running and the replica as far as the primary: the number of appeals on both. */
async function caughtUp(): Promise<number> {
  await resumeReplay();
  const n = await appealsOn('primary');
  await expect.poll(() => appealsOn('replica')).toBe(n);
  return n;
}

async function register(): Promise<void> {
  const res = await operator.post(
    '/api/v1/appeals',
    appealBody(questionTypeId, { receivedAt: RECEIVED }),
  );
  expect(res.status, JSON.stringify(res.body)).toBe(201);
}

/** The four heavy reads' counts of the test's appeals, through `app`; each must answer 200. */
async function figures(app: App): Promise<number[]> {
  const report = await app.supervisor.get<{ rows: { received: number }[] }>(REPORT);
  const exported = await app.supervisor.request<string>('GET', EXPORT);
  const statistics = await app.anonymous.get<{ total: number }>(STATISTICS);
  const openData = await app.anonymous.get<unknown[]>(OPEN_DATA);
  for (const res of [report, exported, statistics, openData]) {
    expect(res.status, JSON.stringify(res.body).slice(0, 300)).toBe(200);
  }
  return [
    report.body.rows.reduce((n, r) => n + r.received, 0),
    parse(exported.body.replace(/^\uFEFF/, ''), { columns: true }).length,
    statistics.body.total,
    openData.body.length,
  ];
}

const same = (n: number) => [n, n, n, n];

async function replicaState(app: App): Promise<string | undefined> {
  const res = await app.anonymous.get<{ status: string; replica?: { state: string } }>(
    '/api/health/ready',
  );
  expect(res.body.status).toBe('ready');
  return res.body.replica?.state;
}

async function startApp(maxLagSeconds: number): Promise<App> {
  const replica = openReadReplica({
    url: pair.replicaUrl('kontakt'),
    primary: primary.db,
    maxLagSeconds,
    checkIntervalMs: 200,
  });
  replicas.push(replica);
  const config = loadConfig({
    DATABASE_URL: pair.primaryUrl('kontakt'),
    DATABASE_REPLICA_URL: pair.replicaUrl('kontakt'),
    KONTAKT_REPLICA_MAX_LAG_SECONDS: String(maxLagSeconds),
    KONTAKT_DATA_DIR: filesDir,
    KONTAKT_SUBMISSIONS_PER_HOUR: '0',
    KONTAKT_TRACKING_PER_MINUTE: '0',
  });
  const deps: Deps = {
    db: primary.db,
    replica,
    config,
    now: () => clock ?? new Date(),
    files: databaseFileStore(primary.db, join(filesDir, 'tmp')),
  };
  const app = await buildApp(deps, { engine: 'postgres', logger: false });
  const address = await app.listen({ port: 0, host: '127.0.0.1' });
  return { deps, app, supervisor: new ApiClient(address), anonymous: new ApiClient(address) };
}

async function signIn(app: App, role: 'operator' | 'supervisor'): Promise<ApiClient> {
  const user = await makeUser(app.deps, role);
  const client = new ApiClient(app.anonymous.baseUrl);
  const res = await client.post('/api/v1/auth/login', {
    login: user.login,
    password: TEST_PASSWORD,
  });
  expect(res.status).toBe(200);
  return client;
}

describe.skipIf(!runs)('the read replica', () => {
  beforeAll(async () => {
    filesDir = mkdtempSync(join(tmpdir(), 'kontakt-replica-files-'));
    pair = await startPrimary();
    const admin = new pg.Client({ connectionString: pair.primaryUrl('postgres') });
    await admin.connect();
    await admin.query('CREATE DATABASE kontakt');
    await admin.end();
    primary = await openDatabase({ databaseUrl: pair.primaryUrl('kontakt'), poolSize: 5 });
    await migrateToLatest(primary.db);
    await seedReferenceData(primary.db);
    await pair.startReplica();
    lenient = await startApp(3600);
    strict = await startApp(1);
    ({ questionTypeId } = await routedQuestionType(lenient.deps));
    operator = await signIn(lenient, 'operator');
    lenient.supervisor = await signIn(lenient, 'supervisor');
    // One database holds the sessions: the same cookie signs in to both apps.
    strict.supervisor = new ApiClient(strict.anonymous.baseUrl, lenient.supervisor.cookie);
  });

  afterAll(async () => {
    for (const app of [lenient, strict]) await app?.app.close();
    for (const replica of replicas) await replica.close();
    await primary?.close();
    await pair?.stop();
    if (filesDir) rmSync(filesDir, { recursive: true, force: true });
  });

  it('reports, a scheduled run, the export, public statistics and open data read the replica; registrations land on the primary', async () => {
    await register();
    await register();
    const n = await caughtUp();
    expect(await figures(lenient)).toEqual(same(n));
    expect(await replicaState(lenient)).toBe('in_use');

    await pauseReplay();
    await register();
    expect([await appealsOn('primary'), await appealsOn('replica')]).toEqual([n + 1, n]);
    // Within the bound: every heavy read shows the replica's (stale) figures.
    expect(await figures(lenient)).toEqual(same(n));
    expect(await replicaState(lenient)).toBe('in_use');

    // A scheduled report: made from the replica, its run row stored on the primary.
    const owner = await makeUser(lenient.deps, 'supervisor');
    const { id } = await createSavedReport(
      lenient.deps,
      {
        kind: 'user',
        id: owner.id,
        login: owner.login,
        fullName: owner.fullName,
        role: 'supervisor',
        organisationId: null,
      },
      {
        name: 'Виконавці за місяць',
        definition: { type: 'standard', key: 'executors', period: 'previous_month', filters: {} },
        sharedWithRoles: [],
        schedule: { every: 'month', format: 'xlsx', lang: 'uk', emails: [] },
      },
    );
    clock = new Date('2025-06-01T04:00:30Z'); // 1 June 07:00:30 Kyiv: May's run is due
    try {
      expect((await runScheduledReports(lenient.deps)).made).toBe(1);
    } finally {
      clock = null;
    }
    const run = await primary.db
      .selectFrom('scheduled_report_runs')
      .select('report')
      .where('saved_report_id', '=', id)
      .executeTakeFirstOrThrow();
    const stored = run.report as unknown as { table: { rows: { received: number }[] } };
    expect(stored.table.rows.reduce((sum, r) => sum + r.received, 0)).toBe(n);

    // Past the 1 s bound the other app reads the primary, without an error.
    await expect.poll(async () => (await figures(strict))[0], { timeout: 20_000 }).toBe(n + 1);
    expect(await figures(strict)).toEqual(same(n + 1));
    expect(await replicaState(strict)).toBe('lagging');

    await resumeReplay();
    await expect.poll(async () => (await figures(lenient))[0]).toBe(n + 1);
    await expect.poll(() => replicaState(strict)).toBe('in_use');
    const metrics = await lenient.anonymous.request<string>('GET', '/metrics');
    expect(metrics.body).toMatch(/^kontakt_db_replica_in_use 1$/m);
  });

  it('a stopped replica sends the reads to the primary without an error; back, it is used again', async () => {
    const n = await caughtUp();
    await pair.stopReplica();
    // At once (the last check may still say "in use": the failed read is retried on the primary).
    expect(await figures(lenient)).toEqual(same(n));
    expect(await replicaState(lenient)).toBe('down');
    await register();
    expect(await figures(lenient)).toEqual(same(n + 1));

    await pair.restartReplica();
    await expect.poll(() => replicaState(lenient)).toBe('in_use');
    await expect.poll(() => appealsOn('replica')).toBe(n + 1);
    await pauseReplay();
    await register();
    expect(await figures(lenient)).toEqual(same(n + 1));
    await resumeReplay();
  });
});
