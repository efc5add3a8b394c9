/**
 * Shared pieces of the OpenAPI document: the one error shape under each 4xx status a route answers.
 */
import { z } from 'zod';

export const errorBody = z
  .object({
    error: z.string().describe('Stable machine-readable code, e.g. rework_limit_reached'),
    message: z.string().describe('What was wrong and how to fix it'),
    details: z.unknown().optional(),
  })
  .describe('Error');

/** `{ 400: errorBody, 404: errorBody, … }` for the statuses given. */
export function errorResponses(...statuses: number[]): Record<number, typeof errorBody> {
  return Object.fromEntries(statuses.map((s) => [s, errorBody]));
}
