/**
 * The report constructor's one statement (issue 17, item 2; ADR 051). Every piece of SQL comes
 * from the fixed whitelist below — one fragment per dimension and per measure's sums — and the
 * only values from the request are bound parameters (the period, the filters, the time zone), so
 * no text a user sent ever becomes SQL.
 *
 * Shape: the period's base set (`report-base.ts`: `appeals_received_idx`, the main executor by one
 * index probe per appeal), each appeal's row key `r` and column key `c` computed once in `g`, then
 * one GROUP BY with GROUPING SETS — the cells (r, c), the row totals (r), the column totals (c) and
 * the grand total () — whose sums (count, closed, on time, days, reworks, ratings) the caller turns
 * into measures, so totals are recomputed from sums and never averaged.
 */
import { sql, type RawBuilder } from 'kysely';
import type { PivotDimension, PivotMeasure, PivotSums } from '../../domain/pivot.js';
import type { Deps } from '../context.js';
import { base, ON_TIME } from './report-base.js';
import type { ReportQuery } from './report-table.js';

/** The key of each dimension for an appeal of the base set `b` (text; NULL = not stated). */
function dimensionKey(d: PivotDimension, zone: string): RawBuilder<string | null> {
  const local = sql`(b.received_at AT TIME ZONE ${zone})`;
  switch (d) {
    case 'day':
      return sql`to_char(${local}, 'YYYY-MM-DD')`;
    case 'week':
      return sql`to_char(date_trunc('week', ${local}), 'IYYY-"W"IW')`;
    case 'month':
      return sql`to_char(${local}, 'YYYY-MM')`;
    case 'quarter':
      return sql`to_char(${local}, 'YYYY-"Q"Q')`;
    case 'district':
      return sql`b.district_id::text`;
    case 'executor':
      return sql`b.executor_id::text`;
    case 'executor_parent':
      return sql`eo.parent_id::text`;
    case 'kind':
      return sql`b.kind::text`;
    case 'question_type':
      return sql`b.question_type_id::text`;
    case 'channel':
      return sql`b.channel::text`;
    case 'status':
      return sql`b.status::text`;
    case 'result':
      return sql`b.result`;
    case 'social_category':
      return sql`b.author_category`;
    case 'sex':
      return sql`b.author_sex`;
    case 'privileged':
      return sql`b.privileged::text`;
  }
}

/** One group of the statement: its row and column keys, which totals it is, and its sums. */
export interface PivotGroup {
  row: string | null;
  column: string | null;
  /** A row total (all columns) / a column total (all rows); both: the grand total. */
  allColumns: boolean;
  allRows: boolean;
  sums: PivotSums;
}

/** What the statement groups by and which sums it needs. */
export interface PivotSpec {
  rows: PivotDimension;
  columns?: PivotDimension | undefined;
  measures: readonly PivotMeasure[];
}

/**
 * Runs the pivot's statement over the appeals received in [q.from, q.to] (inclusive city days)
 * with q's filters. Returns every group: cells, row totals, column totals (with a columns'
 * dimension) and the grand total. Errors: only the database's.
 */
export async function pivotGroups(
  deps: Deps,
  spec: PivotSpec,
  q: ReportQuery,
): Promise<PivotGroup[]> {
  const zone = deps.config.timeZone;
  const ratings = spec.measures.includes('avg_rating');
  const parent = spec.rows === 'executor_parent' || spec.columns === 'executor_parent';
  const column = spec.columns ? dimensionKey(spec.columns, zone) : sql`NULL::text`;
  const sets = spec.columns ? sql`(r, c), (r), (c), ()` : sql`(r), ()`;
  const { rows } = await sql<Record<string, string | number | null>>`
    WITH b AS (${base(q, zone)}),
    ${
      ratings
        ? sql`rt AS (
      SELECT x.appeal_id, sum(x.v) AS s, count(*) AS n FROM (
        SELECT f.appeal_id, f.rating AS v FROM appeal_feedback f JOIN b ON b.id = f.appeal_id
        UNION ALL
        SELECT c.appeal_id, c.satisfaction FROM callback_surveys c JOIN b ON b.id = c.appeal_id
         WHERE c.state = 'completed' AND c.satisfaction IS NOT NULL) x
      GROUP BY x.appeal_id),`
        : sql``
    }
    g AS (
      SELECT ${dimensionKey(spec.rows, zone)} AS r, ${column} AS c, b.received_at, b.closed_at,
             b.deadline, b.rework_count,
             ${ratings ? sql`rt.s AS rating_sum, rt.n AS rating_n` : sql`0 AS rating_sum, 0 AS rating_n`}
        FROM b
        ${parent ? sql`LEFT JOIN organisations eo ON eo.id = b.executor_id` : sql``}
        ${ratings ? sql`LEFT JOIN rt ON rt.appeal_id = b.id` : sql``})
    SELECT b.r, ${spec.columns ? sql`b.c` : sql`NULL::text`} AS c, GROUPING(b.r) AS all_rows,
           ${spec.columns ? sql`GROUPING(b.c)` : sql`1`} AS all_columns,
           count(*) AS n,
           count(*) FILTER (WHERE b.closed_at IS NOT NULL) AS closed,
           count(*) FILTER (WHERE ${ON_TIME}) AS on_time,
           COALESCE(sum(extract(epoch FROM b.closed_at - b.received_at) / 86400)
                    FILTER (WHERE b.closed_at IS NOT NULL), 0) AS closed_days,
           COALESCE(sum(b.rework_count), 0) AS reworks,
           COALESCE(sum(b.rating_sum), 0) AS rating_sum,
           COALESCE(sum(b.rating_n), 0) AS rating_n
      FROM g b
     GROUP BY GROUPING SETS (${sets})`.execute(deps.db);
  return rows.map((r) => ({
    row: r.r === null ? null : String(r.r),
    column: r.c === null ? null : String(r.c),
    allRows: Number(r.all_rows) === 1,
    allColumns: Number(r.all_columns) === 1,
    sums: {
      count: Number(r.n),
      closed: Number(r.closed),
      onTime: Number(r.on_time),
      closedDays: Number(r.closed_days),
      reworks: Number(r.reworks),
      ratingSum: Number(r.rating_sum),
      ratingCount: Number(r.rating_n),
    },
  }));
}
