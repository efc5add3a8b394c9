/**
 * `npm run bench -- [--engine pglite|postgres] [--scale tiny|N|100k|1m] [--duration S]`
 *
 * Prepares a database of N generated appeals (reused when already there), starts the real server
 * (`node bin/kontakt.mjs serve`, jobs off) on a free loopback port, and measures after a warm-up:
 * 1. registration through the API at concurrency 1, 8 and 32;
 * 2. the first page of the busiest executor's inbox (`queue=new`, by control date);
 * 3. registry searches: Ukrainian words plus filters, first page;
 * 4. appeal cards with their history;
 * 5. the supervisor's counts (`/dashboard`, `/queues`);
 * 6. one deadline sweep over all open appeals (in-process), as it runs and with every open appeal
 *    to be marked anew;
 * 7. CSV and XLSX exports of 100,000 appeals: time and the peak memory of a fresh server process;
 * 8. the SQL of 2–5 straight through the driver, and the API's overhead as a ratio;
 * 9. address suggestions at the full address registry (imported from the shared data once);
 * 10. the head's live picture and today's map by district (issue 18: p95 ≤ 100 ms at 1M).
 * Prints a table and writes JSON under bench/results/. Every load loop is bounded in time and count.
 * `--skip reads,register,export,sweep,addresses` leaves out those scenarios (reads: 2–5, 8 and 10).
 * `--nodes N` (PostgreSQL) runs registration through N app processes on the one database, the
 * requests taken by each in turn as a round-robin proxy would. `--cluster own` (PostgreSQL) runs on
 * the bench's own cluster with the settings a city should use (deploy/postgresql-city.conf).
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import { cpus, loadavg, totalmem } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { sql } from 'kysely';
import pg from 'pg';
import { ROLE_QUEUES } from '../src/domain/queues.js';
import { getAppealCard } from '../src/server/appeals/appeal-card.queries.js';
import { countQueues, listAppeals } from '../src/server/appeals/appeals.queries.js';
import { listAppealsQuery } from '../src/contract/appeal-registry.schemas.js';
import { importAddresses } from '../src/server/addresses/import-addresses.js';
import { ADDRESS_QUERIES } from './address-queries.js';
import type { Deps } from '../src/server/context.js';
import { actorByLogin } from '../src/server/auth/auth.service.js';
import { getDashboard } from '../src/server/dashboard/dashboard.service.js';
import { runDeadlineSweep } from '../src/server/deadlines/sweep.js';
import {
  captureStatements,
  freshTimes,
  type Replay,
  replayOnKysely,
  replayOnPool,
  replayOnPoolGroupingWrites,
} from './lib/capture.js';
import { registerAppeal } from '../src/server/appeals/register-appeal.js';
import { registerAppealSchema } from '../src/contract/appeal-registration.schemas.js';
import {
  assertLoopback,
  type LoadResult,
  type RequestSpec,
  runCalls,
  runLoad,
} from './lib/load.js';
import {
  BENCH_PASSWORD,
  type BenchTarget,
  type Engine,
  type Fixture,
  openBenchDatabase,
  prepareDatabase,
  prepareFixture,
} from './lib/prepare.js';
import { startOwnCluster } from './lib/own-cluster.js';
import { ROOT, type RunningServer, startServer } from './lib/server.js';

/** One line of the results table. */
export interface ResultRow {
  scenario: string;
  /** Target of issue 6 (PostgreSQL, 1M appeals), as text. */
  target: string;
  /** null when no target applies; whether this run met it otherwise. */
  met: boolean | null;
  load?: LoadResult;
  seconds?: number;
  peakMemoryMiB?: number;
  detail?: string;
}

/**
 * Import the shared address registry (`KONTAKT_SHARED_DATA/addresses`) when it is present and not
 * imported yet. @returns whether the registry is there to measure.
 */
