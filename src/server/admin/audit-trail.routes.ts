/**
 * The audit log over HTTP (issue 14; ADR 025): `/api/v1/admin/audit` (newest first, filtered by
 * actor, action, target and days) and `/api/v1/admin/audit.csv` (the same rows as CSV), for
 * `audit.read`. Read-only. Registered by `admin.routes.ts`.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Deps } from '../context.js';
import { errorResponses } from '../http/openapi.js';
import { auditFilter, auditPage } from '../../contract/admin.schemas.js';
import { auditCsv, listAudit } from './audit-trail.js';

export function auditTrailRoutes(deps: Deps): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/admin/audit',
      {
        config: { access: 'audit.read' },
        schema: {
          tags: ['admin'],
          operationId: 'adminAuditLog',
          summary: 'The audit log, newest first, filtered by actor, action, target and days',
          querystring: auditFilter,
          response: { 200: auditPage, ...errorResponses(400, 401, 403) },
        },
      },
      async (request) => listAudit(deps.db, request.query, deps.config.timeZone),
    );
    app.get(
      '/admin/audit.csv',
      {
        config: { access: 'audit.read' },
        schema: {
          tags: ['admin'],
          operationId: 'adminAuditLogCsv',
          summary: 'The filtered audit log as CSV (UTF-8)',
          querystring: auditFilter,
          response: { 200: z.string(), ...errorResponses(400, 401, 403) },
        },
      },
      async (request, reply) =>
        reply
          .header('content-type', 'text/csv; charset=utf-8')
          .header('content-disposition', 'attachment; filename="audit-log.csv"')
          .send(await auditCsv(deps.db, request.query, deps.config.timeZone)),
    );
  };
}
