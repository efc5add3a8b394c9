/**
 * Start the whole system: open the database, apply migrations, (in demo mode) seed, and listen.
 * SIGTERM/SIGINT (even during start) turn readiness false, stop taking requests, let running ones
 * and the jobs finish within the grace, close the database (releasing the embedded data
 * directory) and exit; past the grace, or at a second signal, the process exits at once
 * (ops/lifecycle.ts). Logs never block or crash the process (ops/log-sink.ts).
 */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pino, type Logger } from 'pino';
import { openFileStore } from './attachments/file-store.js';
import type { Config } from './config.js';
import type { Deps } from './context.js';
import { type Database, openDatabase } from './db/database.js';
import { openReadReplica, type ReadReplica } from './db/read-replica.js';
import { createLiveBus } from './live/live-bus.js';
import { listenForAuthChanges } from './auth/session-cache.js';
import { migrateToLatest } from './db/migrate.js';
import { buildApp } from './app.js';
import { startJobs } from './jobs/scheduler.js';
import { type Mailer, smtpMailer } from './notifications/delivery.js';
import { ensureWebBuilt } from './http/web-app.js';
import { IMPORTERS } from './imports/importers.js';
import { seedReferenceData } from './setup/seed-reference-data.js';
import { installLifecycle, type Lifecycle } from './ops/lifecycle.js';
import { createLogSink, type LogSinkStats } from './ops/log-sink.js';
import { Metrics } from './ops/metrics.js';
import { closeHttp } from './ops/operations.js';
import { DEMO_PASSWORD, seedDemo } from './setup/seed-demo.js';
import { connectAsterisk } from './telephony/pbx-connectors.js';
import { liveScreenPop } from './telephony/screen-pop.js';
import { districtsCentre, seedDemoMaintainers } from './setup/seed-demo-addresses.js';

export interface ServeOptions {
  demo: boolean;
}

/**
 * The shared real data the demo may import, when present: format and path below the data folder.
 * Which ones it does import is configuration (`KONTAKT_DEMO_IMPORTS`, default the Kyiv 1551 samples and the address registry).
 */
const DEMO_IMPORTS = [
  ['kyiv1551', 'kyiv1551/sample-records.json'],
  ['publicstuff-csv', 'service-requests/nyc-publicstuff-2010-2018.csv'],
  // The address registry (Kharkiv): ~15 s on the embedded engine the first time, ~3 s on a server.
  ['addresses', 'addresses'],
] as const;

/**
 * In demo mode the maps open on the demo's registry city (Kharkiv) when its districts are present
 * and KONTAKT_MAP_VIEW was not given.
 */
function demoConfig(config: Config): Config {
  if (process.env.KONTAKT_MAP_VIEW) return config;
  const centre = districtsCentre(
    join(resolve(config.sharedDataDir), 'addresses/kharkiv/districts.geojson'),
  );
  return centre ? { ...config, map: { ...config.map, center: centre, zoom: 11 } } : config;
}

export async function serve(given: Config, options: ServeOptions): Promise<void> {
  const config = options.demo ? demoConfig(given) : given;
  // Logs go through a sink that never blocks or throws (a closed or full stdout); see ops/log-sink.
  const sink = createLogSink();
  const out = (text: string) => sink.write(text);
  const log = pino({ level: config.logLevel }, sink);
  // Anything else that writes to stdout (Vite's warnings) must not crash the process on EPIPE.
  process.stdout.on('error', () => {});
  const lifecycle = installLifecycle({
    ...config.shutdown,
    log,
    beforeExit: (ms) => sink.settle(Math.min(ms, 1000)),
  });
  try {
    await start(config, options, { log, out, lifecycle, logStats: () => sink.stats() });
    lifecycle.started();
  } catch (error) {
    lifecycle.started();
    if (!lifecycle.stopping) lifecycle.stop('start failed', 1);
    throw error;
  }
}

interface Runtime {
  log: Logger;
  out: (text: string) => void;
  lifecycle: Lifecycle;
  logStats: () => LogSinkStats;
}

