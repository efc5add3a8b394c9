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
import type { WorkCalendar } from '../../domain/calendar/work-calendar.js';
import { formatRegistrationNumber, matchKey } from '../../domain/text.js';
import type { Channel } from '../../domain/vocabulary.js';
import type { DB } from '../db/schema.js';
import { loadCalendar } from '../calendar/calendar.repository.js';
import { seedReferenceData } from '../setup/seed-reference-data.js';
import { ensureExecutors } from './executors.js';
import { Random, WeightedChoice, zipfWeights } from './random.js';
import { loadDistributions } from './shared-data.js';
import type { RunStatement, Sink } from './sinks.js';
import * as T from './texts-uk.js';
import {
  type Buffers,
  buildAppeal,
  type Model,
  type NextIds,
  type QuestionType,
} from './build-appeal.js';

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
/** Relative intake by local hour: calls to the centre, and the site / app. */
const CALL_HOURS = [
  0.25, 0.15, 0.1, 0.08, 0.08, 0.15, 0.5, 1.4, 2.9, 4.2, 4.5, 4.3, 4.0, 3.8, 3.6, 3.4, 3.2, 3.0,
  2.7, 2.3, 1.8, 1.3, 0.8, 0.45,
];
const WEB_HOURS = [
  0.9, 0.6, 0.4, 0.3, 0.3, 0.4, 0.8, 1.5, 2.4, 3.0, 3.2, 3.1, 3.0, 2.9, 2.8, 2.8, 2.9, 3.0, 3.2,
  3.4, 3.4, 3.0, 2.3, 1.5,
];

const APPLICANT_COLUMNS = [
  'id', 'full_name', 'phones', 'phone_keys', 'email', 'address', 'privileged_category',
  'social_status', 'created_at', 'updated_at',
]; // prettier-ignore
const APPEAL_COLUMNS = [
  'id', 'number', 'received_at', 'registered_at', 'channel', 'kind', 'subject', 'receipt_sign',
  'applicant_id', 'question_type_id', 'address_text', 'latitude', 'longitude', 'description',
  'confidential', 'privileged', 'status', 'result', 'control_date', 'legal_deadline',
  'deadline_state', 'rework_count', 'closed_at', 'updated_at',
]; // prettier-ignore
const ASSIGNMENT_COLUMNS = [
  'id', 'appeal_id', 'executor_id', 'role', 'state', 'control_date', 'assigned_at', 'accepted_at',
  'finished_at',
]; // prettier-ignore
const RESPONSE_COLUMNS = [
  'id',
  'appeal_id',
  'assignment_id',
  'text',
  'proposed_result',
  'created_at',
];
const REVIEW_COLUMNS = [
  'id',
  'appeal_id',
  'response_id',
  'decision',
  'result',
  'comment',
  'created_at',
];
const EVENT_COLUMNS = [
  'appeal_id', 'at', 'actor_label', 'type', 'from_status', 'to_status', 'comment', 'data',
]; // prettier-ignore

/** Tables whose ids the generator gives itself (their identity sequences are moved past them). */
const ID_TABLES = ['applicants', 'appeals', 'assignments', 'responses', 'reviews'] as const;

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

  const days = Math.min(3653, Math.max(60, Math.round(options.appeals / APPEALS_PER_DAY)));
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
  const applicantPool: { id: number; privileged: boolean }[] = [];
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

/** Tables a bulk load fills: their secondary indexes and foreign keys are built after it. */
const BULK_TABLES = [...ID_TABLES, 'appeal_events'] as const;

/** Index and foreign-key definitions dropped before a bulk load, to build again after it. */
interface DeferredDefinitions {
  indexes: { name: string; definition: string }[];
  foreignKeys: { table: string; name: string; definition: string }[];
}

/**
 * In the bulk load's transaction: lock the tables, make sure they are still empty, and drop their
 * indexes that back no constraint (primary keys and unique constraints stay) and their foreign keys.
 *
 * @throws Error when a table is no longer empty (another process wrote meanwhile).
 */
async function dropDeferrable(run: RunStatement): Promise<DeferredDefinitions> {
  await run(`LOCK TABLE ${BULK_TABLES.join(', ')} IN ACCESS EXCLUSIVE MODE`, []);
  for (const table of BULK_TABLES) {
    const rows = await run(`SELECT EXISTS (SELECT 1 FROM ${table}) AS filled`, []);
    if ((rows[0] as { filled: boolean }).filled) {
      throw new Error(
        `Rows were added to ${table} while generating: run the generator on a quiet database (stop the server).`,
      );
    }
  }
  const tables = [...BULK_TABLES];
  const indexes = (await run(
    `SELECT i.indexrelid::regclass::text AS name, pg_get_indexdef(i.indexrelid) AS definition
       FROM pg_index i
      WHERE i.indrelid = ANY($1::text[]::regclass[]) AND NOT i.indisprimary
        AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid)
      ORDER BY 1`,
    [tables],
  )) as DeferredDefinitions['indexes'];
  const foreignKeys = (await run(
    `SELECT conrelid::regclass::text AS table, quote_ident(conname) AS name,
            pg_get_constraintdef(oid) AS definition
       FROM pg_constraint
      WHERE contype = 'f' AND conrelid = ANY($1::text[]::regclass[])
      ORDER BY 1, 2`,
    [tables],
  )) as DeferredDefinitions['foreignKeys'];
  for (const fk of foreignKeys) await run(`ALTER TABLE ${fk.table} DROP CONSTRAINT ${fk.name}`, []);
  for (const index of indexes) await run(`DROP INDEX ${index.name}`, []);
  return { indexes, foreignKeys };
}

