/**
 * The report constructor's one statement (issue 17, item 2; ADR 051). Every piece of SQL comes
 * from the fixed whitelist below — one fragment per dimension and per measure's sums — and the
 * only values from the request are bound parameters (the period, the filters, the time zone), so
 * no text a user sent ever becomes SQL.
 *
 * Shape: the period's base set (`report-base.ts`: one index-only scan of `appeals_report_idx`),
 * each appeal's row key `r` and column key `c` computed once in `g`, the cells' sums (count,
 * closed, on time, days, reworks, ratings) by one hashed GROUP BY (r, c), then GROUPING SETS over
 * the cells — the cells, the row totals (r), the column totals (c) and the grand total () — so
 * totals are sums of sums, recomputed into measures by the caller and never averaged; time keys
 * become labels per group.
 */
import { sql, type RawBuilder } from 'kysely';
import type { PivotDimension, PivotMeasure, PivotSums } from '../../domain/pivot.js';
import type { Deps } from '../context.js';
import { base, bucketStarts, ON_TIME } from './report-base.js';
import type { ReportQuery } from './report-table.js';

/** The time dimensions: the unit of their buckets and the label of a bucket's local start. */
const TIME_UNITS = {
  day: { unit: 'day', label: 'YYYY-MM-DD' },
  week: { unit: 'week', label: 'IYYY-"W"IW' },
  month: { unit: 'month', label: 'YYYY-MM' },
  quarter: { unit: 'quarter', label: 'YYYY-"Q"Q' },
} as const;

type TimeDimension = keyof typeof TIME_UNITS;

const isTime = (d: PivotDimension): d is TimeDimension => d in TIME_UNITS;

/**
 * The key of each dimension for an appeal of the base set `b`, in its own type (NULL = not
 * stated); {@link dimensionLabel} makes it text once per group. A time dimension's key is its
 * bucket's number in `bucketStarts` (a binary search per appeal with `width_bucket`: converting a
 * million times to local time cost a second, ADR 052).
 */
function dimensionKey(d: PivotDimension, starts: RawBuilder<unknown>): RawBuilder<unknown> {
  if (isTime(d)) return sql`width_bucket(b.received_at, ${starts})`;
  switch (d) {
    case 'district':
      return sql`b.district_id`;
    case 'executor':
      return sql`b.executor_id`;
    case 'executor_parent':
      return sql`eo.parent_id`;
    case 'kind':
      return sql`b.kind`;
    case 'question_type':
      return sql`b.question_type_id`;
    case 'channel':
      return sql`b.channel`;
    case 'status':
      return sql`b.status`;
    case 'result':
      return sql`b.result`;
    case 'social_category':
      return sql`b.author_category`;
    case 'sex':
      return sql`b.author_sex`;
    case 'privileged':
      return sql`b.privileged`;
  }
}

/** A group's key `key` as the caller sees it: a time bucket's label, any other key as it is. */
function dimensionLabel(
  d: PivotDimension,
  key: RawBuilder<unknown>,
  starts: RawBuilder<unknown>,
  zone: string,
): RawBuilder<string | null> {
  if (!isTime(d)) return sql`${key}::text`;
  return sql`to_char((${starts})[${key}] AT TIME ZONE ${zone}, ${TIME_UNITS[d].label})`;
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
  const startsOf = (d: PivotDimension) =>
    isTime(d) ? bucketStarts(TIME_UNITS[d].unit, q, zone) : sql`NULL`;
  const rowStarts = startsOf(spec.rows);
  const colStarts = spec.columns ? startsOf(spec.columns) : sql`NULL`;
  const column = spec.columns ? dimensionKey(spec.columns, colStarts) : sql`NULL`;
  const columnLabel = spec.columns
    ? dimensionLabel(spec.columns, sql`x.c`, colStarts, zone)
    : sql`NULL::text`;
  const sets = spec.columns ? sql`(r, c), (r), (c), ()` : sql`(r), ()`;
  // The base set is never a CTE read twice (that would materialise a million rows, ADR 052):
  // each part that needs it reads it afresh from the covering index.
  const appeals = base(q, zone);
  const { rows } = await sql<Record<string, string | number | null>>`
    WITH ${
      ratings
        ? sql`rt AS (
      SELECT x.appeal_id, sum(x.v) AS s, count(*) AS n FROM (
        SELECT f.appeal_id, f.rating AS v FROM appeal_feedback f JOIN (${appeals}) p ON p.id = f.appeal_id
        UNION ALL
        SELECT c.appeal_id, c.satisfaction FROM callback_surveys c JOIN (${appeals}) p ON p.id = c.appeal_id
         WHERE c.state = 'completed' AND c.satisfaction IS NOT NULL) x
      GROUP BY x.appeal_id),`
        : sql``
    }
    g AS (
      SELECT ${dimensionKey(spec.rows, rowStarts)} AS r, ${column} AS c, b.received_at, b.closed_at,
             b.deadline, b.rework_count,
             ${ratings ? sql`rt.s AS rating_sum, rt.n AS rating_n` : sql`0 AS rating_sum, 0 AS rating_n`}
        FROM (${appeals}) b
        ${parent ? sql`LEFT JOIN organisations eo ON eo.id = b.executor_id` : sql``}
        ${ratings ? sql`LEFT JOIN rt ON rt.appeal_id = b.id` : sql``}),
    cells AS (
    SELECT b.r, b.c,
           count(*) AS n,
           count(*) FILTER (WHERE b.closed_at IS NOT NULL) AS closed,
           count(*) FILTER (WHERE ${ON_TIME}) AS on_time,
           COALESCE(sum(extract(epoch FROM b.closed_at - b.received_at) / 86400)
                    FILTER (WHERE b.closed_at IS NOT NULL), 0) AS closed_days,
           COALESCE(sum(b.rework_count), 0) AS reworks,
           COALESCE(sum(b.rating_sum), 0) AS rating_sum,
           COALESCE(sum(b.rating_n), 0) AS rating_n
      FROM g b
     GROUP BY b.r, b.c),
    x AS (
    SELECT b.r, ${spec.columns ? sql`b.c` : sql`NULL`} AS c, GROUPING(b.r) AS all_rows,
           ${spec.columns ? sql`GROUPING(b.c)` : sql`1`} AS all_columns,
           sum(b.n) AS n, sum(b.closed) AS closed, sum(b.on_time) AS on_time,
           sum(b.closed_days) AS closed_days, sum(b.reworks) AS reworks,
           sum(b.rating_sum) AS rating_sum, sum(b.rating_n) AS rating_n
      FROM cells b
     GROUP BY GROUPING SETS (${sets}))
    SELECT ${dimensionLabel(spec.rows, sql`x.r`, rowStarts, zone)} AS r, ${columnLabel} AS c,
           x.all_rows, x.all_columns, x.n, x.closed, x.on_time, x.closed_days, x.reworks,
           x.rating_sum, x.rating_n
      FROM x`.execute(deps.db);
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
