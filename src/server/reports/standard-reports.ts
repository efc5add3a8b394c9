/**
 * Standard reports (issue 17, regulation 2.2.8 and 5.4.2): each one set-based SQL statement over the
 * appeals received in a period, with the same filters (district, main executor, kind, question
 * type, channel). Every report returns one uniform shape ({@link ReportTable}) that the screen, CSV,
 * XLSX and PDF exports all render, so the figures agree across them.
 *
 * Definitions (ADR 036):
 * - the period is [from 00:00, to 24:00) in the centre's time zone, by `received_at`;
 * - an appeal's executor is its latest main assignment not returned or withdrawn;
 * - its deadline is `legal_deadline` (moved by extensions) or else `control_date`;
 * - on time: closed at or before the deadline; late: closed after it; overdue now: open and past it;
 * - average days: mean of (closed_at − received_at) in days over closed appeals, 1 decimal.
 */
import { sql, type RawBuilder } from 'kysely';
import type { Deps } from '../context.js';

import { CHANNEL_LABELS, KIND_LABELS } from '../../domain/labels.js';
import { REPORT_KEYS, type ReportKey } from '../../domain/reports.js';
import { classifier858Report } from './classifier-858-report.js';
import { ratingsReport } from './ratings-report.js';
import type { Lang, ReportColumn, ReportQuery, ReportTable } from './report-table.js';
import { base, inReportSession, LATE, ON_TIME } from './report-base.js';

export type { ReportColumn, ReportQuery, ReportTable };

export { REPORT_KEYS, type ReportKey };

const col = (key: string, uk: string, en: string, type: ReportColumn['type']): ReportColumn => ({
  key,
  uk,
  en,
  type,
});

/** The number of days from `from` to `to` inclusive. */
export function periodDays(from: string, to: string): number {
  return (
    Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000) + 1
  );
}

