/**
 * The `kontakt generate` command: opens the configured database (PostgreSQL server or the embedded
 * PGlite), applies migrations, generates the appeals through the engine's fast path, then VACUUM
 * ANALYZE so the planner and index-only scans see the new rows at once.
 */
import { sql } from 'kysely';
import type { Config } from '../config.js';
import { openDatabase } from '../db/database.js';
import { migrateToLatest } from '../db/migrate.js';
import { badRequest } from '../errors.js';
import { generateAppeals, type GenerateReport } from './generate-appeals.js';
import { insertSink, postgresCopySink } from './sinks.js';

/** The most appeals one run generates (ten years of a capital). */
export const MAX_GENERATED_APPEALS = 10_000_000;

export interface GenerateCommandOptions {
  appeals: number;
  seed: number;
  /** ISO instant ending the generated period (default now). */
  until?: string;
  /** Print progress (default true). */
  verbose?: boolean;
}

/**
 * Run `kontakt generate` against the database of `config`.
 *
 * @returns the generator's report (also printed).
 * @throws AppError 400 `invalid_option` for a count above 10,000,000 or an invalid `--until`.
 */
export async function runGenerateCommand(
  config: Config,
  options: GenerateCommandOptions,
): Promise<GenerateReport> {
  if (options.appeals > MAX_GENERATED_APPEALS) {
    throw badRequest('invalid_option', `--appeals must be at most ${MAX_GENERATED_APPEALS}.`);
  }
  const until = options.until ? new Date(options.until) : new Date();
  if (Number.isNaN(until.getTime())) {
    throw badRequest(
      'invalid_option',
      '--until must be an ISO date-time, e.g. 2026-01-31T18:00:00Z.',
    );
  }
  const log = options.verbose === false ? () => {} : (line: string) => console.log(line);
  const database = await openDatabase({
    databaseUrl: config.databaseUrl,
    dataDir: config.dataDir,
    command: 'kontakt generate',
  });
  try {
    await migrateToLatest(database.db);
    const postgres = database.engine === 'postgres' && config.databaseUrl !== undefined;
    const sink = postgres ? await postgresCopySink(config.databaseUrl!) : insertSink(database.db);
    let report: GenerateReport;
    try {
      report = await generateAppeals(database.db, sink, {
        appeals: options.appeals,
        seed: options.seed,
        until,
        sharedDataDir: config.sharedDataDir,
        timeZone: config.timeZone,
        chunkSize: postgres ? 50_000 : 5_000,
        log,
      });
    } finally {
      await sink.close();
    }
    const analyseStarted = Date.now();
    await sql`VACUUM (ANALYZE) applicants, appeals, assignments, responses, reviews, appeal_events`.execute(
      database.db,
    );
    log(
      `Generated ${report.appeals.toLocaleString('en')} appeals (${report.applicants.toLocaleString('en')} applicants, ` +
        `${report.assignments.toLocaleString('en')} assignments, ${report.responses.toLocaleString('en')} responses, ` +
        `${report.reviews.toLocaleString('en')} reviews, ${report.events.toLocaleString('en')} events) ` +
        `on ${database.engine} in ${report.seconds.toFixed(1)} s; VACUUM ANALYZE ${((Date.now() - analyseStarted) / 1000).toFixed(1)} s.`,
    );
    return report;
  } finally {
    await database.close();
  }
}
