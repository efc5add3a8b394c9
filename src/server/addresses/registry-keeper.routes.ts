/** The registry keeper's API (issue 15): `/api/v1/address-registry/…`, permission addresses.manage. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Deps } from '../context.js';
import { errorResponses } from '../http/openapi.js';
import { currentUser } from '../http/auth-plugin.js';
import {
  addressRuleSchema,
  assignMaintainerSchema,
  buildingListQuery,
  buildingUpdateSchema,
  buildingView,
  mergeBuildingsSchema,
  registryEditQuery,
  registryEditView,
  renameStreetSchema,
  streetView,
} from '../../contract/addresses.schemas.js';
import {
  listBuildings,
  listDistricts,
  listMaintainers,
  listRegistryEdits,
  listUnplacedAddresses,
  searchStreetsForKeeper,
} from './registry-keeper.queries.js';
import { renameStreet } from './rename-street.js';
import { updateBuilding } from './update-building.js';
import { mergeBuildings } from './merge-buildings.js';
import { assignMaintainer } from './assign-maintainer.js';
import { putAddressRule } from './put-address-rule.js';

const tags = ['address-registry'];
const keeper = { access: 'addresses.manage' } as const;
const idParams = z.object({ id: z.coerce.number().int().positive() });

export function registryKeeperRoutes(deps: Deps): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/streets',
      {
        config: keeper,
        schema: {
          tags,
          operationId: 'keeperStreets',
          querystring: z.object({ q: z.string().trim().min(2).max(200) }),
          response: { 200: z.array(streetView), ...errorResponses(400, 401, 403) },
        },
      },
      async (request) => searchStreetsForKeeper(deps, request.query.q),
    );
    app.post(
      '/streets/:id/rename',
      {
        config: keeper,
        schema: {
          tags,
          operationId: 'renameStreet',
          summary: 'Rename a street; the old name stays as a former name valid until the date',
          params: idParams,
          body: renameStreetSchema,
          response: { 200: streetView, ...errorResponses(400, 401, 403, 404) },
        },
      },
      async (request) => renameStreet(deps, currentUser(request), request.params.id, request.body),
    );
    app.get(
      '/buildings',
      {
        config: keeper,
        schema: {
          tags,
          operationId: 'keeperBuildings',
          querystring: buildingListQuery,
          response: { 200: z.array(buildingView), ...errorResponses(400, 401, 403) },
        },
      },
      async (request) => listBuildings(deps, request.query),
    );
    app.patch(
      '/buildings/:id',
      {
        config: keeper,
        schema: {
          tags,
          operationId: 'updateBuilding',
          params: idParams,
          body: buildingUpdateSchema,
          response: { 204: z.null(), ...errorResponses(400, 401, 403, 404) },
        },
      },
      async (request, reply) => {
        await updateBuilding(deps, currentUser(request), request.params.id, request.body);
        return reply.status(204).send(null);
      },
    );
    app.post(
      '/buildings/merge',
      {
        config: keeper,
        schema: {
          tags,
          operationId: 'mergeBuildings',
          summary: 'Merge two buildings that are one: the first is retired, its appeals move',
          body: mergeBuildingsSchema,
          response: {
            200: z.object({ movedAppeals: z.number().int() }),
            ...errorResponses(400, 401, 403, 404, 409),
          },
        },
      },
      async (request) => mergeBuildings(deps, currentUser(request), request.body),
    );
    app.post(
      '/buildings/maintainer',
      {
        config: keeper,
        schema: {
          tags,
          operationId: 'assignMaintainer',
          summary: 'Assign one maintainer to many buildings at once',
          body: assignMaintainerSchema,
          response: {
            200: z.object({ updated: z.number().int() }),
            ...errorResponses(400, 401, 403),
          },
        },
      },
      async (request) => assignMaintainer(deps, currentUser(request), request.body),
    );
    app.get(
      '/history',
      {
        config: keeper,
        schema: {
          tags,
          operationId: 'registryHistory',
          summary:
            'The registry’s history: who changed a street or a building, when, before → after',
          querystring: registryEditQuery,
          response: { 200: z.array(registryEditView), ...errorResponses(400, 401, 403) },
        },
      },
      async (request) => listRegistryEdits(deps, request.query),
    );
    app.get(
      '/maintainers',
      {
        config: keeper,
        schema: {
          tags,
          operationId: 'keeperMaintainers',
          response: {
            200: z.array(
              z.object({ id: z.number().int(), name: z.string(), buildings: z.number().int() }),
            ),
            ...errorResponses(401, 403),
          },
        },
      },
      async () => listMaintainers(deps),
    );
    app.get(
      '/districts',
      {
        config: { access: 'user' },
        schema: {
          tags,
          operationId: 'registryDistricts',
          response: {
            200: z.array(
              z.object({
                id: z.number().int(),
                city: z.string(),
                name: z.string(),
                formerNames: z.array(z.string()),
              }),
            ),
            ...errorResponses(401),
          },
        },
      },
      async () => listDistricts(deps),
    );
    app.get(
      '/unplaced',
      {
        config: keeper,
        schema: {
          tags,
          operationId: 'unplacedAddresses',
          summary: 'Addresses of appeals the registry could not place (to add them)',
          response: {
            200: z.array(
              z.object({
                appealId: z.number().int(),
                number: z.string(),
                address: z.string().nullable(),
                flags: z.array(z.string()),
                receivedAt: z.string(),
              }),
            ),
            ...errorResponses(401, 403),
          },
        },
      },
      async () => listUnplacedAddresses(deps),
    );
    app.put(
      '/routing-rules',
      {
        config: { access: 'classifier.manage' },
        schema: {
          tags,
          operationId: 'putAddressRoutingRule',
          summary: 'Question type × district → executor, or → the building’s maintainer',
          body: addressRuleSchema,
          response: { 204: z.null(), ...errorResponses(400, 401, 403) },
        },
      },
      async (request, reply) => {
        await putAddressRule(deps, request.body);
        return reply.status(204).send(null);
      },
    );
  };
}
