/**
 * How a computed report leaves the server (issue 17): the period check every report route makes,
 * the export header, and the answer — the JSON view for the screen, or a CSV, XLSX or PDF file
 * with the header (title, period, filters, time of making). Shared by the standard reports, the
 * constructor's pivot and saved reports, so their files look alike.
 */
import type { FastifyReply } from 'fastify';
import { DateTime } from 'luxon';
import { MAX_PERIOD_DAYS, validPeriod } from '../../domain/report-periods.js';
import { XLSX_MEDIA_TYPE } from '../appeals/appeals-export-xlsx.js';
import type { Deps } from '../context.js';
import { badRequest } from '../errors.js';
import { reportCsv, reportPdf, reportXlsx, type ReportHeader } from './report-export.js';
import type { Lang, ReportQuery, ReportTable } from './report-table.js';
import { reportFilterLines } from './report-titles.js';

/** The format a report is asked in. */
export type ReportFormat = 'json' | 'csv' | 'xlsx' | 'pdf';

/**
 * @throws AppError 400 `report_period_invalid` unless [from, to] are real days, from ≤ to, and
 *   the period spans at most 400 days (`domain/report-periods.ts`).
 */
export function checkReportPeriod(from: string, to: string): void {
  if (!validPeriod(from, to))
    throw badRequest(
      'report_period_invalid',
      `The period must start no later than it ends and span at most ${MAX_PERIOD_DAYS} days.`,
    );
}

/** «Період: 01.03.2026 – 31.03.2026» in `lang`. */
export function periodLine(from: string, to: string, lang: Lang): string {
  const fmt = (day: string) => DateTime.fromISO(day).toFormat('dd.MM.yyyy');
  return `${lang === 'uk' ? 'Період' : 'Period'}: ${fmt(from)} – ${fmt(to)}`;
}

/** The header of a report's file: its title, period, the filters' names and when it was made. */
export async function reportHeader(
  deps: Deps,
  title: string,
  q: ReportQuery,
  lang: Lang,
  madeAt: Date,
): Promise<ReportHeader> {
  return {
    title,
    period: periodLine(q.from, q.to, lang),
    filters: await reportFilterLines(deps, q, lang),
    madeAt,
    timeZone: deps.config.timeZone,
  };
}

/** A report as a file: its bytes, media type and extension. */
export async function reportFile(
  table: ReportTable,
  header: ReportHeader,
  format: Exclude<ReportFormat, 'json'>,
  lang: Lang,
): Promise<{ content: Buffer; contentType: string; extension: string }> {
  if (format === 'csv')
    return {
      content: Buffer.from(reportCsv(table, header, lang), 'utf8'),
      contentType: 'text/csv; charset=utf-8',
      extension: 'csv',
    };
  if (format === 'xlsx')
    return {
      content: await reportXlsx(table, header, lang),
      contentType: XLSX_MEDIA_TYPE,
      extension: 'xlsx',
    };
  return {
    content: await reportPdf(table, header, lang),
    contentType: 'application/pdf',
    extension: 'pdf',
  };
}

/**
 * Answers with the report: the JSON view (`reportView`) for `json`, else the file named
 * `${name}.${ext}` as an attachment. Files bypass the JSON schema (Fastify sends buffers as they are).
 */
export async function sendReport(
  reply: FastifyReply,
  deps: Deps,
  report: { table: ReportTable; title: string; query: ReportQuery; madeAt: Date; name: string },
  format: ReportFormat,
  lang: Lang,
) {
  const { table, query, madeAt } = report;
  if (format === 'json')
    return { ...table, from: query.from, to: query.to, madeAt: madeAt.toISOString() };
  const header = await reportHeader(deps, report.title, query, lang, madeAt);
  const file = await reportFile(table, header, format, lang);
  return reply
    .header('Content-Type', file.contentType)
    .header('Content-Disposition', `attachment; filename="${report.name}.${file.extension}"`)
    .send(file.content);
}