async function prepareAddressRegistry(deps: Deps, log: (line: string) => void): Promise<boolean> {
  const dir = join(deps.config.sharedDataDir, 'addresses');
  if (!existsSync(dir)) {
    log(`no address data at ${dir}: the address scenario is left out`);
    return false;
  }
  const have = await deps.db
    .selectFrom('buildings')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .executeTakeFirstOrThrow();
  if (Number(have.n) < 70_000) {
    const summary = await importAddresses(deps, dir);
    log(
      `address registry imported: ${summary.imported} rows in ${(summary.durationMs / 1000).toFixed(1)} s`,
    );
  }
  return true;
}

/** Thrown to leave out the sweep (`--skip sweep`). */
class SkipSweep extends Error {}

const SCALES: Record<string, number> = {
  tiny: 2_000,
  '100k': 100_000,
  '1m': 1_000_000,
  '10m': 10_000_000,
};

function parseScale(text: string): number {
  const n = SCALES[text.toLowerCase()] ?? Number(text.replace(/_/g, ''));
  if (!Number.isInteger(n) || n < 100 || n > 10_000_000) {
    throw new Error(
      `--scale must be tiny, 100k, 1m, 10m or a whole number 100…10,000,000; got ${text}`,
    );
  }
  return n;
}

const SEARCHES: { q: string; filters: Record<string, string> }[] = [
  { q: 'гаряча вода', filters: { status: 'closed' } },
  { q: 'ліфт не працює', filters: { channel: 'phone' } },
  { q: 'яма', filters: { status: 'closed', channel: 'portal' } },
  { q: 'укриття зачинене', filters: {} },
  { q: 'Хрещатик', filters: { status: 'closed' } },
  { q: 'дерево дитячим майданчиком', filters: { channel: 'phone' } },
];

const DESCRIPTIONS = [
  'Не працює ліфт у під’їзді, прошу відновити.',
  'Немає гарячої води третій день.',
  'Яма на дорозі біля зупинки.',
  'Не горить світло у дворі.',
];

/** The body of the bench's `i`-th registration: one caller, the question types in turn. */
function registrationBody(fixture: Fixture, i: number) {
  return {
    channel: 'phone',
    kind: 'application',
    subject: 'individual',
    questionTypeId: fixture.questionTypeIds[i % fixture.questionTypeIds.length],
    description: `${DESCRIPTIONS[i % DESCRIPTIONS.length]} (бенчмарк ${i})`,
    address: `вул. Хрещатик, ${(i % 150) + 1}`,
    applicant: { fullName: 'Бенчмарк Заявник Тестовий', phones: ['+380 67 000 12 34'] },
  };
}

function query(params: Record<string, string>): string {
  return new URLSearchParams(params).toString();
}

/** Sign in over HTTP; returns the session cookie (`kontakt_session=…`). */
/** Requests the bench sent to the server, by "METHOD route pattern" (compared with /metrics). */
const sent = new Map<string, number>();
const tally = (route: string, n = 1) => sent.set(route, (sent.get(route) ?? 0) + n);
/** Count each request `next` makes (warm-up included: the server counts those too). */
const counted =
  (route: string, next: (i: number) => RequestSpec) =>
  (i: number): RequestSpec => {
    const spec = next(i);
    tally(`${spec.method} ${route}`);
    return spec;
  };

/**
 * Scrape the server's /metrics and compare its request counts with what the bench sent, route by
 * route (issue 23). Returns the lines to print and whether every count matched.
 */
async function compareWithMetrics(
  bases: readonly URL[],
): Promise<{ lines: string[]; same: boolean }> {
  const served = new Map<string, number>();
  for (const base of bases) {
    const text = await (await fetch(new URL('/metrics', base))).text();
    for (const line of text.split('\n')) {
      const m =
        /^kontakt_http_requests_total\{method="(\w+)",route="([^"]+)",status="\d+"\} (\d+)/.exec(
          line,
        );
      if (m) served.set(`${m[1]} ${m[2]}`, (served.get(`${m[1]} ${m[2]}`) ?? 0) + Number(m[3]));
    }
  }
  let same = true;
  const lines = [...sent].map(([route, n]) => {
    const m = served.get(route) ?? 0;
    if (m !== n) same = false;
    return `${route.padEnd(34)} bench sent ${String(n).padStart(7)}   /metrics counted ${String(m).padStart(7)}${m === n ? '' : '   DIFFERENT'}`;
  });
  return { lines, same };
}

