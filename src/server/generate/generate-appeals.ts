/**
 * `kontakt generate --appeals N`: a capital's worth of appeals, following the real Kyiv 1551
 * distributions, for benchmarks and demos at scale. Deterministic for a seed and an end instant.
 *
 * What one appeal gets, and from where:
 * - question type: the Kyiv 1551 volume of its classifier kind (September 2025), spread over the
 *   kind's question types with a mild skew (emergency types rarer);
 * - received time: a period ending at `until` of about 2,740 appeals a day (Kyiv's million a year),
 *   weighted by weekday (Monday busiest, Sunday half) and by hour (calls peak 9–12, the site and app
 *   run flatter into the evening);
 * - channel, status, result: the Kyiv 1551 counts; an appeal's chance to be still open decays with
 *   its age (most close within weeks, about 1 % stay open for good), and open ones take the real mix
 *   of registered / on check / rework / in work;
 * - executor: the question type's routing rule for 45 %, otherwise a Zipf law over ~480 executors,
 *   so a few carry most of the load; 4 % get a co-executor;
 * - address: a real Kyiv street, weighted by how often it appears, with a generated house number;
 * - applicant: invented names and phones (`+380 XX 000 XX XX`), 35 % repeat applicants, ~4 %
 *   privileged (Law 393/96-ВР Art. 20), 1 % anonymous appeals;
 * - history: registered, assigned, accepted, responded, reviewed (with rework for ~6 %), cancelled
 *   or returned as not in competence where the result says so, and the overdue mark the sweep would
 *   have left — with responses and reviews rows to match;
 * - legal deadline and control date by the deadline engine and the city's work calendar.
 *
 * Ids continue after the existing rows; registration numbers continue each year's counter, which is
 * advanced in the same transaction as each chunk. Run it on a quiet database (no server writing):
 * a chunk that finds new rows written meanwhile stops with a message and leaves nothing behind.
 * On an empty PostgreSQL database the whole load is one transaction that builds the secondary
 * indexes and foreign keys after the rows (see `dropDeferrable`); a failure leaves nothing.
 */
import { DateTime } from 'luxon';
import type { Kysely } from 'kysely';
import { formatRegistrationNumber } from '../../domain/text.js';
import type { Channel } from '../../domain/vocabulary.js';
import type { DB } from '../db/schema.js';
import { loadCalendar } from '../calendar/calendar.repository.js';
import { seedReferenceData } from '../setup/seed-reference-data.js';
import { ensureExecutors } from './executors.js';
import { Random } from './random.js';
import { loadDistributions } from './shared-data.js';
import type { Sink } from './sinks.js';
import { buildAppeal } from './build-appeal.js';
import { type Buffers, buildModel, type PooledApplicant } from './generator-model.js';
import {
  APPEAL_COLUMNS,
  APPLICANT_COLUMNS,
  ASSIGNMENT_COLUMNS,
  EVENT_COLUMNS,
  ID_TABLES,
  nextIds,
  readCounters,
  RESPONSE_COLUMNS,
  REVIEW_COLUMNS,
} from './generator-tables.js';
import { COUNT_APPEAL_RANGE_SQL } from '../monitoring/appeal-counts.js';
import { MARK_APPEAL_RANGE_SQL } from '../deadlines/sweep.js';
import { type DeferredDefinitions, dropDeferrable, rebuildDeferred } from './bulk-load.js';

export interface GenerateOptions {
  /** How many appeals to add (1 … 10,000,000). */
  appeals: number;
  /** Seed of the random streams; the same seed and `until` give the same data. */
  seed: number;
  /** End of the generated period (default: now). Open appeals' deadlines are relative to it. */
  until?: Date;
  /** The shared real data folder (`KONTAKT_SHARED_DATA`). */
  sharedDataDir: string;
  /** The city's time zone (`TZ`). */
  timeZone: string;
  /** Executors to have at least (default 480). */
  executors?: number;
  /**
   * Days the period spans, ending at `until` (default: the count at Kyiv's ~2,740 a day, at least
   * 60). A smaller city's history: fewer appeals over the same days (issue 18's monitoring tests).
   */
  days?: number;
  /** Appeals per transaction (default 50,000; use ~5,000 on PGlite). */
  chunkSize?: number;
  /** Progress lines (default: none). */
  log?: (line: string) => void;
}

export interface GenerateReport {
  appeals: number;
  applicants: number;
  assignments: number;
  responses: number;
  reviews: number;
  events: number;
  executors: number;
  from: string;
  until: string;
  seconds: number;
  /** Which shared files were read, and which fell back to built-in lists. */
  notes: string[];
}

/** Appeals a day at Kyiv's scale (about a million a year). */
const APPEALS_PER_DAY = 2740;

