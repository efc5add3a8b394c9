/** Applicants: lookup by phone (the intake screen's first step) and by id. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Deps } from '../context.js';
import { errorResponses } from '../http/openapi.js';
import { findApplicantsByPhone, getApplicant } from './applicants.service.js';
import { applicantView } from '../../contract/applicants.schemas.js';

export function applicantsRoutes(deps: Deps): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/applicants',
      {
        config: { access: 'applicant.read' },
        schema: {
          tags: ['applicants'],
          operationId: 'findApplicants',
          summary: 'Applicants with this phone number, in any spelling',
          querystring: z.object({ phone: z.string().trim().min(5).max(30) }),
          response: { 200: z.array(applicantView), ...errorResponses(400, 401, 403) },
        },
      },
      async (request) => findApplicantsByPhone(deps, request.query.phone),
    );
    app.get(
      '/applicants/:id',
      {
        config: { access: 'applicant.read' },
        schema: {
          tags: ['applicants'],
          operationId: 'getApplicant',
          params: z.object({ id: z.coerce.number().int().positive() }),
          response: { 200: applicantView, ...errorResponses(401, 403, 404) },
        },
      },
      async (request) => getApplicant(deps.db, request.params.id),
    );
  };
}
