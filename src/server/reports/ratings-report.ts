/**
 * Ratings and indexes (issue 17, item 4; ADR 047): the executors' rating, the satisfaction index
 * and the loyalty index over the appeals received in a period (consultations excluded), per main
 * executor, per district or per month, with a city-wide row. One set-based statement counts
 * ({@link RatingCounts}); the pure `domain/ratings.ts` turns counts into figures.
 *
 * Citizens' ratings are the portal's (appeal_feedback.rating) and the call-back's satisfaction, both
 * 1–5; a call-back "asked" is a completed one that reached the applicant and recorded `solved`.
 */
import { sql, type RawBuilder } from 'kysely';
import {
  executorRating,
  loyaltyIndex,
  ratingComponents,
  satisfactionIndex,
  type RatingCounts,
} from '../../domain/ratings.js';
import type { Deps } from '../context.js';
import { base, bucketStarts, ON_TIME } from './report-base.js';
import type { Lang, ReportColumn, ReportQuery, ReportTable } from './report-table.js';

export type RatingsBy = 'executors' | 'districts' | 'months';

const pct = (x: number | null) => (x === null ? null : Math.round(1000 * x) / 10);

/**
 * The ratings report grouped `by` executor, district or month (Kyiv time), the city-wide row
 * first. Columns: group, received, on-time %, reworks, mean citizens' rating, call-backs solved %,
 * rating 0–100, satisfaction index %, loyalty index −100…100. Errors: only the database's.
 */
