/**
 * The set every report starts from (issue 17): the appeals received in a period (Kyiv days) that
 * pass the filters, with their main executor and deadline; and what "on time" and "late" mean.
 */
import { sql, type RawBuilder } from 'kysely';
import type { Deps } from '../context.js';
import { onReader } from '../db/read-replica.js';
import type { ReportQuery } from './report-table.js';

/** The start of day `date` in `zone` as a SQL timestamptz expression. */
export function dayStart(date: string, zone: string): RawBuilder<Date> {
  return sql<Date>`((${date}::date)::timestamp AT TIME ZONE ${zone})`;
}

/**
 * The base set: appeals received in the period that pass the filters, with their executor and
 * deadline. One index-only range scan of `appeals_report_idx` (migration 0038, ADR 052): the
 * period is its key, and it holds every column selected here, the main executor included (kept on
 * the appeal by a trigger on assignments).
 */
export function base(q: ReportQuery, zone: string): RawBuilder<unknown> {
  const where: RawBuilder<unknown>[] = [
    sql`a.received_at >= ${dayStart(q.from, zone)}`,
    sql`a.received_at < ${dayStart(q.to, zone)} + interval '1 day'`,
  ];
  if (q.districtId !== undefined) where.push(sql`a.district_id = ${q.districtId}`);
  if (q.kind !== undefined) where.push(sql`a.kind = ${q.kind}`);
  if (q.questionTypeId !== undefined) where.push(sql`a.question_type_id = ${q.questionTypeId}`);
  if (q.channel !== undefined) where.push(sql`a.channel = ${q.channel}`);
  if (q.executorId !== undefined) where.push(sql`a.main_executor_id = ${q.executorId}`);
  return sql`SELECT a.id, a.received_at, a.closed_at, a.status, a.kind, a.channel, a.subject,
           a.receipt_sign, a.repeats_appeal_id, a.question_type_id, a.rework_count,
           a.extended_days, a.privileged, a.registered_by, a.applicant_id, a.district_id,
           a.result, a.author_sex, a.author_category,
           COALESCE(a.legal_deadline, a.control_date) AS deadline, a.main_executor_id AS executor_id
      FROM appeals a
     WHERE ${sql.join(where, sql` AND `)}`;
}

/**
 * The local starts of the day/week/month/quarter buckets from the one holding `q.from` to `q.to`,
 * as absolute times (a `timestamptz[]` expression, ascending), computed once per statement in the
 * centre's zone so that daylight-saving days fall in the right bucket. An appeal's bucket is then
 * `width_bucket(received_at, starts)`, a binary search: converting every appeal to local time
 * cost about a second per million (ADR 052).
 */
export function bucketStarts(
  unit: 'day' | 'week' | 'month' | 'quarter',
  q: ReportQuery,
  zone: string,
): RawBuilder<unknown> {
  return sql`ARRAY(SELECT s AT TIME ZONE ${zone}
    FROM generate_series(date_trunc(${unit}, ${q.from}::date::timestamp), ${q.to}::date::timestamp,
                         ${unit === 'quarter' ? '3 months' : `1 ${unit}`}::interval) AS s)`;
}

export const LATE = sql`b.closed_at IS NOT NULL AND b.deadline IS NOT NULL AND b.closed_at > b.deadline`;
export const ON_TIME = sql`b.closed_at IS NOT NULL AND (b.deadline IS NULL OR b.closed_at <= b.deadline)`;

/**
 * Runs a report's statements in one read-only transaction with settings for aggregating a year of
 * appeals (ADR 052): JIT compilation off — a report's plan is costed above `jit_above_cost`, and
 * compiling it took 2.2 s of a 2.7 s executors-per-year aggregate at 1M appeals; `work_mem`
 * 64 MB and sorting discouraged, so grouping a million rows hashes in memory (the planner
 * estimates the groups of several keys as the product of their counts — 800,000 where there are
 * 25,000 — and with the server's 4 MB it sorted on disk). All local to the transaction. Read-only:
 * a report never writes, so it runs on the read replica when one is configured and keeps up
 * (`onReader`, ADR 054), else on the primary; a replica lost meanwhile costs a retry on the
 * primary. What the caller writes after (a scheduled run's row) goes through its own `deps.db`.
 * Errors: the database's, and whatever `fn` throws (rolled back).
 */
export function inReportSession<T>(deps: Deps, fn: (deps: Deps) => Promise<T>): Promise<T> {
  return onReader(deps, (db) =>
    db.transaction().execute(async (trx) => {
      await sql`SET TRANSACTION READ ONLY`.execute(trx);
      await reportSettings(trx);
      return fn({ ...deps, db: trx });
    }),
  );
}

/** The settings of {@link inReportSession}, for the current transaction of `trx`. */
export async function reportSettings(trx: Deps['db']): Promise<void> {
  await sql`SET LOCAL jit = off`.execute(trx);
  await sql`SET LOCAL work_mem = '64MB'`.execute(trx);
  await sql`SET LOCAL enable_sort = off`.execute(trx);
}
