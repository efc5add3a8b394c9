/**
 * Routing from the administrator's screen over HTTP (issue 14; ADR 025):
 * `/api/v1/admin/routing/:questionTypeId…` to read where a question type's appeals go (and why),
 * set its default executor, and put or delete district and maintainer rules. Each change writes
 * its audit entry in its own transaction (`auditedInTransaction`). Registered by `admin.routes.ts`.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Deps } from '../context.js';
import { currentUser } from '../http/auth-plugin.js';
import { errorResponses } from '../http/openapi.js';
import {
  defaultExecutorSchema,
  newRoutingRuleSchema,
  routingView,
} from '../../contract/admin.schemas.js';
import {
  deleteRoutingRule,
  putRoutingRule,
  routingOf,
  setDefaultExecutor,
} from './routing-admin.service.js';

const qtParams = z.object({ questionTypeId: z.coerce.number().int().positive() });

export function routingAdminRoutes(deps: Deps): FastifyPluginAsyncZod {
  return async (app) => {
    const orgs = { access: 'executors.manage', auditedInTransaction: true } as const;

    app.get(
      '/admin/routing/:questionTypeId',
      {
        config: orgs,
        schema: {
          tags: ['admin'],
          operationId: 'adminRouting',
          summary:
            'The routing of a question type, and where its appeals go in each district and why',
          params: qtParams,
          response: { 200: routingView, ...errorResponses(401, 403, 404) },
        },
      },
      async (request) => routingOf(deps.db, request.params.questionTypeId),
    );
    app.put(
      '/admin/routing/:questionTypeId/default',
      {
        config: orgs,
        schema: {
          tags: ['admin'],
          operationId: 'adminSetDefaultExecutor',
          params: qtParams,
          body: defaultExecutorSchema,
          response: { 200: routingView, ...errorResponses(400, 401, 403, 404) },
        },
      },
      async (request) =>
        setDefaultExecutor(
          deps,
          currentUser(request),
          request.params.questionTypeId,
          request.body.executorId,
          request.body.coExecutorIds,
        ),
    );
    app.put(
      '/admin/routing/:questionTypeId/rules',
      {
        config: orgs,
        schema: {
          tags: ['admin'],
          operationId: 'adminPutRoutingRule',
          summary: 'District → executor, or (district or any) → the building’s maintainer',
          params: qtParams,
          body: newRoutingRuleSchema,
          response: { 200: routingView, ...errorResponses(400, 401, 403, 404) },
        },
      },
      async (request) =>
        putRoutingRule(deps, currentUser(request), request.params.questionTypeId, request.body),
    );
    app.delete(
      '/admin/routing/:questionTypeId/rules/:id',
      {
        config: orgs,
        schema: {
          tags: ['admin'],
          operationId: 'adminDeleteRoutingRule',
          params: qtParams.extend({ id: z.coerce.number().int().positive() }),
          response: { 200: routingView, ...errorResponses(401, 403, 404) },
        },
      },
      async (request) =>
        deleteRoutingRule(
          deps,
          currentUser(request),
          request.params.questionTypeId,
          request.params.id,
        ),
    );
  };
}