export async function ratingsReport(
  deps: Deps,
  by: RatingsBy,
  q: ReportQuery,
  lang: Lang,
): Promise<ReportTable> {
  const zone = deps.config.timeZone;
  const uk = lang === 'uk';
  // Grouped by a key (an id, a month's bucket), named once per group.
  const months = bucketStarts('month', q, zone);
  const group: RawBuilder<unknown> =
    by === 'executors'
      ? sql`b.executor_id`
      : by === 'districts'
        ? sql`b.district_id`
        : sql`width_bucket(b.received_at, ${months})`;
  const label: RawBuilder<unknown> =
    by === 'executors'
      ? sql`COALESCE((SELECT o.name FROM organisations o WHERE o.id = x.grp), '—')`
      : by === 'districts'
        ? uk
          ? sql`COALESCE((SELECT d.name FROM districts d WHERE d.id = x.grp), '—')`
          : sql`COALESCE((SELECT COALESCE(d.name_en, d.name) FROM districts d WHERE d.id = x.grp), '—')`
        : sql`to_char((${months})[x.grp] AT TIME ZONE ${zone}, 'YYYY-MM')`;
  // The appeals (not consultations) of the period; each part below reads it once, so the planner
  // inlines it rather than materialising a million rows (ADR 052).
  const appeals = sql`(SELECT * FROM (${base(q, zone)}) b0 WHERE b0.kind <> 'consultation')`;
  const { rows } = await sql<Record<string, string | null> & { grp: string | null }>`
    WITH fb AS (SELECT f.appeal_id, sum(f.rating) AS s, count(*) AS n,
                  count(*) FILTER (WHERE f.rating >= 4) AS sat
             FROM appeal_feedback f JOIN ${appeals} b ON b.id = f.appeal_id GROUP BY f.appeal_id),
    cb AS (SELECT c.appeal_id,
                  (c.reached AND c.solved IS NOT NULL)::int AS asked,
                  (c.reached AND c.solved)::int AS solved,
                  c.satisfaction,
                  (c.would_call_again IS TRUE)::int AS yes,
                  (c.would_call_again IS FALSE)::int AS no
             FROM callback_surveys c JOIN ${appeals} b ON b.id = c.appeal_id WHERE c.state = 'completed'),
    g AS (SELECT b.id, b.closed_at, b.deadline, b.rework_count, ${group} AS grp,
                 fb.s AS fb_sum, fb.n AS fb_n, fb.sat AS fb_sat, cb.asked, cb.solved,
                 cb.satisfaction, cb.yes, cb.no
            FROM ${appeals} b
            LEFT JOIN fb ON fb.appeal_id = b.id
            LEFT JOIN cb ON cb.appeal_id = b.id),
    per AS (
    SELECT b.grp,
           count(*) AS received,
           count(*) FILTER (WHERE b.closed_at IS NOT NULL) AS closed,
           count(*) FILTER (WHERE ${ON_TIME}) AS on_time,
           COALESCE(sum(b.rework_count), 0) AS reworks,
           COALESCE(sum(b.fb_sum), 0) + COALESCE(sum(b.satisfaction), 0) AS rating_sum,
           COALESCE(sum(b.fb_n), 0) + count(b.satisfaction) AS rating_count,
           COALESCE(sum(b.fb_sat), 0) + count(*) FILTER (WHERE b.satisfaction >= 4) AS satisfied,
           COALESCE(sum(b.asked), 0) AS asked,
           COALESCE(sum(b.solved), 0) AS solved,
           COALESCE(sum(b.yes), 0) AS yes,
           COALESCE(sum(b.no), 0) AS no
      FROM g b
     GROUP BY b.grp),
    x AS (
    SELECT p.grp, GROUPING(p.grp) AS total,
           ${sql.join(
             [
               'received',
               'closed',
               'on_time',
               'reworks',
               'rating_sum',
               'rating_count',
               'satisfied',
               'asked',
               'solved',
               'yes',
               'no',
             ].map((k) => sql`sum(${sql.ref(`p.${k}`)}) AS ${sql.ref(k)}`),
             sql`, `,
           )}
      FROM per p
     GROUP BY GROUPING SETS ((p.grp), ()))
    SELECT ${label} AS grp, x.total, x.received, x.closed, x.on_time, x.reworks, x.rating_sum,
           x.rating_count, x.satisfied, x.asked, x.solved, x.yes, x.no
      FROM x
     ORDER BY x.total DESC, 1`.execute(deps.db);

  const out = rows.map((r) => {
    const n = (k: string) => Number(r[k] ?? 0);
    const counts: RatingCounts = {
      received: n('received'),
      closed: n('closed'),
      onTime: n('on_time'),
      reworks: n('reworks'),
      ratingSum: n('rating_sum'),
      ratingCount: n('rating_count'),
      satisfied: n('satisfied'),
      callbacksAsked: n('asked'),
      callbacksSolved: n('solved'),
      wouldCallAgain: n('yes'),
      wouldNotCallAgain: n('no'),
    };
    const parts = ratingComponents(counts);
    return {
      group: Number(r.total) === 1 ? (uk ? 'Місто загалом' : 'City-wide') : r.grp,
      received: counts.received,
      onTimeShare: pct(parts.onTime),
      reworks: counts.reworks,
      citizensRating:
        counts.ratingCount > 0
          ? Math.round((100 * counts.ratingSum) / counts.ratingCount) / 100
          : null,
      callbacksSolved: pct(parts.callbacks),
      rating: executorRating(counts),
      satisfaction: satisfactionIndex(counts),
      loyalty: loyaltyIndex(counts),
    };
  });
  const groupHeader: Record<RatingsBy, [string, string]> = {
    executors: ['Виконавець', 'Executor'],
    districts: ['Район', 'District'],
    months: ['Місяць', 'Month'],
  };
  const columns: ReportColumn[] = [
    { key: 'group', uk: groupHeader[by][0], en: groupHeader[by][1], type: 'text' },
    { key: 'received', uk: 'Надійшло', en: 'Received', type: 'int' },
    { key: 'onTimeShare', uk: 'Вчасно, %', en: 'On time, %', type: 'percent' },
    { key: 'reworks', uk: 'Повернень на доопрацювання', en: 'Reworks', type: 'int' },
    {
      key: 'citizensRating',
      uk: 'Оцінка громадян (1–5)',
      en: "Citizens' rating (1–5)",
      type: 'decimal',
    },
    {
      key: 'callbacksSolved',
      uk: 'Підтверджено при прозвоні, %',
      en: 'Confirmed by call-back, %',
      type: 'percent',
    },
    { key: 'rating', uk: 'Рейтинг (0–100)', en: 'Rating (0–100)', type: 'decimal' },
    {
      key: 'satisfaction',
      uk: 'Індекс задоволеності, %',
      en: 'Satisfaction index, %',
      type: 'percent',
    },
    {
      key: 'loyalty',
      uk: 'Індекс лояльності (−100…100)',
      en: 'Loyalty index (−100…100)',
      type: 'decimal',
    },
  ];
  return {
    key: `ratings-${by}`,
    columns,
    rows: out,
    chart: {
      category: 'group',
      series: ['rating', 'satisfaction', 'loyalty'],
      kind: by === 'months' ? 'line' : 'bar',
    },
  };
}
