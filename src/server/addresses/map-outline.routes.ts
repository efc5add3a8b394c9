/**
 * The city's outline for the maps (public: the portal draws it too; staff pages use the same).
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { mapOutlineView } from '../../contract/map-outline.schemas.js';
import type { Deps } from '../context.js';
import { mapOutline } from './map-outline.js';

export function mapOutlineRoutes(deps: Deps): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/map/outline',
      {
        config: { access: 'public' },
        schema: {
          tags: ['portal'],
          operationId: 'mapOutline',
          summary:
            "The city's districts and streets (from the address registry) as GeoJSON, for maps without a tile server",
          security: [],
          response: { 200: mapOutlineView },
        },
      },
      async (_request, reply) => {
        void reply.header('Cache-Control', 'public, max-age=300');
        return mapOutline(deps);
      },
    );
  };
}
