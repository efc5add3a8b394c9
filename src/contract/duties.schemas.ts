/** Duties (issue 14, item 9; regulation 5.4.3): who watches which executor, who works which queue. */
import { z } from 'zod';
import { DUTY_QUEUES } from '../domain/duties.js';

export const dutyUserParams = z.object({ userId: z.coerce.number().int().positive() });

export const controllerDutiesSchema = z.object({
  executorIds: z.array(z.number().int().positive()).max(500),
});

export const operatorDutiesSchema = z.object({
  queues: z.array(z.enum(DUTY_QUEUES)).max(DUTY_QUEUES.length),
});

const person = z.object({ id: z.number().int(), fullName: z.string(), role: z.string() });

export const dutiesView = z.object({
  controllers: z.array(person.extend({ executorIds: z.array(z.number().int()) })),
  operators: z.array(person.extend({ queues: z.array(z.enum(DUTY_QUEUES)) })),
  executors: z.array(
    z.object({
      id: z.number().int(),
      name: z.string(),
      controllerIds: z.array(z.number().int()),
    }),
  ),
  queues: z.array(z.object({ queue: z.enum(DUTY_QUEUES), operatorIds: z.array(z.number().int()) })),
  uncovered: z.object({
    executorIds: z.array(z.number().int()),
    queues: z.array(z.enum(DUTY_QUEUES)),
  }),
});
export type DutiesView = z.infer<typeof dutiesView>;
