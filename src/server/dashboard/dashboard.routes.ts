/** The supervisor's live picture and the work queues of the signed-in role. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { dashboardView, queuesView } from '../../contract/dashboard.schemas.js';
import { ROLE_QUEUES } from '../../domain/queues.js';
import { countQueues } from '../appeals/appeals.queries.js';
import type { Deps } from '../context.js';
import { currentUser } from '../http/auth-plugin.js';
import { errorResponses } from '../http/openapi.js';
import { getDashboard } from './dashboard.service.js';

export function dashboardRoutes(deps: Deps): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/queues',
      {
        config: { access: 'appeal.read' },
        schema: {
          tags: ['monitoring'],
          operationId: 'getQueues',
          summary: "The signed-in role's work queues with counts",
          response: {
            200: queuesView,
            ...errorResponses(401, 403),
          },
        },
      },
      async (request) => {
        const user = currentUser(request);
        return { queues: await countQueues(deps, user, ROLE_QUEUES[user.role]) };
      },
    );
    app.get(
      '/dashboard',
      {
        config: { access: 'monitoring.read' },
        schema: {
          tags: ['monitoring'],
          operationId: 'getDashboard',
          summary: 'Counts by status, overdue by executor, today’s intake by channel',
          description:
            'Counts by status and overdue appeals by executor come from a snapshot at most a minute old; ' +
            '`asOf` is the instant they were taken. Today’s intake by channel is counted live.',
          response: {
            200: dashboardView,
            ...errorResponses(401, 403),
          },
        },
      },
      async () => getDashboard(deps),
    );
  };
}
