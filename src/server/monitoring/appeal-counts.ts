/**
 * The live counts (issue 18, ADR 048): appeals and consultations per hour × question type × kind ×
 * district in `appeal_hour_counts`, kept as appeals are registered — the registration's own
 * statement adds one (`insertNumberedAppeal`), imports and the generator add their batches here —
 * so the live picture and the spike detector read a few hundred rows, never a scan of `appeals`.
 *
 * Hours are UTC hours (`date_bin('1 hour', received_at, HOUR_ORIGIN)`), which are the city's hours
 * too (Europe/Kyiv is a whole number of hours from UTC); an appeal counts in the hour it was
 * received, under the question type and district it was registered with.
 */
import { type Kysely, sql } from 'kysely';
import type { AppealKind } from '../../domain/vocabulary.js';
import type { DB } from '../db/schema.js';

/** Origin of the hour buckets (any whole UTC hour). */
export const HOUR_ORIGIN = '2000-01-01T00:00:00Z';

export const HOUR_MS = 3_600_000;

/** The start of the hour bucket `at` falls in. */
export function hourOf(at: Date): Date {
  return new Date(Math.floor(at.getTime() / HOUR_MS) * HOUR_MS);
}

/**
 * The statement that counts the appeals with ids `$1` … `$2` (a batch just inserted) into the live
 * counts: plain text with positional parameters, for the generator's raw statements.
 */
export const COUNT_APPEAL_RANGE_SQL = `
  INSERT INTO appeal_hour_counts AS c (hour, question_type_id, kind, district_id, appeals)
  SELECT date_bin('1 hour', received_at, '${HOUR_ORIGIN}'::timestamptz), question_type_id, kind,
         coalesce(district_id, 0), count(*)
    FROM appeals
   WHERE id BETWEEN $1::integer AND $2::integer
   GROUP BY 1, 2, 3, 4
   ORDER BY 1, 2, 3, 4
  ON CONFLICT (hour, question_type_id, kind, district_id)
  DO UPDATE SET appeals = c.appeals + excluded.appeals`;

/** Count the appeals with these ids (an import's batch) into the live counts. */
export async function countAppealIds(db: Kysely<DB>, ids: readonly number[]): Promise<void> {
  if (ids.length === 0) return;
  await sql`
    INSERT INTO appeal_hour_counts AS c (hour, question_type_id, kind, district_id, appeals)
    SELECT date_bin('1 hour', received_at, ${HOUR_ORIGIN}::timestamptz), question_type_id, kind,
           coalesce(district_id, 0), count(*)
      FROM appeals
     WHERE id = ANY(${[...ids]}::integer[])
     GROUP BY 1, 2, 3, 4
     -- Rows taken in key order, as registration groups take them (ADR 067): no waits in a circle.
     ORDER BY 1, 2, 3, 4
    ON CONFLICT (hour, question_type_id, kind, district_id)
    DO UPDATE SET appeals = c.appeals + excluded.appeals`.execute(db);
}

/** One row of the counts, as stored or as recounted. */
export interface HourCount {
  hour: Date;
  questionTypeId: number;
  kind: string;
  districtId: number;
  appeals: number;
}

const countColumns = sql`hour, question_type_id AS "questionTypeId", kind,
                         district_id AS "districtId", appeals`;

/** The stored counts (sorted), for a comparison with {@link recountAppeals}. */
export async function storedCounts(db: Kysely<DB>): Promise<HourCount[]> {
  const { rows } = await sql<HourCount>`
    SELECT ${countColumns} FROM appeal_hour_counts WHERE appeals > 0
     ORDER BY hour, question_type_id, kind, district_id`.execute(db);
  return rows.map((r) => ({ ...r, appeals: Number(r.appeals) }));
}

/** The counts recomputed from `appeals` (a full scan: for checks and repair, never per refresh). */
export async function recountAppeals(db: Kysely<DB>): Promise<HourCount[]> {
  const { rows } = await sql<HourCount>`
    SELECT date_bin('1 hour', received_at, ${HOUR_ORIGIN}::timestamptz) AS hour,
           question_type_id AS "questionTypeId", kind, coalesce(district_id, 0) AS "districtId",
           count(*) AS appeals
      FROM appeals
     GROUP BY 1, 2, 3, 4
     ORDER BY 1, 2, 3, 4`.execute(db);
  return rows.map((r) => ({ ...r, appeals: Number(r.appeals) }));
}

/**
 * Replace the stored counts by a full recount (`kontakt`'s repair after writing appeals behind the
 * application's back). One transaction.
 */
export async function rebuildAppealCounts(db: Kysely<DB>): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await sql`DELETE FROM appeal_hour_counts`.execute(trx);
    await sql`
      INSERT INTO appeal_hour_counts (hour, question_type_id, kind, district_id, appeals)
      SELECT date_bin('1 hour', received_at, ${HOUR_ORIGIN}::timestamptz), question_type_id, kind,
             coalesce(district_id, 0), count(*)
        FROM appeals
       GROUP BY 1, 2, 3, 4`.execute(trx);
  });
}

/**
 * The counts of these hours (bucket starts), summed over kinds: what the detector reads — one
 * index range per hour of the primary key.
 */
export async function countsOfHours(
  db: Kysely<DB>,
  hours: readonly Date[],
): Promise<{ hour: Date; questionTypeId: number; districtId: number; appeals: number }[]> {
  if (hours.length === 0) return [];
  const { rows } = await sql<{
    hour: Date;
    questionTypeId: number;
    districtId: number;
    appeals: string | number;
  }>`
    SELECT hour, question_type_id AS "questionTypeId", district_id AS "districtId",
           sum(appeals) AS appeals
      FROM appeal_hour_counts
     WHERE hour = ANY(${hours.map((h) => h.toISOString())}::timestamptz[])
     GROUP BY 1, 2, 3`.execute(db);
  return rows.map((r) => ({ ...r, appeals: Number(r.appeals) }));
}

/** The first hour with any count (the start of the history baselines may use), or null. */
export async function firstCountedHour(db: Kysely<DB>): Promise<Date | null> {
  const row = await db
    .selectFrom('appeal_hour_counts')
    .select((eb) => eb.fn.min('hour').as('first'))
    .executeTakeFirst();
  return (row?.first as Date | null | undefined) ?? null;
}

/**
 * The live counts of the last `hours` hours (the current one so far included), summed by question
 * type × kind × district: what the live picture shows, read from the counts only.
 */
export async function liveCounts(
  db: Kysely<DB>,
  now: Date,
  hours: number,
): Promise<{
  from: string;
  rows: { questionTypeId: number; kind: AppealKind; districtId: number | null; appeals: number }[];
}> {
  const from = new Date(hourOf(now).getTime() - (hours - 1) * HOUR_MS);
  const rows = await db
    .selectFrom('appeal_hour_counts')
    .select((eb) => [
      'question_type_id as questionTypeId',
      'kind',
      'district_id as districtId',
      eb.fn.sum<string | number>('appeals').as('appeals'),
    ])
    .where('hour', '>=', from)
    .groupBy(['question_type_id', 'kind', 'district_id'])
    .orderBy('question_type_id')
    .orderBy('kind')
    .orderBy('district_id')
    .execute();
  return {
    from: from.toISOString(),
    rows: rows.map((r) => ({
      questionTypeId: r.questionTypeId,
      kind: r.kind,
      districtId: r.districtId === 0 ? null : r.districtId,
      appeals: Number(r.appeals),
    })),
  };
}
