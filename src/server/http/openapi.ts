/**
 * Shared pieces of the OpenAPI document: the one error shape under each 4xx status a route answers,
 * with the list of every stable error code (`error-codes.ts`).
 */
import type { jsonSchemaTransform } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ERROR_CODES } from './error-codes.js';
import { type Access, routeAccess } from './auth-plugin.js';

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

type SwaggerTransform = typeof jsonSchemaTransform;

/**
 * The zod → OpenAPI transform, plus `x-access` on every operation: `public`, `user` (any signed-in
 * staff member) or the permission of `domain/policy.ts` the route's gate requires. Clients and the
 * access-matrix test read who may call an operation from the live document.
 */
export const withAccess =
  (transform: SwaggerTransform): SwaggerTransform =>
  (input) => {
    const result = transform(input);
    const config: { access?: Access } | undefined = input.route.config;
    return {
      ...result,
      schema: { ...result.schema, 'x-access': routeAccess(input.url, config) },
    };
  };