async function login(base: URL, name: string): Promise<string> {
  assertLoopback(base);
  const response = await fetch(new URL('/api/v1/auth/login', base), {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ login: name, password: BENCH_PASSWORD }),
  });
  const cookie = response.headers.get('set-cookie')?.split(';')[0];
  if (response.status !== 200 || !cookie) {
    throw new Error(`Login of ${name} failed: ${response.status} ${await response.text()}`);
  }
  return cookie;
}

/** Download `path` streaming, counting bytes and lines; time to the last byte. */
async function download(
  base: URL,
  path: string,
  cookie: string,
): Promise<{ seconds: number; bytes: number; lines: number; status: number }> {
  assertLoopback(base);
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const request = http.get(
      { host: base.hostname, port: base.port, path, headers: { cookie } },
      (response) => {
        let bytes = 0;
        let lines = 0;
        response.on('data', (chunk: Buffer) => {
          bytes += chunk.length;
          for (let i = 0; i < chunk.length; i++) if (chunk[i] === 10) lines++;
        });
        response.on('end', () =>
          resolve({
            seconds: (performance.now() - started) / 1000,
            bytes,
            lines,
            status: response.statusCode ?? 0,
          }),
        );
        response.on('error', reject);
      },
    );
    request.on('error', reject);
    request.setTimeout(600_000, () => request.destroy(new Error('export timed out (600 s)')));
  });
}

function fmt(n: number | undefined, digits = 1): string {
  return n === undefined || Number.isNaN(n) ? '—' : n.toFixed(digits);
}

function printTable(rows: ResultRow[]): string {
  const header = [
    'scenario',
    'c',
    'req',
    'req/s',
    'p50 ms',
    'p95 ms',
    'p99 ms',
    'err',
    'other',
    'target',
    'met',
  ];
  const lines = rows.map((r) => [
    r.scenario,
    r.load ? String(r.load.concurrency) : '',
    r.load ? String(r.load.requests) : '',
    r.load ? fmt(r.load.throughput, 0) : '',
    r.load ? fmt(r.load.p50) : '',
    r.load ? fmt(r.load.p95) : '',
    r.load ? fmt(r.load.p99) : '',
    r.load ? String(r.load.errors) : '',
    [
      r.seconds !== undefined ? `${fmt(r.seconds, 2)} s` : '',
      r.peakMemoryMiB !== undefined ? `peak ${fmt(r.peakMemoryMiB, 0)} MiB` : '',
      r.detail ?? '',
    ]
      .filter(Boolean)
      .join(', '),
    r.target,
    r.met === null ? '' : r.met ? 'yes' : 'NO',
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i]!.length)));
  const row = (cells: string[]) =>
    '| ' + cells.map((c, i) => c.padEnd(widths[i]!)).join(' | ') + ' |';
  return [row(header), row(widths.map((w) => '-'.repeat(w))), ...lines.map(row)].join('\n');
}

