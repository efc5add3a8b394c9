/** Staff users, managed by an administrator. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Deps } from '../context.js';
import { errorResponses } from '../http/openapi.js';
import { createUser, listUsers } from './users.service.js';
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
  };
}