/** Relative intake by ISO weekday (1 = Monday). */
const WEEKDAY_WEIGHTS = [0, 1.18, 1.1, 1.05, 1.0, 0.95, 0.6, 0.52];

/**
 * Generate `options.appeals` appeals into the database behind `db` (reference data, executors) and
 * `sink` (the rows).
 *
 * @throws Error when rows were written to the same tables meanwhile (the chunk is rolled back).
 */
export async function generateAppeals(
  db: Kysely<DB>,
  sink: Sink,
  options: GenerateOptions,
): Promise<GenerateReport> {
  const started = Date.now();
  const log = options.log ?? (() => {});
  const until = options.until ?? new Date();
  const zone = options.timeZone;
  const distributions = loadDistributions(options.sharedDataDir);
  for (const note of distributions.notes) log(`data: ${note}`);

  await seedReferenceData(db);
  const executorIds = await ensureExecutors(db, options.executors ?? 480);
  const calendar = await loadCalendar(db, zone, until);
  const random = new Random(options.seed);
  const model = await buildModel(db, random, distributions, executorIds, calendar, zone, until);

  const days =
    options.days ?? Math.min(3653, Math.max(60, Math.round(options.appeals / APPEALS_PER_DAY)));
  const lastDay = DateTime.fromJSDate(until, { zone }).startOf('day');
  const firstDay = lastDay.minus({ days: days - 1 });
  log(
    `generating ${options.appeals.toLocaleString('en')} appeals from ${firstDay.toISODate()} to ` +
      `${until.toISOString()} (seed ${options.seed}, ${executorIds.length} executors)`,
  );

  const dayCounts = spreadOverDays(options.appeals, firstDay, days, model.random.fork());
  const next = await nextIds(db);
  const counters = await readCounters(db);
  // On an empty database (PostgreSQL), the whole load is one transaction that drops the secondary
  // indexes and foreign keys of the tables it fills and builds them again at the end: building an
  // index once is several times cheaper than maintaining it row by row (the GIN text index most),
  // and one validating join replaces millions of per-row foreign-key checks. Nothing of that is
  // visible outside the transaction, and a failure rolls it all back.
  const bulk =
    ID_TABLES.every((table) => next[table] === 1) &&
    sink.beginBulk !== undefined &&
    sink.endBulk !== undefined;
  let deferred: DeferredDefinitions = { indexes: [], foreignKeys: [] };
  if (bulk) {
    await sink.beginBulk!(async (run) => {
      deferred = await dropDeferrable(run);
    });
    log(
      `empty database: ${deferred.indexes.length} secondary indexes and ${deferred.foreignKeys.length} ` +
        'foreign keys are built after the load, in the same transaction',
    );
  }
  const newBuffers = (): Buffers => ({
    applicants: sink.buffer('applicants', APPLICANT_COLUMNS),
    appeals: sink.buffer('appeals', APPEAL_COLUMNS),
    assignments: sink.buffer('assignments', ASSIGNMENT_COLUMNS),
    responses: sink.buffer('responses', RESPONSE_COLUMNS),
    reviews: sink.buffer('reviews', REVIEW_COLUMNS),
    events: sink.buffer('appeal_events', EVENT_COLUMNS),
  });
  let buffers = newBuffers();
  const totals = { applicants: 0, appeals: 0, assignments: 0, responses: 0, reviews: 0, events: 0 };
  const chunkSize = options.chunkSize ?? 50_000;
  let expected = { ...next };
  const applicantPool: PooledApplicant[] = [];
  const deadlineCache = new Map<string, { legal: number; control: number }>();

  /**
   * Write the full buffers as one chunk. The write runs while the next chunk is generated (the
   * database ingests one chunk while Node builds the next); chunks still commit one after another.
   */
  let writing: Promise<void> = Promise.resolve();
  const flush = async () => {
    const chunk = buffers;
    buffers = newBuffers();
    const startIds = expected;
    const endIds = { ...next };
    expected = endIds;
    const usedCounters = new Map(counters);
    const previous = writing;
    writing = (async () => {
      await previous;
      await sink.writeChunk(
        [
          chunk.applicants,
          chunk.appeals,
          chunk.assignments,
          chunk.responses,
          chunk.reviews,
          chunk.events,
        ],
        {
          before: async (run) => {
            await run(`LOCK TABLE ${ID_TABLES.join(', ')} IN SHARE ROW EXCLUSIVE MODE`, []);
            for (const table of ID_TABLES) {
              const rows = await run(`SELECT coalesce(max(id), 0) + 1 AS next FROM ${table}`, []);
              if (Number((rows[0] as { next: number | string }).next) !== startIds[table]) {
                throw new Error(
                  `Rows were added to ${table} while generating: run the generator on a quiet database (stop the server).`,
                );
              }
            }
          },
          after: async (run) => {
            for (const table of ID_TABLES) {
              if (endIds[table] > startIds[table]) {
                await run(`SELECT setval(pg_get_serial_sequence('${table}', 'id'), $1::bigint)`, [
                  endIds[table] - 1,
                ]);
              }
            }
            if (endIds.appeals > startIds.appeals) {
              const range = [startIds.appeals, endIds.appeals - 1];
              // The live counts (issue 18): the chunk's appeals added to their hours.
              await run(COUNT_APPEAL_RANGE_SQL, range);
              // The sweep's marks (ADR 058) as of `until`: open and past the control date,
              // overdue; within a day of it, due soon.
              await run(MARK_APPEAL_RANGE_SQL, [...range, new Date(model.until).toISOString()]);
            }
            for (const [year, last] of usedCounters) {
              await run(
                `INSERT INTO registration_counters (year, last_value) VALUES ($1::integer, $2::integer)
                 ON CONFLICT (year) DO UPDATE
                 SET last_value = GREATEST(registration_counters.last_value, EXCLUDED.last_value)`,
                [year, last],
              );
            }
          },
        },
      );
      for (const key of Object.keys(totals) as (keyof typeof totals)[]) {
        totals[key] += chunk[key].size;
      }
      log(
        `  ${totals.appeals.toLocaleString('en')} appeals, ${totals.events.toLocaleString('en')} events ` +
          `(${((Date.now() - started) / 1000).toFixed(1)} s)`,
      );
    })();
    // Only one chunk waits in memory: wait for the one before this to commit.
    await previous;
  };

  let day = firstDay;
  let sinceYield = 0;
  for (const count of dayCounts) {
    const hourStarts = Array.from({ length: 25 }, (_, h) =>
      h < 24 ? day.set({ hour: h }).toMillis() : day.plus({ days: 1 }).toMillis(),
    );
    const localDate = day.toISODate()!;
    const year = day.year;
    const times: { at: number; channel: Channel }[] = [];
    for (let i = 0; i < count; i++) {
      const channel = model.channels.draw(model.random);
      const hours =
        channel === 'portal' || channel === 'mobile_app' ? model.webHours : model.callHours;
      const hour = hours.draw(model.random);
      let at =
        hourStarts[hour]! + model.random.next() * (hourStarts[hour + 1]! - hourStarts[hour]!);
      if (at >= model.until) {
        // The last day ends at `until`: squeeze its times into the part already past.
        at =
          hourStarts[0]! +
          ((at - hourStarts[0]!) * (model.until - hourStarts[0]!)) /
            (hourStarts[24]! - hourStarts[0]!);
      }
      times.push({ at: Math.floor(at), channel });
    }
    times.sort((a, b) => a.at - b.at);
    for (const { at, channel } of times) {
      const sequence = (counters.get(year) ?? 0) + 1;
      counters.set(year, sequence);
      buildAppeal(model, buffers, next, {
        receivedAt: at,
        channel,
        number: formatRegistrationNumber(year, sequence),
        localDate,
        applicantPool,
        deadlineCache,
      });
      if (buffers.appeals.size >= chunkSize) await flush();
      // Let the chunk being written move on (its stream runs on this event loop).
      if (++sinceYield >= 500) {
        sinceYield = 0;
        await new Promise<void>((resolve) => setImmediate(resolve));
      }
    }
    day = day.plus({ days: 1 });
  }
  if (buffers.appeals.size > 0) await flush();
  await writing;
  if (bulk) {
    const rebuildStarted = Date.now();
    await sink.endBulk!((run) => rebuildDeferred(run, deferred));
    log(
      `  indexes and foreign keys built, load committed (${((Date.now() - rebuildStarted) / 1000).toFixed(1)} s)`,
    );
  }

  return {
    ...totals,
    executors: executorIds.length,
    from: firstDay.toISO()!,
    until: until.toISOString(),
    seconds: (Date.now() - started) / 1000,
    notes: distributions.notes,
  };
}

/** Split `total` over `days` local days by weekday weight with ±15 % day-to-day noise. */
function spreadOverDays(total: number, firstDay: DateTime, days: number, random: Random): number[] {
  const weights: number[] = [];
  for (let i = 0; i < days; i++) {
    const weekday = firstDay.plus({ days: i }).weekday;
    weights.push(WEEKDAY_WEIGHTS[weekday]! * (0.85 + 0.3 * random.next()));
  }
  const sum = weights.reduce((a, b) => a + b, 0);
  const counts: number[] = [];
  let cumulative = 0;
  let given = 0;
  for (const w of weights) {
    cumulative += w;
    const upTo = Math.round((cumulative / sum) * total);
    counts.push(upTo - given);
    given = upTo;
  }
  return counts;
}
