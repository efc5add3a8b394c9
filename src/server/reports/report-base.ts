/**
 * The set every report starts from (issue 17): the appeals received in a period (Kyiv days) that
 * pass the filters, with their main executor and deadline; and what "on time" and "late" mean.
 */
import { sql, type RawBuilder } from 'kysely';
import type { ReportQuery } from './report-table.js';

/** The start of day `date` in `zone` as a SQL timestamptz expression. */
export function dayStart(date: string, zone: string): RawBuilder<Date> {
  return sql<Date>`((${date}::date)::timestamp AT TIME ZONE ${zone})`;
}

/**
 * The base set: appeals received in the period that pass the filters, with their executor and
 * deadline. The period uses `appeals_received_idx`; the executor comes from one lateral index probe
 * (`assignments_appeal_idx`) per appeal.
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
  const executor = q.executorId !== undefined ? sql`WHERE b.executor_id = ${q.executorId}` : sql``;
  return sql`SELECT * FROM (
    SELECT a.id, a.received_at, a.closed_at, a.status, a.kind, a.channel, a.subject,
           a.receipt_sign, a.repeats_appeal_id, a.question_type_id, a.rework_count,
           a.extended_days, a.privileged, a.registered_by, a.applicant_id, a.district_id,
           a.result, a.author_sex, a.author_category,
           COALESCE(a.legal_deadline, a.control_date) AS deadline, m.executor_id
      FROM appeals a
      LEFT JOIN LATERAL (
        SELECT s.executor_id FROM assignments s
         WHERE s.appeal_id = a.id AND s.role = 'main' AND s.state NOT IN ('returned', 'withdrawn')
         ORDER BY s.id DESC LIMIT 1
      ) m ON true
     WHERE ${sql.join(where, sql` AND `)}
  ) b ${executor}`;
}

export const LATE = sql`b.closed_at IS NOT NULL AND b.deadline IS NOT NULL AND b.closed_at > b.deadline`;
export const ON_TIME = sql`b.closed_at IS NOT NULL AND (b.deadline IS NULL OR b.closed_at <= b.deadline)`;
