/** The supervisor's live picture and the work queues of the signed-in role. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { QUEUES, ROLE_QUEUES } from '../../domain/queues.js';
import { countQueues } from '../appeals/appeal-queries.js';
import type { Deps } from '../context.js';
import { currentUser } from '../http/auth-plugin.js';
import { errorResponses } from '../http/openapi.js';
import { SUPERVISOR_FIGURES } from './dashboard-snapshot.js';
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
            200: z.object({
              queues: z.array(z.object({ key: z.enum(QUEUES), count: z.number().int() })),
            }),
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
          summary:
            'Counts by status, the supervisor’s figures, overdue by executor, today’s intake by channel',
          description:
            'The figures, open appeals by status and overdue appeals by executor are counted now, in one ' +
            'transaction, so each equals the list it opens; the closed count comes from a snapshot at most a ' +
            'minute old (`asOf`). Today’s intake by channel is counted live.',
          response: {
            200: z.object({
              asOf: z.string().describe('When the closed appeals were counted (ISO 8601)'),
              countedAt: z
                .string()
                .describe('When the open appeals, figures and overdue rows were counted (now)'),
              byStatus: z.array(z.object({ status: z.string(), count: z.number().int() })),
              figures: z
                .array(z.object({ key: z.enum(SUPERVISOR_FIGURES), count: z.number().int() }))
                .describe('Each counted as GET /appeals?queue=<key> lists it, at asOf'),
              overdueByExecutor: z
                .array(
                  z.object({
                    executorId: z
                      .number()
                      .int()
                      .nullable()
                      .describe(
                        'null: appeals without an active main executor, or (others) the rest',
                      ),
                    name: z.string().nullable(),
                    count: z.number().int(),
                    others: z.boolean().optional(),
                  }),
                )
                .describe('Adds up to the overdue figure'),
              todayByChannel: z.array(z.object({ channel: z.string(), count: z.number().int() })),
            }),
            ...errorResponses(401, 403),
          },
        },
      },
      async () => getDashboard(deps),
    );
  };
}