function machine() {
  const cpu =
    readFileSync('/proc/cpuinfo', 'utf8').match(/^model name\s*:\s*(.+)$/m)?.[1] ??
    cpus()[0]?.model;
  return {
    nproc: cpus().length,
    memoryGiB: Math.round(totalmem() / 2 ** 30),
    cpu,
    node: process.version,
  };
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      engine: { type: 'string', default: process.env.DATABASE_URL ? 'postgres' : 'pglite' },
      scale: { type: 'string', default: 'tiny' },
      duration: { type: 'string' },
      skip: { type: 'string', default: '' },
      nodes: { type: 'string', default: '1' },
      cluster: { type: 'string', default: 'server' },
    },
  });
  const engine = values.engine as Engine;
  if (engine !== 'pglite' && engine !== 'postgres')
    throw new Error('--engine must be pglite or postgres');
  const scale = parseScale(values.scale);
  const duration = values.duration ? Number(values.duration) : scale <= 10_000 ? 3 : 10;
  if (!(duration > 0 && duration <= 300)) throw new Error('--duration must be 1…300 seconds');
  const skip = new Set(values.skip.split(',').filter(Boolean));
  // Registration through several app processes on one database (issue 21, item 5).
  const nodes = Number(values.nodes);
  if (!(Number.isInteger(nodes) && nodes >= 1 && nodes <= 4))
    throw new Error('--nodes must be 1…4');
  if (nodes > 1 && engine !== 'postgres') throw new Error('--nodes needs --engine postgres');
  const warmup = Math.min(3, Math.max(1, duration / 3));
  const bounded = { seconds: duration, warmupSeconds: warmup, maxRequests: 200_000 };
  const started = new Date();
  const log = (line: string) =>
    console.log(
      `[bench ${((Date.now() - started.getTime()) / 1000).toFixed(0).padStart(4)} s] ${line}`,
    );

  log(`engine ${engine}, scale ${scale.toLocaleString('en')}, ${duration} s per measurement`);
  const target: BenchTarget = await prepareDatabase(engine, scale, log);
  if (target.generateSeconds !== null) log(`generated in ${target.generateSeconds.toFixed(1)} s`);

  // ---- in-process, before the server (PGlite allows one process): fixture, SQL capture, replay.
  let { database, deps } = await openBenchDatabase(target);
  const fixture: Fixture = await prepareFixture(deps);
  const registryReady = skip.has('addresses') ? false : await prepareAddressRegistry(deps, log);
  log(
    `dataset: ${fixture.totalAppeals.toLocaleString('en')} appeals, ${fixture.openAppeals.toLocaleString('en')} open; ` +
      `busiest executor ${fixture.busiestExecutorId} with ${fixture.busiestPending.toLocaleString('en')} pending`,
  );
  const executor = await actorByLogin(deps, fixture.logins.executor);
  const operator = await actorByLogin(deps, fixture.logins.operator);
  const supervisor = await actorByLogin(deps, fixture.logins.supervisor);
  const inboxQuery = listAppealsQuery.parse({ queue: 'new' });
  const searchQueries = SEARCHES.map((s) => listAppealsQuery.parse({ q: s.q, ...s.filters }));
  const cardIds = fixture.cardIds;

  // The dashboard reads a snapshot (ADR 012): take it first, so the capture is the steady-state read.
  await getDashboard(deps);
  const replays = {
    inbox: [await captureStatements(deps, (d) => listAppeals(d, executor, inboxQuery))],
    search: [] as Replay[],
    card: [] as Replay[],
    dashboard: [await captureStatements(deps, (d) => getDashboard(d))],
    queues: [
      await captureStatements(deps, (d) => countQueues(d, supervisor, ROLE_QUEUES.supervisor)),
    ],
  };
  for (const q of searchQueries)
    replays.search.push(await captureStatements(deps, (d) => listAppeals(d, operator, q)));
  for (const id of cardIds.slice(0, 50))
    replays.card.push(await captureStatements(deps, (d) => getAppealCard(d, supervisor, id)));

  const pool =
    engine === 'postgres' ? new pg.Pool({ connectionString: target.databaseUrl, max: 10 }) : null;
  const replay = pool ? replayOnPool(pool) : replayOnKysely(deps);
  const raw: Record<string, LoadResult> = {};
  for (const [name, list] of Object.entries(replays)) {
    if (skip.has('reads')) continue;
    raw[name] = await runCalls((i) => replay(list[i % list.length]!), {
      ...bounded,
      concurrency: 1,
    });
    log(`raw SQL ${name}: p50 ${fmt(raw[name].p50)} ms, p95 ${fmt(raw[name].p95)} ms`);
  }
  // Registration's own statements (a warm call, as the server's caches are), replayed with their
  // times moved to now: how fast the database alone takes registrations (issue 21).
  const rawRegistration = new Map<number, LoadResult>();
  let rawGroupedRegistration: LoadResult | undefined;
  if (pool && !skip.has('register')) {
    const input = registerAppealSchema.parse(registrationBody(fixture, 0));
    await registerAppeal(deps, operator, input, null, { trackingCode: true });
    const capturedAt = Date.now();
    const statements = await captureStatements(deps, (d) =>
      registerAppeal(d, operator, input, null, { trackingCode: true }),
    );
    const oneByOne = replayOnPool(pool, freshTimes(capturedAt));
    const grouped = replayOnPoolGroupingWrites(pool, freshTimes(capturedAt));
    // One at a time (each write its own statement and commit), then at 32 with the writes grouped
    // as the app groups them (ADR 067).
    for (const [concurrency, writes] of [
      [1, 'one by one'],
      [32, 'one by one'],
      [32, 'grouped'],
    ] as const) {
      const replay = writes === 'grouped' ? grouped : oneByOne;
      const result = await runCalls(() => replay(statements), { ...bounded, concurrency });
      if (writes === 'grouped') rawGroupedRegistration = result;
      else rawRegistration.set(concurrency, result);
      log(
        `raw SQL registration c=${concurrency}${writes === 'grouped' ? ', writes grouped' : ''}: ${fmt(result.throughput, 0)}/s, p99 ${fmt(result.p99)} ms, ${result.errors} errors`,
      );
    }
  }
  await pool?.end();
  await database.close();

  // ---- the real server.
  const rows: ResultRow[] = [];
  // On a server database the app runs as README's "Memory" section says: a 256 MiB old-space heap
  // (exports stream, so the heap stays small; without the cap V8 lets garbage grow to ~100 MiB).
  const serverNodeArgs = engine === 'postgres' ? ['--max-old-space-size=256'] : [];
  log(`starting the server (node ${serverNodeArgs.join(' ') || 'defaults'})…`);
  const server: RunningServer = await startServer(target.env, 180, { nodeArgs: serverNodeArgs });
  const extraNodes: RunningServer[] = [];
  const idleMemory = server.memoryMiB();
  log(`server pid ${server.pid} at ${server.base.href} (${fmt(idleMemory, 0)} MiB resident)`);
  const base = server.base;
  try {
    const cookies = {
      executor: await login(base, fixture.logins.executor),
      operator: await login(base, fixture.logins.operator),
      supervisor: await login(base, fixture.logins.supervisor),
    };
    tally('POST /api/v1/auth/login', 3);
    const get = (path: string, cookie: string): RequestSpec => ({
      method: 'GET',
      path,
      headers: { cookie },
    });

    const reads: [string, string, (i: number) => RequestSpec, string, (r: LoadResult) => boolean][] = [
      ['2 inbox first page (executor, queue=new)', 'inbox', counted('/api/v1/appeals', () => get(`/api/v1/appeals?${query({ queue: 'new' })}`, cookies.executor)), 'p95 ≤ 20 ms', (r) => r.p95 <= 20],
      ['3 registry search: words + filters', 'search', counted('/api/v1/appeals', (i) => { const s = SEARCHES[i % SEARCHES.length]!; return get(`/api/v1/appeals?${query({ q: s.q, ...s.filters })}`, cookies.operator); }), 'p95 ≤ 100 ms', (r) => r.p95 <= 100],
      ['4 appeal card with history', 'card', counted('/api/v1/appeals/:id', (i) => get(`/api/v1/appeals/${cardIds[i % cardIds.length]!}`, cookies.supervisor)), 'p95 ≤ 20 ms', (r) => r.p95 <= 20],
      ['5a supervisor counts: /dashboard', 'dashboard', counted('/api/v1/dashboard', () => get('/api/v1/dashboard', cookies.supervisor)), 'p95 ≤ 200 ms', (r) => r.p95 <= 200],
      ['5b supervisor counts: /queues', 'queues', counted('/api/v1/queues', () => get('/api/v1/queues', cookies.supervisor)), 'p95 ≤ 200 ms', (r) => r.p95 <= 200],
      ['10a head’s live picture: /monitoring/picture', 'picture', counted('/api/v1/monitoring/picture', () => get('/api/v1/monitoring/picture', cookies.supervisor)), 'p95 ≤ 100 ms', (r) => r.p95 <= 100],
      ['10b today by district: /monitoring/today-by-district', 'map', counted('/api/v1/monitoring/today-by-district', () => get('/api/v1/monitoring/today-by-district', cookies.supervisor)), 'p95 ≤ 100 ms', (r) => r.p95 <= 100],
    ]; // prettier-ignore
    const api: Record<string, LoadResult> = {};
    for (const [scenario, key, next, targetText, ok] of skip.has('reads') ? [] : reads) {
      const result = await runLoad(base, next, { ...bounded, concurrency: 1 });
      api[key] = result;
      rows.push({
        scenario,
        target: targetText,
        met: result.errors === 0 && ok(result),
        load: result,
        ...(result.firstError ? { detail: result.firstError } : {}),
      });
      log(
        `${scenario}: p50 ${fmt(result.p50)} ms, p95 ${fmt(result.p95)} ms, ${fmt(result.throughput, 0)}/s`,
      );
    }
    // 9. Address suggestions at the full registry (issue 15): old and new names, partial words and
    // one-letter misspellings, then the house.
    if (registryReady) {
      const limit = engine === 'postgres' ? 30 : 60;
      const result = await runLoad(
        base,
        (i) =>
          get(
            `/api/v1/addresses/registry?${query({ q: ADDRESS_QUERIES[i % ADDRESS_QUERIES.length]! })}`,
            cookies.operator,
          ),
        { ...bounded, concurrency: 1 },
      );
      rows.push({
        scenario: '9 address suggestions (registry: old/new names, partial, misspelt)',
        target: `p95 ≤ ${limit} ms`,
        met: result.errors === 0 && result.p95 <= limit,
        load: result,
        ...(result.firstError ? { detail: result.firstError } : {}),
      });
      log(`address suggestions: p50 ${fmt(result.p50)} ms, p95 ${fmt(result.p95)} ms`);
    }
    // Throughput of the inbox with 8 executors' screens at once.
    if (!skip.has('reads')) {
      const inbox8 = await runLoad(base, reads[0]![2], { ...bounded, concurrency: 8 });
      rows.push({ scenario: '2 inbox first page, 8 at once', target: '', met: null, load: inbox8 });
    }

    // 8. the same SQL through the driver: overhead of the API.
    for (const key of skip.has('reads')
      ? []
      : (['inbox', 'search', 'card', 'dashboard', 'queues'] as const)) {
      const ratio = api[key]!.p50 / raw[key]!.p50;
      rows.push({
        scenario: `8 raw SQL of ${key} (driver)`,
        target: 'API ÷ SQL ≤ 1.5× (p50)',
        met: ratio <= 1.5,
        load: raw[key]!,
        detail: `API ÷ SQL = ${fmt(ratio, 2)}×`,
      });
    }

    // 1. registration.
    if (!skip.has('register')) {
      const register = (i: number): RequestSpec => ({
        method: 'POST',
        path: '/api/v1/appeals',
        headers: { cookie: cookies.operator },
        body: JSON.stringify(registrationBody(fixture, i)),
      });
      // The other nodes, started for registration only (the reads above measure one process).
      for (let n = 1; n < nodes; n += 1) {
        const extra = await startServer(target.env, 180, { nodeArgs: serverNodeArgs });
        extraNodes.push(extra);
        log(`node ${n + 1}: pid ${extra.pid} at ${extra.base.href}`);
      }
      const bases = [base, ...extraNodes.map((s) => s.base)];
      for (const concurrency of [1, 8, 32]) {
        const result = await runLoad(bases, counted('/api/v1/appeals', register), {
          ...bounded,
          concurrency,
        });
        const isTarget = concurrency === 32;
        rows.push({
          scenario: `1 registration through the API, c=${concurrency}${nodes > 1 ? `, ${nodes} processes` : ''}`,
          target: isTarget ? '≥ 1,000/s, p99 ≤ 100 ms' : '',
          met: isTarget
            ? result.errors === 0 && result.throughput >= 1000 && result.p99 <= 100
            : null,
          load: result,
          ...(result.firstError ? { detail: result.firstError } : {}),
        });
        log(
          `registration c=${concurrency}: ${fmt(result.throughput, 0)}/s, p99 ${fmt(result.p99)} ms, ${result.errors} errors`,
        );
        const rawAt = rawRegistration.get(concurrency);
        if (rawAt)
          rows.push({
            scenario: `8 raw SQL of registration (driver), c=${concurrency}`,
            target: '',
            met: null,
            load: rawAt,
            detail: `API ÷ SQL throughput = ${fmt(result.throughput / rawAt.throughput, 2)}`,
          });
        const groupedAt = isTarget ? rawGroupedRegistration : undefined;
        if (groupedAt)
          rows.push({
            scenario: `8 raw SQL of registration, writes grouped (driver), c=${concurrency}`,
            target: '',
            met: null,
            load: groupedAt,
            detail: `API ÷ SQL throughput = ${fmt(result.throughput / groupedAt.throughput, 2)}`,
          });
      }
    }
    // 9. /metrics counts what the bench sent (issue 23).
    const compared = await compareWithMetrics([base, ...extraNodes.map((s) => s.base)]);
    console.log(
      `\nRequests: the bench's own count and the server's /metrics\n${compared.lines.join('\n')}`,
    );
    rows.push({
      scenario: "9 /metrics request counts = the bench's",
      target: 'equal on every route',
      met: compared.same,
      detail: compared.lines.map((l) => l.replace(/\s+/g, ' ')).join('; '),
    });
  } finally {
    await Promise.all(extraNodes.map((s) => s.stop()));
    await server.stop();
    log('server stopped');
  }

  // ---- 7. exports of 100,000 appeals (or all, below that), each in a fresh server process, so the
  // peak is what the export needs, not what earlier scenarios left in the heap.
  const filter = query({
    ...(fixture.exportFrom ? { receivedFrom: fixture.exportFrom } : {}),
    receivedTo: started.toISOString(),
  });
  for (const [format, limitSeconds] of skip.has('export')
    ? []
    : ([
        ['csv', 5],
        ['xlsx', 15],
      ] as const)) {
    const fresh = await startServer(target.env, 180, { nodeArgs: serverNodeArgs });
    try {
      const cookie = await login(fresh.base, fixture.logins.supervisor);
      const before = fresh.memoryMiB();
      const reset = fresh.resetPeak();
      const result = await download(
        fresh.base,
        `/api/v1/appeals/export.${format}?${filter}`,
        cookie,
      );
      const peak = fresh.peakMemoryMiB();
      rows.push({
        scenario: `7 export ${format.toUpperCase()} of ${fixture.exportRows.toLocaleString('en')} appeals`,
        target: `≤ ${limitSeconds} s, peak ≤ 300 MB`,
        met: result.status === 200 && result.seconds <= limitSeconds && peak <= 300,
        seconds: result.seconds,
        peakMemoryMiB: peak,
        detail: `HTTP ${result.status}, ${(result.bytes / 2 ** 20).toFixed(1)} MiB, ${format === 'csv' ? `${result.lines} lines, ` : ''}fresh server, RSS before ${fmt(before, 0)} MiB${reset ? '' : ' (peak not reset: lifetime peak)'}`,
      });
      log(
        `export ${format}: ${fmt(result.seconds, 2)} s, peak ${fmt(peak, 0)} MiB (RSS before ${fmt(before, 0)} MiB)`,
      );
    } finally {
      await fresh.stop();
    }
  }

  // ---- 6. the deadline sweep, in-process (after the server: PGlite allows one process).
  ({ database, deps } = await openBenchDatabase(target));
  try {
    if (skip.has('sweep')) throw new SkipSweep();
    let t = performance.now();
    const steady = await runDeadlineSweep(deps);
    const steadySeconds = (performance.now() - t) / 1000;
    rows.push({
      scenario: '6a deadline sweep, as scheduled',
      target: '≤ 2 s',
      met: steadySeconds <= 2,
      seconds: steadySeconds,
      detail: `${fixture.openAppeals.toLocaleString('en')} open; marked ${steady.dueSoon} due soon, ${steady.overdue} overdue`,
    });
    // Worst case: every open appeal's state forgotten, so the sweep re-marks them all.
    await sql`DELETE FROM appeal_deadline_marks`.execute(deps.db);
    t = performance.now();
    const full = await runDeadlineSweep(deps);
    const fullSeconds = (performance.now() - t) / 1000;
    rows.push({
      scenario: '6b deadline sweep, all open re-marked',
      target: '≤ 2 s',
      met: fullSeconds <= 2,
      seconds: fullSeconds,
      detail: `marked ${full.dueSoon} due soon, ${full.overdue} overdue, ${full.notifications} notifications`,
    });
    log(`sweep: ${fmt(steadySeconds, 2)} s as scheduled, ${fmt(fullSeconds, 2)} s re-marking all`);
  } catch (error) {
    if (!(error instanceof SkipSweep)) throw error;
  } finally {
    await database.close();
  }

  const order = (r: ResultRow) => r.scenario;
  rows.sort((a, b) => order(a).localeCompare(order(b), 'en', { numeric: true }));
  const table = printTable(rows);
  console.log(`\n${table}\n`);
  const report = {
    engine,
    scale,
    durationSeconds: duration,
    startedAt: started.toISOString(),
    finishedAt: new Date().toISOString(),
    machine: machine(),
    // 'own': the bench's cluster with deploy/postgresql-city.conf; 'server': DATABASE_URL's.
    cluster: engine === 'postgres' ? values.cluster : null,
    loadAverage: loadavg(),
    generateSeconds: target.generateSeconds,
    fixture: {
      totalAppeals: fixture.totalAppeals,
      openAppeals: fixture.openAppeals,
      busiestExecutorId: fixture.busiestExecutorId,
      busiestPending: fixture.busiestPending,
      exportRows: fixture.exportRows,
    },
    serverIdleMemoryMiB: idleMemory,
    serverNodeArgs: [
      ...serverNodeArgs,
      ...(process.env.BENCH_SERVER_NODE_ARGS ?? '').split(' ').filter(Boolean),
    ],
    rows,
  };
  const dir = join(ROOT, 'bench', 'results');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `${engine}-${scale}-${started.toISOString().replace(/[:.]/g, '-')}.json`);
  writeFileSync(file, JSON.stringify(report, null, 2));
  // A partial run (--skip) does not replace the latest full table.
  if (skip.size === 0) writeFileSync(join(dir, `latest-${engine}-${scale}.md`), `${table}\n`);
  log(`written ${file}`);
}

/**
 * `--cluster own`: the run's PostgreSQL is the bench's own cluster with the city settings
 * (bench/lib/own-cluster.ts), started for the run and stopped after it; `--cluster server`
 * (default): the server of `DATABASE_URL`.
 */
async function inCluster(): Promise<void> {
  const { values } = parseArgs({
    options: { cluster: { type: 'string' }, engine: { type: 'string' } },
    strict: false,
  });
  if (values.cluster !== undefined && values.cluster !== 'own' && values.cluster !== 'server')
    throw new Error('--cluster must be own or server');
  if (values.cluster !== 'own') return main();
  // Checked before the cluster starts (main() reads the engine again, from DATABASE_URL set below).
  if (values.engine !== undefined && values.engine !== 'postgres')
    throw new Error('--cluster own needs --engine postgres');
  const own = await startOwnCluster((line) => console.log(`[bench] ${line}`));
  process.env.DATABASE_URL = own.adminUrl;
  try {
    await main();
  } finally {
    await own.stop();
  }
}

await inCluster();
