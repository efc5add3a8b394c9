/**
 * Running a saved report's definition (issue 17, item 2): its relative period resolved against the
 * city's today, then the standard report or the pivot it names, with its filters — the same code
 * `GET /reports/{key}` and `GET /reports/pivot` run, so a saved report shows what those show.
 */
import type { SavedReportDefinition } from '../../contract/report-constructor.schemas.js';
import { cityToday, resolvePeriod, type DayPeriod } from '../../domain/report-periods.js';
import type { Deps } from '../context.js';
import { badRequest } from '../errors.js';
import { checkPivotSpec, pivotTitle, runPivot } from './pivot-report.js';
import { checkReportPeriod } from './report-response.js';
import type { Lang, ReportQuery, ReportTable } from './report-table.js';
import { REPORT_TITLES } from './report-titles.js';
import { runReport } from './standard-reports.js';

/** A made report: its table, title, the query it ran and when, and a file name without extension. */
export interface MadeReport {
  table: ReportTable;
  title: string;
  query: ReportQuery;
  madeAt: Date;
  name: string;
}

/**
 * The period a definition covers when run at `now` (a fixed one as stored).
 * @throws AppError 400 `report_period_invalid` (fixed without both days, or a span the reports refuse).
 */
export function definitionPeriod(deps: Deps, d: SavedReportDefinition, now: Date): DayPeriod {
  const period = resolvePeriod(d.period, cityToday(now, deps.config.timeZone), d);
  if (!period)
    throw badRequest(
      'report_period_invalid',
      'A fixed period needs both `from` and `to` (YYYY-MM-DD); or choose a relative period.',
    );
  checkReportPeriod(period.from, period.to);
  return period;
}

/**
 * Checks a definition before it is stored: the period (see {@link definitionPeriod}) and, for a
 * pivot, its dimensions (400 `pivot_same_dimension`, `pivot_too_wide` for a fixed period).
 */
export function checkDefinition(deps: Deps, d: SavedReportDefinition, now: Date): void {
  const period = definitionPeriod(deps, d, now);
  if (d.type === 'pivot')
    checkPivotSpec(
      { rows: d.rows, columns: d.columns, measures: d.measures },
      period.from,
      period.to,
    );
}

/**
 * Makes the report a definition names over `period` (default: its own, resolved at `now`) in `lang`.
 * @throws AppError 400 as {@link definitionPeriod} and `runPivot`.
 */
export async function makeReport(
  deps: Deps,
  d: SavedReportDefinition,
  lang: Lang,
  now: Date,
  period: DayPeriod = definitionPeriod(deps, d, now),
): Promise<MadeReport> {
  const query: ReportQuery = { ...d.filters, from: period.from, to: period.to };
  if (d.type === 'standard') {
    const table = await runReport(deps, d.key, query, now, lang);
    return {
      table,
      title: REPORT_TITLES[d.key][lang],
      query,
      madeAt: now,
      name: `report-${d.key}-${period.from}-${period.to}`,
    };
  }
  const spec = { rows: d.rows, columns: d.columns, measures: d.measures };
  const table = await runPivot(deps, spec, query, lang);
  return {
    table,
    title: pivotTitle(spec, lang),
    query,
    madeAt: now,
    name: `pivot-${d.rows}${d.columns ? `-${d.columns}` : ''}-${period.from}-${period.to}`,
  };
}
