/**
 * The administrator's workspace over HTTP (issue 14; ADR 025): `/api/v1/admin/…` for staff users,
 * organisations, the classifier, routing, settings and the audit log, and `/api/v1/account/password`
 * for every user's own password. Each administered thing has its routes file; this one registers
 * them, in this order (the OpenAPI document lists their paths in it). Each change writes its audit
 * entry in its own transaction (`auditedInTransaction`: the generic hook skips these routes).
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Deps } from '../context.js';
import { auditTrailRoutes } from './audit-trail.routes.js';
import { classifierAdminRoutes } from './classifier-admin.routes.js';
import { organisationsAdminRoutes } from './organisations-admin.routes.js';
import { routingAdminRoutes } from './routing-admin.routes.js';
import { settingsAdminRoutes } from './settings-admin.routes.js';
import { staffUsersRoutes } from './staff-users.routes.js';

export function adminRoutes(deps: Deps): FastifyPluginAsyncZod {
  return async (app) => {
    await app.register(staffUsersRoutes(deps));
    await app.register(organisationsAdminRoutes(deps));
    await app.register(classifierAdminRoutes(deps));
    await app.register(routingAdminRoutes(deps));
    await app.register(settingsAdminRoutes(deps));
    await app.register(auditTrailRoutes(deps));
  };
}