/** The period of the same length right before `q` (for "change against the previous period"). */
export function previousPeriod(q: ReportQuery): ReportQuery {
  const days = periodDays(q.from, q.to);
  const shift = (d: string, n: number) =>
    new Date(Date.parse(`${d}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
  return { ...q, from: shift(q.from, -days), to: shift(q.from, -1) };
}

type Row = Record<string, string | number | null>;

/** Converts numeric strings the driver returns for bigint/numeric into numbers. */
function numeric(rows: Record<string, unknown>[], columns: ReportColumn[]): Row[] {
  return rows.map((row) => {
    const out: Row = {};
    for (const c of columns) {
      const v = row[c.key];
      out[c.key] =
        v === null || v === undefined
          ? null
          : c.type === 'text'
            ? typeof v === 'string'
              ? v
              : JSON.stringify(v)
            : Number(v);
    }
    return out;
  });
}

/**
 * Rows whose `key` column holds a vocabulary code (a channel, a kind) with the code replaced by
 * the words people read in `lang` (`domain/labels.ts`, the same the pivot and the web use); a code
 * the vocabulary lacks stays as it is.
 */
function named(
  rows: Row[],
  key: string,
  labels: Record<Lang, Record<string, string>>,
  lang: Lang,
): Row[] {
  return rows.map((row) => {
    const code = row[key];
    return typeof code === 'string' ? { ...row, [key]: labels[lang][code] ?? code } : row;
  });
}

async function run(
  deps: Deps,
  query: RawBuilder<unknown>,
  columns: ReportColumn[],
): Promise<Row[]> {
  const { rows } = await query.execute(deps.db);
  return numeric(rows as Record<string, unknown>[], columns);
}

/**
 * Computes one standard report. `now` decides "overdue now". Errors: only the database's.
 */
export function runReport(
  deps: Deps,
  key: ReportKey,
  q: ReportQuery,
  now: Date,
  lang: Lang = 'uk',
): Promise<ReportTable> {
  return inReportSession(deps, (session) => computeReport(session, key, q, now, lang));
}

async function computeReport(
  deps: Deps,
  key: ReportKey,
  q: ReportQuery,
  now: Date,
  lang: Lang,
): Promise<ReportTable> {
  const zone = deps.config.timeZone;
  const b = base(q, zone);
  switch (key) {
    case 'classifier-858':
      return classifier858Report(deps, q, lang);
    case 'ratings-executors':
      return ratingsReport(deps, 'executors', q, lang);
    case 'ratings-districts':
      return ratingsReport(deps, 'districts', q, lang);
    case 'ratings-months':
      return ratingsReport(deps, 'months', q, lang);
    case 'executors': {
      const columns = [
        col('executor', 'Виконавець', 'Executor', 'text'),
        col('received', 'Надійшло', 'Received', 'int'),
        col('onTime', 'Вчасно', 'On time', 'int'),
        col('late', 'Із запізненням', 'Late', 'int'),
        col('open', 'На контролі', 'Still open', 'int'),
        col('overdueNow', 'Прострочено зараз', 'Overdue now', 'int'),
        col('reworks', 'Повернуто на доопрацювання', 'Returned for rework', 'int'),
        col('avgDays', 'Середній строк, днів', 'Average days', 'decimal'),
        col('extensions', 'Продовжень строку', 'Extensions', 'int'),
        col('explanations', 'Запитів пояснень', 'Explanations asked', 'int'),
        col('rating', 'Оцінка громадян', "Citizens' rating", 'decimal'),
      ];
      const rows = await run(
        deps,
        // Each part reads the base set once, so none is materialised: the counts per executor
        // in one index-only scan, and the few appeals with extensions, explanation requests or
        // ratings found from those tables (ADR 052).
        sql`WITH per AS (
            SELECT b.executor_id,
                   count(*) AS received,
                   count(*) FILTER (WHERE ${ON_TIME}) AS on_time,
                   count(*) FILTER (WHERE ${LATE}) AS late,
                   count(*) FILTER (WHERE b.closed_at IS NULL) AS open,
                   count(*) FILTER (WHERE b.closed_at IS NULL AND b.deadline < ${now}) AS overdue_now,
                   sum(b.rework_count) AS reworks,
                   round((avg(extract(epoch FROM b.closed_at - b.received_at) / 86400)
                          FILTER (WHERE b.closed_at IS NOT NULL))::numeric, 1) AS avg_days
              FROM (${b}) b GROUP BY b.executor_id),
          ext AS (SELECT b.executor_id, count(*) AS n FROM extension_requests e JOIN (${b}) b ON b.id = e.appeal_id GROUP BY 1),
          expl AS (SELECT b.executor_id, count(*) AS n FROM explanation_requests e JOIN (${b}) b ON b.id = e.appeal_id GROUP BY 1),
          rat AS (SELECT b.executor_id, round(avg(f.rating)::numeric, 2) AS r FROM appeal_feedback f JOIN (${b}) b ON b.id = f.appeal_id GROUP BY 1)
        SELECT COALESCE(o.name, '—') AS executor, per.received, per.on_time AS "onTime", per.late,
               per.open, per.overdue_now AS "overdueNow", per.reworks, per.avg_days AS "avgDays",
               COALESCE(ext.n, 0) AS extensions, COALESCE(expl.n, 0) AS explanations, rat.r AS rating
          FROM per
          LEFT JOIN organisations o ON o.id = per.executor_id
          LEFT JOIN ext ON ext.executor_id IS NOT DISTINCT FROM per.executor_id
          LEFT JOIN expl ON expl.executor_id IS NOT DISTINCT FROM per.executor_id
          LEFT JOIN rat ON rat.executor_id IS NOT DISTINCT FROM per.executor_id
         ORDER BY per.received DESC, executor`,
        columns,
      );
      return {
        key,
        columns,
        rows,
        chart: { category: 'executor', series: ['onTime', 'late', 'open'], kind: 'bar' },
      };
    }
    case 'question-types': {
      const columns = [
        col('kind', 'Вид (класифікатор)', 'Classifier kind', 'text'),
        col('questionType', 'Тип питання', 'Question type', 'text'),
        col('count', 'Кількість', 'Count', 'int'),
        col('share', 'Частка, %', 'Share, %', 'percent'),
        col('previous', 'Попередній період', 'Previous period', 'int'),
        col('change', 'Зміна, %', 'Change, %', 'percent'),
      ];
      const p = base(previousPeriod(q), zone);
      const rows = await run(
        deps,
        sql`WITH cur AS (SELECT question_type_id, count(*) AS n FROM (${b}) b GROUP BY 1),
                 prev AS (SELECT question_type_id, count(*) AS n FROM (${p}) b GROUP BY 1),
                 total AS (SELECT sum(n) AS t FROM cur),
                 joined AS (SELECT COALESCE(cur.question_type_id, prev.question_type_id) AS qt,
                                   COALESCE(cur.n, 0) AS n, COALESCE(prev.n, 0) AS pn
                              FROM cur FULL JOIN prev ON prev.question_type_id = cur.question_type_id)
        SELECT k.name AS kind, t.name AS "questionType", j.n AS count,
               CASE WHEN total.t > 0 THEN round(100.0 * j.n / total.t, 1) END AS share,
               j.pn AS previous,
               CASE WHEN j.pn > 0 THEN round(100.0 * (j.n - j.pn) / j.pn, 1) END AS change
          FROM joined j CROSS JOIN total
          JOIN question_types t ON t.id = j.qt
          JOIN classifier_kinds k ON k.id = t.kind_id
         ORDER BY j.n DESC, k.position, t.name`,
        columns,
      );
      return {
        key,
        columns,
        rows,
        chart: { category: 'questionType', series: ['count', 'previous'], kind: 'bar' },
      };
    }
    case 'channels': {
      const columns = [
        col('channel', 'Канал', 'Channel', 'text'),
        col('count', 'Кількість', 'Count', 'int'),
        col('share', 'Частка, %', 'Share, %', 'percent'),
      ];
      const counted = await run(
        deps,
        sql`SELECT b.channel, count(*) AS count,
                   round(100.0 * count(*) / sum(count(*)) OVER (), 1) AS share
              FROM (${b}) b GROUP BY b.channel ORDER BY count DESC, b.channel`,
        columns,
      );
      const rows = named(counted, 'channel', CHANNEL_LABELS, lang);
      return { key, columns, rows, chart: { category: 'channel', series: ['count'], kind: 'bar' } };
    }
    case 'hours': {
      const days: [string, string][] = [
        ['Пн', 'Mon'],
        ['Вт', 'Tue'],
        ['Ср', 'Wed'],
        ['Чт', 'Thu'],
        ['Пт', 'Fri'],
        ['Сб', 'Sat'],
        ['Нд', 'Sun'],
      ];
      const columns = [
        col('hour', 'Година', 'Hour', 'text'),
        ...days.map(([u, e], i) => col(`d${i + 1}`, u, e, 'int')),
        col('total', 'Усього', 'Total', 'int'),
      ];
      const rows = await run(
        deps,
        // Counted per quarter-hour of absolute time first (a million appeals fold into ~35,000
        // slots), then each slot is placed in the local hour and weekday: converting a million
        // timestamps to local time took 1.2 s of the report at 1M (ADR 052). Every time zone's
        // offset is a whole number of quarter-hours, so a slot never straddles a local hour.
        sql`WITH slots AS (
              SELECT date_bin('15 minutes', b.received_at, timestamptz '2000-01-01 00:00+00') AS slot,
                     count(*) AS n
                FROM (${b}) b GROUP BY 1),
            h AS (
              SELECT extract(hour FROM s.slot AT TIME ZONE ${zone})::int AS hour,
                     extract(isodow FROM s.slot AT TIME ZONE ${zone})::int AS dow, s.n
                FROM slots s)
            SELECT lpad(g.hour::text, 2, '0') || ':00' AS hour,
                   ${sql.join(
                     days.map(
                       (_, i) =>
                         sql`COALESCE(sum(h.n) FILTER (WHERE h.dow = ${i + 1}), 0) AS ${sql.ref(`d${i + 1}`)}`,
                     ),
                     sql`, `,
                   )},
                   COALESCE(sum(h.n), 0) AS total
              FROM generate_series(0, 23) AS g(hour)
              LEFT JOIN h ON h.hour = g.hour
             GROUP BY g.hour ORDER BY g.hour`,
        columns,
      );
      return { key, columns, rows, chart: { category: 'hour', series: ['total'], kind: 'line' } };
    }
    case 'operators': {
      const columns = [
        col('operator', 'Оператор', 'Operator', 'text'),
        col('appeals', 'Зареєстровано звернень', 'Appeals registered', 'int'),
        col('consultations', 'Надано консультацій', 'Consultations', 'int'),
        col('callbacks', 'Підтверджено при зворотному дзвінку', 'Call-back confirmations', 'int'),
      ];
      // Call-back results: hook `callbackConfirmations` (issue 19) — null until that table exists.
      const rows = await run(
        deps,
        sql`SELECT COALESCE(u.full_name, '—') AS operator,
                   count(*) FILTER (WHERE b.kind <> 'consultation') AS appeals,
                   count(*) FILTER (WHERE b.kind = 'consultation') AS consultations,
                   NULL::int AS callbacks
              FROM (${b}) b LEFT JOIN users u ON u.id = b.registered_by
             GROUP BY u.full_name ORDER BY count(*) DESC, operator`,
        columns,
      );
      return {
        key,
        columns,
        rows,
        chart: { category: 'operator', series: ['appeals', 'consultations'], kind: 'bar' },
      };
    }
    case 'repeated-collective': {
      const columns = [
        col('kind', 'Вид звернення', 'Kind', 'text'),
        col('total', 'Усього', 'Total', 'int'),
        col('repeated', 'Повторні (ст. 8)', 'Repeated (Art. 8)', 'int'),
        col('collective', 'Колективні', 'Collective', 'int'),
        col('anonymous', 'Анонімні', 'Anonymous', 'int'),
      ];
      const counted = await run(
        deps,
        sql`SELECT b.kind, count(*) AS total,
                   count(*) FILTER (WHERE b.receipt_sign = 'repeated' OR b.repeats_appeal_id IS NOT NULL) AS repeated,
                   count(*) FILTER (WHERE b.subject = 'collective') AS collective,
                   count(*) FILTER (WHERE b.subject = 'anonymous') AS anonymous
              FROM (${b}) b GROUP BY b.kind ORDER BY total DESC, b.kind`,
        columns,
      );
      const rows = named(counted, 'kind', KIND_LABELS, lang);
      return {
        key,
        columns,
        rows,
        chart: { category: 'kind', series: ['repeated', 'collective'], kind: 'bar' },
      };
    }
    case 'privileged': {
      const columns = [
        col('category', 'Пільгова категорія', 'Privileged category', 'text'),
        col('count', 'Звернень', 'Appeals', 'int'),
        col('closed', 'Закрито', 'Closed', 'int'),
        col('onTime', 'Вчасно', 'On time', 'int'),
      ];
      const rows = await run(
        deps,
        sql`SELECT COALESCE(ap.privileged_category, '—') AS category, count(*) AS count,
                   count(*) FILTER (WHERE b.closed_at IS NOT NULL) AS closed,
                   count(*) FILTER (WHERE ${ON_TIME}) AS "onTime"
              FROM (${b}) b LEFT JOIN applicants ap ON ap.id = b.applicant_id
             WHERE b.privileged
             GROUP BY 1 ORDER BY count DESC, category`,
        columns,
      );
      return {
        key,
        columns,
        rows,
        chart: { category: 'category', series: ['count'], kind: 'bar' },
      };
    }
    case 'consultations': {
      const columns = [
        col('kind', 'Вид (класифікатор)', 'Classifier kind', 'text'),
        col('topic', 'Тема консультації', 'Topic', 'text'),
        col('count', 'Консультацій', 'Consultations', 'int'),
        col('share', 'Частка, %', 'Share, %', 'percent'),
        // Issue 19: answered from a knowledge-base article (consultation_answers).
        col('fromArticle', 'Відповідь зі статті', 'Answered from an article', 'int'),
      ];
      const rows = await run(
        deps,
        sql`SELECT k.name AS kind, t.name AS topic, count(*) AS count,
                   round(100.0 * count(*) / sum(count(*)) OVER (), 1) AS share,
                   count(*) FILTER (WHERE EXISTS (SELECT 1 FROM consultation_answers c
                     WHERE c.appeal_id = b.id AND c.article_id IS NOT NULL)) AS "fromArticle"
              FROM (${b}) b
              JOIN question_types t ON t.id = b.question_type_id
              JOIN classifier_kinds k ON k.id = t.kind_id
             WHERE b.kind = 'consultation'
             GROUP BY k.name, t.name ORDER BY count DESC, t.name`,
        columns,
      );
      return { key, columns, rows, chart: { category: 'topic', series: ['count'], kind: 'bar' } };
    }
  }
}
