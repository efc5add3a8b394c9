/**
 * Monitoring over HTTP: the signed-in role's work queues with counts, and the supervisor's
 * dashboard (open appeals counted now, the closed count from a snapshot; ADR 012, ADR 018).
 */
import { z } from 'zod';
import { QUEUES, SUPERVISOR_FIGURES } from '../domain/queues.js';

export const queueCountView = z.object({ key: z.enum(QUEUES), count: z.number().int() });
export type QueueCountView = z.infer<typeof queueCountView>;

export const queuesView = z.object({ queues: z.array(queueCountView) });

export const dashboardView = z.object({
  asOf: z.string().describe('When the closed appeals were counted (ISO 8601)'),
  countedAt: z
    .string()
    .describe('When the open appeals, figures and overdue rows were counted (now)'),
  byStatus: z.array(z.object({ status: z.string(), count: z.number().int() })),
  figures: z
    .array(z.object({ key: z.enum(SUPERVISOR_FIGURES), count: z.number().int() }))
    .describe('Each counted as GET /appeals?queue=<key> lists it'),
  overdueByExecutor: z
    .array(
      z.object({
        executorId: z
          .number()
          .int()
          .nullable()
          .describe('null: appeals without an active main executor, or (others) the rest'),
        name: z.string().nullable(),
        count: z.number().int(),
        others: z.boolean().optional(),
      }),
    )
    .describe('Adds up to the overdue figure'),
  todayByChannel: z.array(z.object({ channel: z.string(), count: z.number().int() })),
});
export type DashboardView = z.infer<typeof dashboardView>;
