/**
 * Open311 API keys for staff (`open311.keys.manage`: administrator), under /api/v1.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Deps } from '../context.js';
import { currentUser } from '../http/auth-plugin.js';
import { errorResponses } from '../http/openapi.js';
import {
  apiKeyView,
  issueApiKey,
  issuedApiKeyView,
  listApiKeys,
  newApiKeySchema,
  revokeApiKey,
} from './api-keys.service.js';

const tags = ['open311'];
const access = { access: 'open311.keys.manage' as const };

export function apiKeysRoutes(deps: Deps): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/open311/api-keys',
      {
        config: access,
        schema: {
          tags,
          operationId: 'listOpen311ApiKeys',
          summary: 'The Open311 API keys issued (without the keys themselves)',
          response: { 200: z.array(apiKeyView), ...errorResponses(401, 403) },
        },
      },
      async () => listApiKeys(deps),
    );
    app.post(
      '/open311/api-keys',
      {
        config: access,
        schema: {
          tags,
          operationId: 'issueOpen311ApiKey',
          summary: 'Issue an Open311 API key for a client application (the key is shown once)',
          body: newApiKeySchema,
          response: { 201: issuedApiKeyView, ...errorResponses(400, 401, 403) },
        },
      },
      async (request, reply) =>
        reply.status(201).send(await issueApiKey(deps, currentUser(request), request.body.name)),
    );
    app.post(
      '/open311/api-keys/:id/revoke',
      {
        config: access,
        schema: {
          tags,
          operationId: 'revokeOpen311ApiKey',
          summary: 'Revoke an Open311 API key',
          params: z.object({ id: z.coerce.number().int().positive() }),
          response: { 200: apiKeyView, ...errorResponses(400, 401, 403, 404) },
        },
      },
      async (request) => revokeApiKey(deps, request.params.id),
    );
  };
}
