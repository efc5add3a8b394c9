/**
 * Start the whole system: open the database, apply migrations, (in demo mode) seed, and listen.
 * Stops gracefully on SIGINT/SIGTERM: stops taking requests, lets running ones finish, closes the
 * database (and releases the embedded data directory).
 */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { diskFileStore } from './attachments/file-store.js';
import type { Config } from './config.js';
import type { Deps } from './context.js';
import { openDatabase } from './db/database.js';
import { migrateToLatest } from './db/migrate.js';
import { buildApp } from './app.js';
import { startJobs } from './jobs/scheduler.js';
import { type Mailer, smtpMailer } from './notifications/delivery.js';
import { ensureWebBuilt } from './http/web-app.js';
import { IMPORTERS } from './imports/importers.js';
import { seedReferenceData } from './setup/seed-reference-data.js';
import { DEMO_PASSWORD, seedDemo } from './setup/seed-demo.js';

export interface ServeOptions {
  demo: boolean;
}

/** The shared real data imported by the demo, when present: format and path below the data folder. */
const DEMO_IMPORTS = [
  ['kyiv1551', 'kyiv1551/sample-records.json'],
  ['publicstuff-csv', 'service-requests/nyc-publicstuff-2010-2018.csv'],
] as const;

export async function serve(config: Config, options: ServeOptions): Promise<void> {
  const database = await openDatabase({
    databaseUrl: config.databaseUrl,
    dataDir: config.dataDir,
    command: 'kontakt serve',
  });
  const deps: Deps = {
    db: database.db,
    config,
    now: () => new Date(),
    files: diskFileStore(join(config.dataDir, 'files')),
  };
  await ensureWebBuilt((message) => process.stdout.write(`${message}\n`));
  const app = await buildApp(deps, {
    engine: database.engine,
    logger: {
      level: config.logLevel,
      ...(process.stdout.isTTY ? { transport: { target: 'pino-pretty' } } : {}),
    },
  });
  const log = app.log;

  let closing = false;
  let stopJobs: () => Promise<void> = async () => {};
  let mailer: Mailer | null = null;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    log.info({ signal }, 'shutting down');
    await app.close();
    await stopJobs();
    mailer?.close();
    await database.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));

  const applied = await migrateToLatest(database.db);
  if (applied.length > 0) log.info({ migrations: applied }, 'migrations applied');
  const reference = await seedReferenceData(database.db);
  if (reference.organisations + reference.kinds + reference.questionTypes > 0) {
    log.info(reference, 'reference data seeded');
  }

  let logins: Awaited<ReturnType<typeof seedDemo>> = [];
  if (options.demo) logins = await seedDemo(deps);

  mailer = config.smtpUrl ? smtpMailer(config.smtpUrl, config.mailFrom) : null;
  if (!mailer) log.info('SMTP_URL is not set: notifications stay in the outbox and the web app');
  stopJobs = config.runJobs ? startJobs(deps, mailer, log) : async () => {};

  const address = await app.listen({ port: config.port, host: config.host });
  log.info({ address, engine: database.engine }, 'Kontakt is serving');

  if (options.demo) {
    const lines = logins.map(
      (l) => `  ${l.login.padEnd(12)} ${l.role.padEnd(14)} ${l.organisation ?? ''}`,
    );
    process.stdout.write(
      `\nKontakt demo at ${address}  (API docs: ${address}/api/docs)\n` +
        `Demo logins, password "${DEMO_PASSWORD}" (demo mode only):\n${lines.join('\n')}\n\n`,
    );
    const shared = resolve(config.sharedDataDir);
    for (const [format, relative] of DEMO_IMPORTS) {
      const file = join(shared, relative);
      if (!existsSync(file)) {
        log.info({ file }, 'shared real data not found; demo import skipped');
        continue;
      }
      try {
        const summary = await IMPORTERS[format](deps, file);
        log.info(
          { format, read: summary.read, imported: summary.imported, skipped: summary.skipped },
          'demo import done',
        );
      } catch (error) {
        log.error({ err: error, format }, 'demo import failed');
      }
    }
  }
}
