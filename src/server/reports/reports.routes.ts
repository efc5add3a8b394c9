/**
 * Standard reports over HTTP (issue 17): `GET /reports/{key}` with the period and filters, as JSON
 * for the screen or as a CSV, XLSX or PDF file. Read-only, so no audit row; access as the
 * supervisor's dashboard (`monitoring.read`).
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { DateTime } from 'luxon';
import { reportParams, reportQuery, reportView } from '../../contract/reports.schemas.js';
import type { Deps } from '../context.js';
import { badRequest } from '../errors.js';
import { errorResponses } from '../http/openapi.js';
import { XLSX_MEDIA_TYPE } from '../appeals/appeals-export-xlsx.js';
import { reportCsv, reportPdf, reportXlsx, type ReportHeader } from './report-export.js';
import { periodDays, runReport, type ReportQuery } from './standard-reports.js';
import { REPORT_TITLES, reportFilterLines } from './report-titles.js';

/** The longest period a standard report covers, in days. */
export const MAX_REPORT_DAYS = 400;

export function reportsRoutes(deps: Deps): FastifyPluginAsyncZod {
  return async (app) => {
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
        const days = periodDays(rest.from, rest.to);
        if (
          !DateTime.fromISO(rest.from).isValid ||
          !DateTime.fromISO(rest.to).isValid ||
          days < 1 ||
          days > MAX_REPORT_DAYS
        )
          throw badRequest(
            'report_period_invalid',
            `The period must start no later than it ends and span at most ${MAX_REPORT_DAYS} days.`,
          );
        const query: ReportQuery = rest;
        const madeAt = deps.now();
        const table = await runReport(deps, key, query, madeAt, lang);
        if (format === 'json')
          return { ...table, from: rest.from, to: rest.to, madeAt: madeAt.toISOString() };
        const header: ReportHeader = {
          title: REPORT_TITLES[key][lang],
          period: `${lang === 'uk' ? 'Період' : 'Period'}: ${fmt(rest.from)} – ${fmt(rest.to)}`,
          filters: await reportFilterLines(deps, query, lang),
          madeAt,
          timeZone: deps.config.timeZone,
        };
        // Files bypass the JSON schema: Fastify sends strings and buffers unserialised.
        const name = `report-${key}-${rest.from}-${rest.to}`;
        if (format === 'csv')
          return reply
            .header('Content-Type', 'text/csv; charset=utf-8')
            .header('Content-Disposition', `attachment; filename="${name}.csv"`)
            .send(reportCsv(table, header, lang) as never);
        if (format === 'xlsx')
          return reply
            .header('Content-Type', XLSX_MEDIA_TYPE)
            .header('Content-Disposition', `attachment; filename="${name}.xlsx"`)
            .send((await reportXlsx(table, header, lang)) as never);
        return reply
          .header('Content-Type', 'application/pdf')
          .header('Content-Disposition', `attachment; filename="${name}.pdf"`)
          .send((await reportPdf(table, header, lang)) as never);
      },
    );
  };
}

const fmt = (day: string) => DateTime.fromISO(day).toFormat('dd.MM.yyyy');
