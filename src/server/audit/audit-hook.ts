/**
 * The administrators' audit log is written for every change an administrator makes through the
 * API (users, roles, organisations, classifier, routing, calendars, settings, API and Open311 keys):
 * one hook instead of a line in each use case, so a new administrative route cannot forget it.
 * The entry names the operation, the path it acted on, and the names (never the values) of the
 * fields sent — a password never reaches the log. Written after the answer, outside the change's
 * transaction: a failed write is logged as an error (ADR 017 says why this is accepted). Routes
 * marked `config.auditedInTransaction` (the administration screens, ADR 025) write their own
 * entry, with values before and after, in the change's transaction, and are skipped here.
 */
import type { FastifyInstance } from 'fastify';
import type { Deps } from '../context.js';
import { recordAudit } from './audit.service.js';

const CHANGES = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export function registerAuditLog(app: FastifyInstance, deps: Deps): void {
  app.addHook('onResponse', async (request, reply) => {
    const actor = request.actor;
    if (!actor || actor.role !== 'administrator') return;
    if (!CHANGES.has(request.method) || reply.statusCode >= 400) return;
    // The administration screens' routes write their entry in the change's transaction (ADR 025).
    if (request.routeOptions.config.auditedInTransaction) return;
    const schema: { operationId?: string } | undefined = request.routeOptions.schema;
    const body = request.body;
    try {
      await recordAudit(deps, {
        actor,
        action: schema?.operationId ?? `${request.method} ${request.routeOptions.url ?? ''}`,
        target: request.url.split('?')[0] ?? null,
        data: {
          status: reply.statusCode,
          fields: body && typeof body === 'object' && !Array.isArray(body) ? Object.keys(body) : [],
        },
      });
    } catch (error) {
      request.log.error({ err: error }, 'audit log entry not written');
    }
  });
}
