/** Address suggestions for the intake screen. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { addressQuery, addressSuggestionView } from '../../contract/addresses.schemas.js';
import type { Deps } from '../context.js';
import { errorResponses } from '../http/openapi.js';
import { suggestAddresses } from './addresses.service.js';

export function addressesRoutes(deps: Deps): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/addresses',
      {
        config: { access: 'appeal.register' },
        schema: {
          tags: ['appeals'],
          operationId: 'suggestAddresses',
          querystring: addressQuery,
          response: {
            200: z.array(addressSuggestionView),
            ...errorResponses(400, 401, 403),
          },
        },
      },
      async (request) => suggestAddresses(deps, request.query.q),
    );
  };
}
