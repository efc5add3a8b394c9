/**
 * Saved reports over HTTP (issue 17, item 2): list, read, save, change, delete, and run for the
 * saved period resolved against today, as JSON or a file. Access: who reads reports
 * (`monitoring.read`); changes are the owner's (the service answers 403/404). Writes carry their
 * audit entry in their own transaction (`auditedInTransaction`).
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  savedReportInput,
  savedReportParams,
  savedReportRunQuery,
  savedReportView,
} from '../../contract/report-constructor.schemas.js';
import { reportView } from '../../contract/reports.schemas.js';
import type { Deps } from '../context.js';
import { currentUser } from '../http/auth-plugin.js';
import { errorResponses } from '../http/openapi.js';
import { sendReport } from './report-response.js';
import { makeReport } from './saved-report-run.js';
import {
  createSavedReport,
  deleteSavedReport,
  getSavedReport,
  listSavedReports,
  updateSavedReport,
} from './saved-reports.service.js';

/** The saved reports' routes under `/api/v1` (see the module's comment). */
export function savedReportsRoutes(deps: Deps): FastifyPluginAsyncZod {
  return async (app) => {
    const config = { access: 'monitoring.read', auditedInTransaction: true } as const;
    const tags = ['reports'];
    app.get(
      '/reports/saved',
      {
        config,
        schema: {
          tags,
          operationId: 'listSavedReports',
          summary: 'The saved reports I own and those shared with my role',
          response: { 200: z.array(savedReportView), ...errorResponses(401, 403) },
        },
      },
      async (request) => listSavedReports(deps, currentUser(request)),
    );
    app.post(
      '/reports/saved',
      {
        config,
        schema: {
          tags,
          operationId: 'createSavedReport',
          summary: 'Save a report definition (standard or pivot), its sharing and schedule',
          description:
            'Shared only with roles that read reports (400 `report_share_role_invalid`); a fixed ' +
            'period needs from and to (400 `report_period_invalid`).',
          body: savedReportInput,
          response: { 201: savedReportView, ...errorResponses(400, 401, 403) },
        },
      },
      async (request, reply) =>
        reply.status(201).send(await createSavedReport(deps, currentUser(request), request.body)),
    );
    app.get(
      '/reports/saved/:id',
      {
        config,
        schema: {
          tags,
          operationId: 'getSavedReport',
          summary: 'One saved report I own or that is shared with my role',
          params: savedReportParams,
          response: { 200: savedReportView, ...errorResponses(401, 403, 404) },
        },
      },
      async (request) => getSavedReport(deps.db, currentUser(request), request.params.id),
    );
    app.put(
      '/reports/saved/:id',
      {
        config,
        schema: {
          tags,
          operationId: 'updateSavedReport',
          summary: 'Change my saved report (the owner only)',
          params: savedReportParams,
          body: savedReportInput,
          response: { 200: savedReportView, ...errorResponses(400, 401, 403, 404) },
        },
      },
      async (request) =>
        updateSavedReport(deps, currentUser(request), request.params.id, request.body),
    );
    app.delete(
      '/reports/saved/:id',
      {
        config,
        schema: {
          tags,
          operationId: 'deleteSavedReport',
          summary: 'Delete my saved report and its sending history (the owner only)',
          params: savedReportParams,
          response: { 204: z.null(), ...errorResponses(401, 403, 404) },
        },
      },
      async (request, reply) => {
        await deleteSavedReport(deps, currentUser(request), request.params.id);
        return reply.status(204).send(null);
      },
    );
    app.get(
      '/reports/saved/:id/run',
      {
        config: { access: 'monitoring.read' },
        schema: {
          tags,
          operationId: 'runSavedReport',
          summary: 'Run a saved report for its period resolved against today (JSON or a file)',
          params: savedReportParams,
          querystring: savedReportRunQuery,
          response: { 200: reportView, ...errorResponses(400, 401, 403, 404) },
        },
      },
      async (request, reply) => {
        const { format, lang } = request.query;
        const saved = await getSavedReport(deps.db, currentUser(request), request.params.id);
        const made = await makeReport(deps, saved.definition, lang, deps.now());
        return sendReport(reply, deps, made, format, lang);
      },
    );
  };
}