/** Build the dropped indexes (with more sort memory) and validate and add the foreign keys. */
async function rebuildDeferred(run: RunStatement, deferred: DeferredDefinitions): Promise<void> {
  await run(`SET LOCAL maintenance_work_mem = '512MB'`, []);
  for (const index of deferred.indexes) await run(index.definition, []);
  for (const fk of deferred.foreignKeys) {
    await run(`ALTER TABLE ${fk.table} ADD CONSTRAINT ${fk.name} ${fk.definition}`, []);
  }
}

async function buildModel(
  db: Kysely<DB>,
  random: Random,
  distributions: ReturnType<typeof loadDistributions>,
  executorIds: number[],
  calendar: WorkCalendar,
  timeZone: string,
  until: Date,
): Promise<Model> {
  const rows = await db
    .selectFrom('question_types as qt')
    .innerJoin('classifier_kinds as k', 'k.id', 'qt.kind_id')
    .leftJoin('routing_rules as r', 'r.question_type_id', 'qt.id')
    .select([
      'qt.id',
      'qt.name',
      'qt.term_days',
      'qt.term_hours',
      'qt.review_margin_days',
      'qt.is_emergency',
      'k.name as kind_name',
      'r.executor_id',
    ])
    .where('qt.active', '=', true)
    .where('k.active', '=', true)
    .orderBy('k.position')
    .orderBy('qt.id')
    .execute();
  const details = new Map(Object.entries(T.KIND_DETAILS).map(([k, v]) => [matchKey(k), v]));
  const known = [...distributions.kindCounts.values()];
  const fallbackCount = known.length > 0 ? Math.min(...known) : 100;
  const byKind = new Map<string, typeof rows>();
  for (const row of rows) {
    const list = byKind.get(row.kind_name) ?? [];
    list.push(row);
    byKind.set(row.kind_name, list);
  }
  const types: QuestionType[] = [];
  const weights: number[] = [];
  for (const [kindName, list] of byKind) {
    const key = matchKey(kindName);
    const kindCount = distributions.kindCounts.get(key) ?? fallbackCount;
    const spread = list.map((row, i) => (row.is_emergency ? 0.3 : 1) / Math.pow(i + 1, 0.8));
    const sum = spread.reduce((a, b) => a + b, 0);
    list.forEach((row, i) => {
      types.push({
        id: row.id,
        kindName,
        name: row.name,
        termDays: row.term_days,
        termHours: row.term_hours,
        reviewMargin: row.review_margin_days,
        isEmergency: row.is_emergency,
        executorId: row.executor_id,
        details: details.get(key) ?? T.GENERIC_DETAILS,
        lawKind: /претензії|скарг/i.test(kindName)
          ? 'complaint'
          : /пропозиції|подяки/i.test(kindName)
            ? 'proposal'
            : 'application',
      });
      weights.push((kindCount * spread[i]!) / sum);
    });
  }
  if (types.length === 0) throw new Error('No active question types: run `kontakt seed` first.');

  const open = [...distributions.statusCounts].filter(([status]) => status !== 'closed');
  // Executors by rank: a fixed shuffle of the ids, so which one is busiest depends on the seed only.
  const ranked = [...executorIds];
  const shuffle = random.fork();
  for (let i = ranked.length - 1; i > 0; i--) {
    const j = shuffle.int(0, i);
    [ranked[i], ranked[j]] = [ranked[j]!, ranked[i]!];
  }
  const hours = Array.from({ length: 24 }, (_, h) => h);
  return {
    random,
    questionTypes: new WeightedChoice(types, weights),
    channels: new WeightedChoice(
      [...distributions.channelCounts.keys()],
      [...distributions.channelCounts.values()],
    ),
    openStatuses: new WeightedChoice(
      open.map(([s]) => s),
      open.map(([, n]) => n),
    ),
    results: new WeightedChoice(
      [...distributions.resultCounts.keys()],
      [...distributions.resultCounts.values()],
    ),
    streets: new WeightedChoice(distributions.streets.names, distributions.streets.weights),
    executors: new WeightedChoice(ranked, zipfWeights(ranked.length, 1.0)),
    privileged: new WeightedChoice(
      T.PRIVILEGED_CATEGORIES.map(([c]) => c),
      T.PRIVILEGED_CATEGORIES.map(([, w]) => w),
    ),
    callHours: new WeightedChoice(hours, CALL_HOURS),
    webHours: new WeightedChoice(hours, WEB_HOURS),
    calendar,
    timeZone,
    until: until.getTime(),
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

async function nextIds(db: Kysely<DB>): Promise<NextIds> {
  const next = {} as NextIds;
  for (const table of ID_TABLES) {
    const row = await db
      .selectFrom(table)
      .select((eb) => eb.fn.max<number | null>('id').as('max'))
      .executeTakeFirst();
    next[table] = Number(row?.max ?? 0) + 1;
  }
  return next;
}

async function readCounters(db: Kysely<DB>): Promise<Map<number, number>> {
  const rows = await db.selectFrom('registration_counters').selectAll().execute();
  return new Map(rows.map((r) => [r.year, r.last_value]));
}
