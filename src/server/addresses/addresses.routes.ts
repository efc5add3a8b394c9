/** Addresses: suggestions of earlier free texts and of the registry, points, routing by address. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  addressQuery,
  addressSuggestionView,
  appealIdParams,
  pointPlaceView,
  pointQuery,
  registryAddressView,
  registryQuery,
  routingPreviewQuery,
  routingPreviewView,
  routingView,
} from '../../contract/addresses.schemas.js';
import type { Deps } from '../context.js';
import { errorResponses } from '../http/openapi.js';
import { placePoint, routingOfAppeal, suggestAddresses } from './addresses.service.js';
import { suggestFromRegistry } from './registry-search.js';
import { previewRouting } from '../appeals/route-appeal.js';

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

    app.get(
      '/addresses/registry',
      {
        config: { access: 'user' },
        schema: {
          tags: ['addresses'],
          operationId: 'suggestRegistryAddresses',
          summary: 'Streets (by any current or former name) and buildings of the address registry',
          querystring: registryQuery,
          response: { 200: z.array(registryAddressView), ...errorResponses(400, 401) },
        },
      },
      async (request) => suggestFromRegistry(deps.db, request.query.q, request.query.limit),
    );

    app.get(
      '/addresses/point',
      {
        config: { access: 'user' },
        schema: {
          tags: ['addresses'],
          operationId: 'placePoint',
          summary: 'The nearest building and the district of a point',
          querystring: pointQuery,
          response: { 200: pointPlaceView, ...errorResponses(400, 401) },
        },
      },
      async (request) => placePoint(deps, request.query.latitude, request.query.longitude),
    );

    app.get(
      '/routing/preview',
      {
        config: { access: 'appeal.register' },
        schema: {
          tags: ['appeals'],
          operationId: 'previewRouting',
          summary:
            'The executor registration would choose for a question type at an address, and why (read-only, for the intake screen)',
          querystring: routingPreviewQuery,
          response: { 200: routingPreviewView, ...errorResponses(400, 401, 403, 404) },
        },
      },
      async (request) => previewRouting(deps.db, request.query),
    );

    app.get(
      '/appeals/:id/routing',
      {
        config: { access: 'appeal.assign' },
        schema: {
          tags: ['appeals'],
          operationId: 'appealRouting',
          summary:
            'The executor the routing rules choose for this appeal now, and why (re-routing)',
          params: appealIdParams,
          response: { 200: routingView, ...errorResponses(401, 403, 404) },
        },
      },
      async (request) => routingOfAppeal(deps, request.params.id),
    );
  };
}

/** The portal's address look-ups (no account): the same suggestions and point placing. */
export function publicAddressesRoutes(deps: Deps): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/addresses',
      {
        config: { access: 'public' },
        schema: {
          tags: ['portal'],
          operationId: 'publicSuggestAddresses',
          summary: 'Streets and buildings of the address registry',
          security: [],
          querystring: registryQuery,
          response: { 200: z.array(registryAddressView), ...errorResponses(400) },
        },
      },
      async (request) => suggestFromRegistry(deps.db, request.query.q, request.query.limit),
    );

    app.get(
      '/addresses/point',
      {
        config: { access: 'public' },
        schema: {
          tags: ['portal'],
          operationId: 'publicPlacePoint',
          summary: 'The nearest building and the district of a point picked on the map',
          security: [],
          querystring: pointQuery,
          response: { 200: pointPlaceView, ...errorResponses(400) },
        },
      },
      async (request) => placePoint(deps, request.query.latitude, request.query.longitude),
    );
  };
}
