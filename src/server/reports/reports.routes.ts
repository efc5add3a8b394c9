/**
 * Reports over HTTP (issue 17): the constructor's pivot `GET /reports/pivot` (item 2) and the
 * standard reports `GET /reports/{key}`, with the period and filters, as JSON for the screen or as
 * a CSV, XLSX or PDF file. Read-only, so no audit row; access as the supervisor's dashboard
 * (`monitoring.read`). The static `/reports/pivot` and `/reports/saved…` (`saved-reports.routes.ts`)
 * win over the parametric `/reports/{key}` in Fastify's router whatever the order of registering.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { pivotQuery } from '../../contract/report-constructor.schemas.js';
import { reportParams, reportQuery, reportView } from '../../contract/reports.schemas.js';
import { MAX_PERIOD_DAYS } from '../../domain/report-periods.js';
import type { Deps } from '../context.js';
import { errorResponses } from '../http/openapi.js';
import { pivotTitle, runPivot } from './pivot-report.js';
import { checkReportPeriod, sendReport } from './report-response.js';
import { runReport, type ReportQuery } from './standard-reports.js';
import { REPORT_TITLES } from './report-titles.js';

/** The longest period a report covers, in days. */
export const MAX_REPORT_DAYS = MAX_PERIOD_DAYS;

export function reportsRoutes(deps: Deps): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/reports/pivot',
      {
        config: { access: 'monitoring.read' },
        schema: {
          tags: ['reports'],
          operationId: 'getPivotReport',
          summary: 'The report constructor: a pivot of chosen dimensions and measures',
          description:
            'Rows (and optionally columns) from the dimensions, cells from the measures, over the ' +
            'appeals received in [from, to] (the centre’s time zone; at most 400 days) with the ' +
            'filters. With columns the table is wide: one column per (column value × measure) and ' +
            'the totals; at most 60 column values (400 `pivot_too_wide`); rows and columns differ ' +
            '(400 `pivot_same_dimension`). JSON, or a CSV, XLSX or PDF file with a header.',
          querystring: pivotQuery,
          response: { 200: reportView, ...errorResponses(400, 401, 403) },
        },
      },
      async (request, reply) => {
        const { format, lang, rows, columns, measures, ...rest } = request.query;
        checkReportPeriod(rest.from, rest.to);
        const spec = { rows, columns, measures };
        const madeAt = deps.now();
        const table = await runPivot(deps, spec, rest, lang);
        const name = `pivot-${rows}${columns ? `-${columns}` : ''}-${rest.from}-${rest.to}`;
        return sendReport(
          reply,
          deps,
          { table, title: pivotTitle(spec, lang), query: rest, madeAt, name },
          format,
          lang,
        );
      },
    );
    app.get(
      '/reports/:key',
      {
        config: { access: 'monitoring.read' },
        schema: {
          tags: ['reports'],
          operationId: 'getReport',
          summary: 'A standard report for a period with filters, as JSON, CSV, XLSX or PDF',
          description:
            'Period [from, to] by the date received, in the centre’s time zone; at most 400 days. ' +
            'The file formats carry a header with the period, the filters and the time of making.',
          params: reportParams,
          querystring: reportQuery,
          response: { 200: reportView, ...errorResponses(400, 401, 403) },
        },
      },
      async (request, reply) => {
        const { key } = request.params;
        const { format, lang, ...rest } = request.query;
        checkReportPeriod(rest.from, rest.to);
        const query: ReportQuery = rest;
        const madeAt = deps.now();
        const table = await runReport(deps, key, query, madeAt, lang);
        return sendReport(
          reply,
          deps,
          {
            table,
            title: REPORT_TITLES[key][lang],
            query,
            madeAt,
            name: `report-${key}-${rest.from}-${rest.to}`,
          },
          format,
          lang,
        );
      },
    );
  };
}
