/**
 * Mass appeals over HTTP (issue 16, item 4): `/api/v1/mass-appeals…`. Reading and deciding are the
 * controller's (`appeal.review`: controllers and supervisors), who confirms a proposal or
 * dismisses it; the scheduler proposes every minute, and `POST …/propose` runs it now.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  massAppealListQuery,
  massAppealView,
  proposeResult,
} from '../../contract/mass-appeals.schemas.js';
import type { Deps } from '../context.js';
import { currentUser } from '../http/auth-plugin.js';
import { errorResponses } from '../http/openapi.js';
import { confirmMassAppeal } from './confirm-mass-appeal.js';
import { dismissMassAppeal } from './dismiss-mass-appeal.js';
import { getMassAppeal, listMassAppeals } from './mass-appeals.queries.js';
import { proposeMassAppeals } from './propose-mass-appeals.js';

const tags = ['mass-appeals'];
const review = { access: 'appeal.review' } as const;
const idParams = z.object({ id: z.coerce.number().int().positive() });

export function massAppealsRoutes(deps: Deps): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/mass-appeals',
      {
        config: review,
        schema: {
          tags,
          operationId: 'listMassAppeals',
          summary: 'Proposed, confirmed and dismissed mass appeals, newest first',
          querystring: massAppealListQuery,
          response: { 200: z.array(massAppealView), ...errorResponses(400, 401, 403) },
        },
      },
      async (request) => listMassAppeals(deps, request.query),
    );
    app.post(
      '/mass-appeals/propose',
      {
        config: review,
        schema: {
          tags,
          operationId: 'proposeMassAppeals',
          summary: 'Look for new groups now (the scheduler does it every minute)',
          response: { 200: proposeResult, ...errorResponses(401, 403) },
        },
      },
      async () => proposeMassAppeals(deps),
    );
    app.get(
      '/mass-appeals/:id',
      {
        config: review,
        schema: {
          tags,
          operationId: 'getMassAppeal',
          params: idParams,
          response: { 200: massAppealView, ...errorResponses(400, 401, 403, 404) },
        },
      },
      async (request) => getMassAppeal(deps, request.params.id),
    );
    app.post(
      '/mass-appeals/:id/confirm',
      {
        config: review,
        schema: {
          tags,
          operationId: 'confirmMassAppeal',
          summary: 'Confirm a proposal: the members follow the lead appeal’s one assignment',
          params: idParams,
          response: { 200: massAppealView, ...errorResponses(400, 401, 403, 404, 409) },
        },
      },
      async (request) => confirmMassAppeal(deps, currentUser(request), request.params.id),
    );
    app.post(
      '/mass-appeals/:id/dismiss',
      {
        config: review,
        schema: {
          tags,
          operationId: 'dismissMassAppeal',
          summary: 'Dismiss a proposal: its appeals go on one by one',
          params: idParams,
          response: { 200: massAppealView, ...errorResponses(400, 401, 403, 404, 409) },
        },
      },
      async (request) => dismissMassAppeal(deps, currentUser(request), request.params.id),
    );
  };
}