async function start(config: Config, options: ServeOptions, runtime: Runtime): Promise<void> {
  const { log, out, lifecycle } = runtime;
  log.info({ engine: config.databaseUrl ? 'postgres' : 'pglite', demo: options.demo }, 'starting');
  let metrics: Metrics | null = null;
  const onQuery = (ms: number, failed: boolean) => metrics?.observeQuery(ms, failed);
  const database = await openDatabase({
    databaseUrl: config.databaseUrl,
    dataDir: config.dataDir,
    command: 'kontakt serve',
    onQuery,
  });
  lifecycle.onClose('database', () => database.close());
  const replica = config.replica ? openReplica(config.replica, database, log, onQuery) : undefined;
  if (replica) lifecycle.onClose('read replica', () => replica.close());
  metrics = new Metrics({
    db: database.db,
    poolUse: database.poolUse,
    logStats: runtime.logStats,
    replica,
  });
  const deps: Deps = {
    db: database.db,
    replica,
    config,
    now: () => new Date(),
    files: openFileStore(config, database.db),
    live: await createLiveBus(database),
    sessions: await listenForAuthChanges(database),
  };
  lifecycle.onClose('live bus', () => deps.live!.close());
  lifecycle.onClose('session cache', () => deps.sessions!.close());
  if (lifecycle.stopping) return;
  if (config.buildWeb) await ensureWebBuilt((message) => out(`${message}\n`));
  if (lifecycle.stopping) return;
  const app = await buildApp(deps, {
    engine: database.engine,
    logger: process.stdout.isTTY
      ? { level: config.logLevel, transport: { target: 'pino-pretty' } }
      : { level: config.logLevel, stream: { write: out } },
    ops: { metrics, isDraining: () => lifecycle.stopping },
  });

  const applied = await migrateToLatest(database.db);
  if (applied.length > 0) log.info({ migrations: applied }, 'migrations applied');
  if (lifecycle.stopping) return;
  const reference = await seedReferenceData(database.db);
  if (reference.organisations + reference.kinds + reference.questionTypes > 0) {
    log.info(reference, 'reference data seeded');
  }

  let logins: Awaited<ReturnType<typeof seedDemo>> = [];
  if (options.demo && !lifecycle.stopping) logins = await seedDemo(deps);
  if (lifecycle.stopping) return;

  const mailer: Mailer | null = config.smtpUrl ? smtpMailer(config.smtpUrl, config.mailFrom) : null;
  if (mailer) lifecycle.onClose('mailer', () => mailer.close());
  else log.info('SMTP_URL is not set: notifications stay in the outbox and the web app');
  if (config.runJobs) {
    const stopJobs = startJobs(deps, mailer, log, {
      onRun: metrics.observeJob,
      spikesEveryMs: config.monitoringEveryMs,
    });
    lifecycle.onClose('jobs', stopJobs);
  }
  // Issue 20: follow an Asterisk over AMI when configured (events are idempotent across processes).
  if (config.amiUrl) {
    const asterisk = connectAsterisk(deps, config.amiUrl, [liveScreenPop(deps)], {
      onError: (error) => log.warn({ err: error }, 'AMI: connection problem'),
    });
    lifecycle.onClose('asterisk', async () => asterisk.stop());
  }

  // Closing the app stops listening and waits for the requests in flight (within the grace).
  lifecycle.onClose('http', () => closeHttp(app));
  const address = await app.listen({ port: config.port, host: config.host });
  log.info({ address, engine: database.engine }, 'Kontakt is serving');

  if (options.demo) {
    const lines = logins.map(
      (l) => `  ${l.login.padEnd(12)} ${l.role.padEnd(14)} ${l.organisation ?? ''}`,
    );
    out(
      `\nKontakt demo at ${address}  (API docs: ${address}/api/docs)\n` +
        `Demo logins, password "${DEMO_PASSWORD}" (demo mode only):\n${lines.join('\n')}\n\n`,
    );
    // The import runs after start: a shutdown stops it between batches (what it wrote stays).
    const importing = demoImports(deps, config, log, lifecycle.signal);
    lifecycle.onClose('demo import', () => importing);
  }
}

/**
 * The read replica (ADR 054), its changes of state logged once each: back in use (info), or reads
 * sent to the primary and why (warn).
 */
function openReplica(
  settings: NonNullable<Config['replica']>,
  database: Database,
  log: Logger,
  onQuery: (durationMs: number, failed: boolean) => void,
): ReadReplica {
  return openReadReplica({
    url: settings.url,
    primary: database.db,
    maxLagSeconds: settings.maxLagSeconds,
    onQuery,
    onChange: (health) => {
      const fields = {
        replica: health.state,
        lagSeconds: health.lagSeconds,
        reason: health.reason,
      };
      if (health.state === 'in_use') log.info(fields, 'read replica in use');
      else log.warn(fields, 'read replica not used: reads go to the primary');
    },
  });
}

async function demoImports(
  deps: Deps,
  config: Config,
  log: Logger,
  signal: AbortSignal,
): Promise<void> {
  const shared = resolve(config.sharedDataDir);
  for (const [format, relative] of DEMO_IMPORTS) {
    if (!config.demoImports.includes(format)) continue;
    const file = join(shared, relative);
    if (!existsSync(file)) {
      log.info({ file }, 'shared real data not found; demo import skipped');
      continue;
    }
    if (signal.aborted) return;
    try {
      log.info({ format, file }, 'demo import started');
      const summary = await IMPORTERS[format](deps, file, { signal });
      log.info(
        { format, read: summary.read, imported: summary.imported, skipped: summary.skipped },
        'demo import done',
      );
      if (format === 'addresses' && !signal.aborted) {
        log.info(await seedDemoMaintainers(deps), 'demo maintainers (invented) assigned');
      }
    } catch (error) {
      if (signal.aborted) log.info({ format }, 'demo import stopped by the shutdown');
      else log.error({ err: error, format }, 'demo import failed');
    }
  }
}
