/**
 * Shared pieces of the OpenAPI document: the one error shape under each 4xx status a route answers,
 * with the list of every stable error code (`error-codes.ts`).
 */
import { z } from 'zod';
import { ERROR_CODES } from './error-codes.js';

export const errorBody = z
  .object({
    // The document lists every code (`enum`); the answer is not checked against the list, so a
    // code missing from it still reaches the client (test/api/error-codes.test.ts keeps it whole).
    error: z.string().meta({
      description: 'Stable machine-readable code, e.g. rework_limit_reached',
      enum: [...ERROR_CODES],
    }),
    message: z.string().describe('What was wrong and how to fix it'),
    details: z.unknown().optional(),
  })
  .describe('Error');

/** `{ 400: errorBody, 404: errorBody, … }` for the statuses given. */
export function errorResponses(...statuses: number[]): Record<number, typeof errorBody> {
  return Object.fromEntries(statuses.map((s) => [s, errorBody]));
}
