/** Staff users, managed by an administrator. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Deps } from '../context.js';
import { errorResponses } from '../http/openapi.js';
import { createUser, listUsers } from './users.service.js';
import { currentUser } from '../http/auth-plugin.js';
import { deactivateStaffUser } from '../admin/deactivate-staff-user.js';
import { newUserSchema, userView } from '../../contract/users.schemas.js';

export function usersRoutes(deps: Deps): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/users',
      {
        config: { access: 'users.manage' },
        schema: {
          tags: ['users'],
          operationId: 'listUsers',
          response: { 200: z.array(userView), ...errorResponses(401, 403) },
        },
      },
      async () => listUsers(deps),
    );
    app.post(
      '/users',
      {
        config: { access: 'users.manage' },
        schema: {
          tags: ['users'],
          operationId: 'createUser',
          body: newUserSchema,
          response: { 201: userView, ...errorResponses(400, 401, 403, 409) },
        },
      },
      async (request, reply) => reply.status(201).send(await createUser(deps, request.body)),
    );
    app.post(
      '/users/:id/deactivate',
      {
        // The same use case as the administration screen: the last administrator is refused and
        // the audit entry is written in the change's transaction (ADR 025).
        config: { access: 'users.manage', auditedInTransaction: true },
        schema: {
          tags: ['users'],
          operationId: 'deactivateUser',
          summary: 'Deactivate a user: its sessions end and its API tokens are revoked for good',
          params: z.object({ id: z.coerce.number().int().positive() }),
          response: { 200: userView, ...errorResponses(401, 403, 404, 409) },
        },
      },
      async (request) =>
        (await deactivateStaffUser(deps, currentUser(request), request.params.id)).user,
    );
  };
}
