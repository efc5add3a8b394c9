/** Executor organisations and routing rules. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Deps } from '../context.js';
import { errorResponses } from '../http/openapi.js';
import { newOrganisationSchema, organisationView } from '../../contract/executors.schemas.js';
import { createOrganisation, listOrganisations, setRoutingRule } from './executors.service.js';

const tags = ['executors'];

export function executorsRoutes(deps: Deps): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/executors',
      {
        schema: {
          tags,
          operationId: 'listExecutors',
          summary: 'Executor organisations (flat; parentId gives the hierarchy)',
          response: { 200: z.array(organisationView), ...errorResponses(401) },
        },
      },
      async () => listOrganisations(deps),
    );
    app.post(
      '/executors',
      {
        config: { access: 'executors.manage' },
        schema: {
          tags,
          operationId: 'createExecutor',
          body: newOrganisationSchema,
          response: { 201: organisationView, ...errorResponses(400, 401, 403, 409) },
        },
      },
      async (request, reply) =>
        reply.status(201).send(await createOrganisation(deps.db, request.body)),
    );
    app.put(
      '/routing-rules/:questionTypeId',
      {
        config: { access: 'executors.manage' },
        schema: {
          tags,
          operationId: 'setRoutingRule',
          summary: 'Set the default main executor of a question type',
          params: z.object({ questionTypeId: z.coerce.number().int().positive() }),
          body: z.object({ executorId: z.number().int().positive() }),
          response: { 204: z.null(), ...errorResponses(400, 401, 403) },
        },
      },
      async (request, reply) => {
        await setRoutingRule(deps.db, request.params.questionTypeId, request.body.executorId);
        return reply.status(204).send(null);
      },
    );
  };
}
