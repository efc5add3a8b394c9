/** Staff users, managed by an administrator. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ROLES } from '../../domain/vocabulary.js';
import type { Deps } from '../context.js';
import { errorResponses } from '../http/openapi.js';
import { createUser, deactivateUser, listUsers, newUserSchema } from './users.service.js';

const userView = z.object({
  id: z.number().int(),
  login: z.string(),
  fullName: z.string(),
  email: z.string().nullable(),
  role: z.enum(ROLES),
  organisationId: z.number().int().nullable(),
  active: z.boolean(),
});

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
        config: { access: 'users.manage' },
        schema: {
          tags: ['users'],
          operationId: 'deactivateUser',
          summary: 'Deactivate a user: its sessions end and its API tokens are revoked for good',
          params: z.object({ id: z.coerce.number().int().positive() }),
          response: { 200: userView, ...errorResponses(401, 403, 404) },
        },
      },
      async (request) => deactivateUser(deps, request.params.id),
    );
  };
}
