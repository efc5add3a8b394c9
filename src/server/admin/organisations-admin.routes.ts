/**
 * Organisations from the administrator's screen over HTTP (issue 14; ADR 025):
 * `/api/v1/admin/organisations…` to list the tree, create, edit, move under another organisation,
 * deactivate and reactivate. Each change writes its audit entry in its own transaction
 * (`auditedInTransaction`). Registered by `admin.routes.ts`.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Deps } from '../context.js';
import { currentUser } from '../http/auth-plugin.js';
import { errorResponses } from '../http/openapi.js';
import {
  activeSchema,
  adminOrganisationView,
  idParams,
  newAdminOrganisationSchema,
  organisationChangeSchema,
  organisationMoveSchema,
} from '../../contract/admin.schemas.js';
import {
  createAdminOrganisation,
  listAdminOrganisations,
  moveAdminOrganisation,
  setOrganisationActive,
  updateAdminOrganisation,
} from './organisations-admin.service.js';

export function organisationsAdminRoutes(deps: Deps): FastifyPluginAsyncZod {
  return async (app) => {
    const orgs = { access: 'executors.manage', auditedInTransaction: true } as const;

    app.get(
      '/admin/organisations',
      {
        config: orgs,
        schema: {
          tags: ['admin'],
          operationId: 'adminListOrganisations',
          summary: 'Every organisation with open assignments and active users (tree by parentId)',
          response: { 200: z.array(adminOrganisationView), ...errorResponses(401, 403) },
        },
      },
      async () => listAdminOrganisations(deps.db),
    );
    app.post(
      '/admin/organisations',
      {
        config: orgs,
        schema: {
          tags: ['admin'],
          operationId: 'adminCreateOrganisation',
          body: newAdminOrganisationSchema,
          response: { 201: adminOrganisationView, ...errorResponses(400, 401, 403, 409) },
        },
      },
      async (request, reply) =>
        reply
          .status(201)
          .send(await createAdminOrganisation(deps, currentUser(request), request.body)),
    );
    app.patch(
      '/admin/organisations/:id',
      {
        config: orgs,
        schema: {
          tags: ['admin'],
          operationId: 'adminUpdateOrganisation',
          params: idParams,
          body: organisationChangeSchema,
          response: { 200: adminOrganisationView, ...errorResponses(400, 401, 403, 404, 409) },
        },
      },
      async (request) =>
        updateAdminOrganisation(deps, currentUser(request), request.params.id, request.body),
    );
    app.post(
      '/admin/organisations/:id/move',
      {
        config: orgs,
        schema: {
          tags: ['admin'],
          operationId: 'adminMoveOrganisation',
          summary: 'Move under another organisation (a cycle is refused: 409 organisation_cycle)',
          params: idParams,
          body: organisationMoveSchema,
          response: { 200: adminOrganisationView, ...errorResponses(400, 401, 403, 404, 409) },
        },
      },
      async (request) =>
        moveAdminOrganisation(deps, currentUser(request), request.params.id, request.body.parentId),
    );
    app.put(
      '/admin/organisations/:id/active',
      {
        config: orgs,
        schema: {
          tags: ['admin'],
          operationId: 'adminSetOrganisationActive',
          summary:
            'Deactivate (refused while it holds open assignments, with their count) or reactivate',
          params: idParams,
          body: activeSchema,
          response: { 200: adminOrganisationView, ...errorResponses(400, 401, 403, 404, 409) },
        },
      },
      async (request) =>
        setOrganisationActive(deps, currentUser(request), request.params.id, request.body.active),
    );
  };
}
