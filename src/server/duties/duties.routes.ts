/** Duties over HTTP (issue 14, item 9; regulation 5.4.3): the head of the centre (`duties.manage`). */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Deps } from '../context.js';
import { currentUser } from '../http/auth-plugin.js';
import { errorResponses } from '../http/openapi.js';
import {
  controllerDutiesSchema,
  dutiesView,
  dutyUserParams,
  operatorDutiesSchema,
} from '../../contract/duties.schemas.js';
import { dutiesOverview, setControllerDuties, setOperatorDuties } from './duties.service.js';

export function dutiesRoutes(deps: Deps): FastifyPluginAsyncZod {
  return async (app) => {
    const config = { access: 'duties.manage', auditedInTransaction: true } as const;
    const tags = ['duties'];
    app.get(
      '/duties',
      {
        config,
        schema: {
          tags,
          operationId: 'getDuties',
          summary: 'Who watches which executor, who works which queue, and what nobody covers',
          response: { 200: dutiesView, ...errorResponses(401, 403) },
        },
      },
      async () => dutiesOverview(deps.db),
    );
    app.put(
      '/duties/controllers/:userId',
      {
        config,
        schema: {
          tags,
          operationId: 'setControllerDuties',
          summary: 'The executor organisations a controller watches (replaces the set)',
          params: dutyUserParams,
          body: controllerDutiesSchema,
          response: { 200: dutiesView, ...errorResponses(400, 401, 403, 404, 409) },
        },
      },
      async (request) =>
        setControllerDuties(
          deps,
          currentUser(request),
          request.params.userId,
          request.body.executorIds,
        ),
    );
    app.put(
      '/duties/operators/:userId',
      {
        config,
        schema: {
          tags,
          operationId: 'setOperatorDuties',
          summary: 'The work queues an operator or moderator works (replaces the set)',
          params: dutyUserParams,
          body: operatorDutiesSchema,
          response: { 200: dutiesView, ...errorResponses(400, 401, 403, 404, 409) },
        },
      },
      async (request) =>
        setOperatorDuties(deps, currentUser(request), request.params.userId, request.body.queues),
    );
  };
}
