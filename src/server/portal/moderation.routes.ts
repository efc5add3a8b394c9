/**
 * The moderation queue for staff (`submission.moderate`: moderator, supervisor), under /api/v1.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Deps } from '../context.js';
import { currentUser } from '../http/auth-plugin.js';
import { errorResponses } from '../http/openapi.js';
import {
  getSubmission,
  listSubmissions,
  mergeSubmission,
  pendingSubmissionsSummary,
  registerSubmission,
  rejectSubmission,
} from './moderation.service.js';
import {
  mergeSubmissionSchema,
  moderationOutcome,
  registerSubmissionSchema,
  rejectSubmissionSchema,
  submissionIdParams,
  submissionListQuery,
  submissionListView,
  submissionView,
} from '../../contract/moderation.schemas.js';

const tags = ['moderation'];
const access = { access: 'submission.moderate' as const };

export function moderationRoutes(deps: Deps): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/submissions',
      {
        config: access,
        schema: {
          tags,
          operationId: 'listSubmissions',
          summary:
            'The moderation queue: submissions from the portal and Open311, oldest first (keyset cursor)',
          querystring: submissionListQuery,
          response: { 200: submissionListView, ...errorResponses(400, 401, 403) },
        },
      },
      async (request) => listSubmissions(deps, request.query),
    );

    app.get(
      '/submissions/summary',
      {
        config: access,
        schema: {
          tags,
          operationId: 'pendingSubmissionsSummary',
          summary: 'How many submissions wait for moderation and when the oldest came in',
          response: {
            200: z.object({
              pending: z.number().int(),
              oldestReceivedAt: z.string().nullable().describe('ISO 8601; null when none wait'),
            }),
            ...errorResponses(401, 403),
          },
        },
      },
      async () => {
        const summary = await pendingSubmissionsSummary(deps);
        return {
          pending: summary.pending,
          oldestReceivedAt: summary.oldestReceivedAt?.toISOString() ?? null,
        };
      },
    );

    app.get(
      '/submissions/:id',
      {
        config: access,
        schema: {
          tags,
          operationId: 'getSubmission',
          summary: 'One submission with the applicant, the photos and what became of it',
          params: submissionIdParams,
          response: { 200: submissionView, ...errorResponses(400, 401, 403, 404) },
        },
      },
      async (request) => getSubmission(deps, request.params.id),
    );

    app.post(
      '/submissions/:id/register',
      {
        config: access,
        schema: {
          tags,
          operationId: 'registerSubmission',
          summary:
            'Register the submission as an appeal (question type may be corrected); the applicant is told',
          params: submissionIdParams,
          body: registerSubmissionSchema,
          response: { 201: moderationOutcome, ...errorResponses(400, 401, 403, 404, 409) },
        },
      },
      async (request, reply) =>
        reply
          .status(201)
          .send(
            await registerSubmission(deps, currentUser(request), request.params.id, request.body),
          ),
    );

    app.post(
      '/submissions/:id/merge',
      {
        config: access,
        schema: {
          tags,
          operationId: 'mergeSubmission',
          summary:
            'Join the submission to an open appeal on the same problem (duplicate or multiple); the applicant is told',
          params: submissionIdParams,
          body: mergeSubmissionSchema,
          response: { 200: moderationOutcome, ...errorResponses(400, 401, 403, 404, 409) },
        },
      },
      async (request) =>
        mergeSubmission(deps, currentUser(request), request.params.id, request.body),
    );

    app.post(
      '/submissions/:id/reject',
      {
        config: access,
        schema: {
          tags,
          operationId: 'rejectSubmission',
          summary:
            'Refuse the submission with a reason (anonymous, repeated: Art. 8; no substance: Art. 5; not an appeal); the applicant is told',
          params: submissionIdParams,
          body: rejectSubmissionSchema,
          response: { 200: moderationOutcome, ...errorResponses(400, 401, 403, 404, 409) },
        },
      },
      async (request) =>
        rejectSubmission(deps, currentUser(request), request.params.id, request.body),
    );
  };
}
