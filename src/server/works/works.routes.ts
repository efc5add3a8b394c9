/**
 * The works registry's API (issue 16, ADR 035): `/api/v1/works/…` for staff (the registry needs
 * works.manage: dispatchers and supervisors; the works covering an address and «informed» are for
 * intake: appeal.read / appeal.register) and `/api/public/works…` for the portal (public texts only).
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { isoDateTime } from '../../contract/common.js';
import type { Deps } from '../context.js';
import { errorResponses } from '../http/openapi.js';
import { currentUser } from '../http/auth-plugin.js';
import {
  appealWorksView,
  coveringQuery,
  informedInput,
  informedView,
  publicWorkMapView,
  publicWorkView,
  workEventView,
  workInput,
  workListQuery,
  workPatch,
  workStatusChange,
  workView,
} from '../../contract/works.schemas.js';
import {
  changeWorkStatus,
  type CoveringTarget,
  createWork,
  getWork,
  listPublicWorks,
  listWorks,
  recordInformed,
  updateWork,
  workHistory,
  worksCovering,
  worksReport,
} from './works.service.js';
import { appealWorksContext, unlinkAppealFromWork } from './works-linking.js';

const tags = ['works'];
const manage = { access: 'works.manage' } as const;
const idParams = z.object({ id: z.coerce.number().int().positive() });

function target(q: z.infer<typeof coveringQuery>): CoveringTarget {
  if (q.buildingId !== undefined) return { buildingId: q.buildingId };
  if (q.streetId !== undefined) return { streetId: q.streetId };
  return { point: { lat: q.lat ?? 0, lon: q.lon ?? 0 } };
}

export function worksRoutes(deps: Deps): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/works',
      {
        config: manage,
        schema: {
          tags,
          operationId: 'listWorks',
          querystring: workListQuery,
          response: { 200: z.array(workView), ...errorResponses(400, 401, 403) },
        },
      },
      async (request) => listWorks(deps, request.query),
    );
    app.post(
      '/works',
      {
        config: manage,
        schema: {
          tags,
          operationId: 'createWork',
          summary: 'Register an emergency, planned works or an outage with its area',
          body: workInput,
          response: { 201: workView, ...errorResponses(400, 401, 403) },
        },
      },
      async (request, reply) => {
        const work = await createWork(deps, currentUser(request), request.body);
        return reply.status(201).send(work);
      },
    );
    app.get(
      '/works/covering',
      {
        config: { access: 'appeal.read' },
        schema: {
          tags,
          operationId: 'worksCovering',
          summary: 'The open works that cover a building, a street or a point (intake)',
          querystring: coveringQuery,
          response: { 200: z.array(publicWorkView), ...errorResponses(400, 401, 403) },
        },
      },
      async (request) => worksCovering(deps.db, target(request.query)),
    );
    app.get(
      '/works/report',
      {
        config: { access: 'monitoring.read' },
        schema: {
          tags,
          operationId: 'worksReport',
          summary:
            'Works by service and district: entries, mean length, callers informed, linked appeals',
          querystring: z.object({ from: isoDateTime, to: isoDateTime }),
          response: {
            200: z.array(
              z.object({
                service: z.string(),
                districtId: z.number().int().nullable(),
                districtName: z.string().nullable(),
                entries: z.number().int(),
                meanHours: z.number(),
                informed: z.number().int(),
                linkedAppeals: z.number().int(),
              }),
            ),
            ...errorResponses(400, 401, 403),
          },
        },
      },
      async (request) =>
        worksReport(deps.db, new Date(request.query.from), new Date(request.query.to)),
    );
    app.get(
      '/works/:id',
      {
        config: manage,
        schema: {
          tags,
          operationId: 'getWork',
          params: idParams,
          response: { 200: workView, ...errorResponses(400, 401, 403, 404) },
        },
      },
      async (request) => getWork(deps, request.params.id),
    );
    app.patch(
      '/works/:id',
      {
        config: manage,
        schema: {
          tags,
          operationId: 'updateWork',
          summary: 'Edit an entry; a moved expected end tells the linked applicants',
          params: idParams,
          body: workPatch,
          response: { 200: workView, ...errorResponses(400, 401, 403, 404) },
        },
      },
      async (request) => updateWork(deps, currentUser(request), request.params.id, request.body),
    );
    app.post(
      '/works/:id/status',
      {
        config: manage,
        schema: {
          tags,
          operationId: 'changeWorkStatus',
          summary: 'planned → active → closed; closing twice is idempotent',
          params: idParams,
          body: workStatusChange,
          response: { 200: workView, ...errorResponses(400, 401, 403, 404) },
        },
      },
      async (request) =>
        changeWorkStatus(deps, currentUser(request), request.params.id, request.body),
    );
    app.get(
      '/works/:id/history',
      {
        config: manage,
        schema: {
          tags,
          operationId: 'workHistory',
          params: idParams,
          response: { 200: z.array(workEventView), ...errorResponses(400, 401, 403, 404) },
        },
      },
      async (request) => workHistory(deps, request.params.id),
    );
    app.post(
      '/works/:id/informed',
      {
        config: { access: 'appeal.register' },
        schema: {
          tags,
          operationId: 'workInformed',
          summary: 'A consultation «informed about works»: the caller was told about the entry',
          params: idParams,
          body: informedInput,
          response: { 200: informedView, ...errorResponses(400, 401, 403, 404) },
        },
      },
      async (request) =>
        recordInformed(deps, currentUser(request), request.params.id, {
          buildingId: request.body.buildingId,
          channel: 'phone',
        }),
    );
    app.get(
      '/appeals/:id/works',
      {
        config: { access: 'appeal.read' },
        schema: {
          tags,
          operationId: 'appealWorks',
          summary: 'The works entry an appeal is linked to, and the mass appeal it belongs to',
          params: idParams,
          response: { 200: appealWorksView, ...errorResponses(400, 401, 403, 404) },
        },
      },
      async (request) => appealWorksContext(deps, currentUser(request), request.params.id),
    );
    app.post(
      '/appeals/:id/works-unlink',
      {
        config: { access: 'appeal.register' },
        schema: {
          tags,
          operationId: 'unlinkAppealFromWorks',
          summary: 'Unlink an appeal from its works entry (it then waits to be assigned as usual)',
          params: idParams,
          response: {
            200: z.object({ appealId: z.number().int(), workId: z.null() }),
            ...errorResponses(400, 401, 403, 404),
          },
        },
      },
      async (request) => unlinkAppealFromWork(deps, currentUser(request), request.params.id),
    );
  };
}

/** The portal (no account): current and planned works, by address or all (for the map). */
export function publicWorksRoutes(deps: Deps): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/works',
      {
        config: { access: 'public' },
        schema: {
          tags: ['portal'],
          operationId: 'publicWorks',
          summary: 'Current and planned works (public texts), with their area outline for the map',
          security: [],
          response: { 200: z.array(publicWorkMapView), ...errorResponses(400) },
        },
      },
      async () => listPublicWorks(deps.db),
    );
    app.get(
      '/works/covering',
      {
        config: { access: 'public' },
        schema: {
          tags: ['portal'],
          operationId: 'publicWorksCovering',
          summary: 'The open works that cover a building, a street or a point',
          security: [],
          querystring: coveringQuery,
          response: { 200: z.array(publicWorkView), ...errorResponses(400) },
        },
      },
      async (request) => worksCovering(deps.db, target(request.query)),
    );
  };
}
