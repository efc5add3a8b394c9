/**
 * Monitoring over HTTP: the signed-in role's work queues with counts, and the supervisor's
 * dashboard (counts by status and overdue by executor from a snapshot, ADR 012).
 */
import { z } from 'zod';
import { QUEUES } from '../domain/queues.js';

export const queueCountView = z.object({ key: z.enum(QUEUES), count: z.number().int() });
export type QueueCountView = z.infer<typeof queueCountView>;

export const queuesView = z.object({ queues: z.array(queueCountView) });

export const dashboardView = z.object({
  asOf: z.string().describe('When byStatus and overdueByExecutor were counted (ISO 8601)'),
  byStatus: z.array(z.object({ status: z.string(), count: z.number().int() })),
  overdueByExecutor: z.array(
    z.object({
      executorId: z.number().int(),
      name: z.string(),
      count: z.number().int(),
    }),
  ),
  todayByChannel: z.array(z.object({ channel: z.string(), count: z.number().int() })),
});
export type DashboardView = z.infer<typeof dashboardView>;
