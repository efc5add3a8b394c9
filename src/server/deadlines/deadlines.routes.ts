/**
 * Deadline control over HTTP: extension requests, explanation requests, the work calendar.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { can } from '../../domain/policy.js';
import { workCalendarSchema } from '../../domain/calendar/work-calendar.js';
import type { Deps } from '../context.js';
import { forbidden } from '../errors.js';
import { currentUser } from '../http/auth-plugin.js';
import { errorResponses } from '../http/openapi.js';
import { loadCalendar, saveCalendar } from '../calendar/calendar.repository.js';
import {
  explanationAnswerSchema,
  explanationCreatedView,
  explanationListQuery,
  explanationRequestSchema,
  explanationView,
  extensionCreatedView,
  extensionDecisionSchema,
  extensionListQuery,
  extensionRequestSchema,
  extensionRequestView,
} from '../../contract/deadlines.schemas.js';
import { answerExplanation, listExplanations, requestExplanation } from './explanations.service.js';
import { decideExtension, listExtensionRequests, requestExtension } from './extensions.service.js';

const idParams = z.object({ id: z.coerce.number().int().positive() });
const tags = ['deadlines'];

export function deadlinesRoutes(deps: Deps): FastifyPluginAsyncZod {
  return async (app) => {
    app.post(
      '/appeals/:id/extension-requests',
      {
        config: { access: 'assignment.work' },
        schema: {
          tags,
          operationId: 'requestExtension',
          summary: 'The executor asks to extend the term (Art. 20: at most 45 days in total)',
          params: idParams,
          body: extensionRequestSchema,
          response: {
            201: extensionCreatedView,
            ...errorResponses(400, 401, 403, 404, 409),
          },
        },
      },
      async (request, reply) =>
        reply
          .status(201)
          .send(
            await requestExtension(deps, currentUser(request), request.params.id, request.body),
          ),
    );
    app.get(
      '/extension-requests',
      {
        schema: {
          tags,
          operationId: 'listExtensionRequests',
          querystring: extensionListQuery,
          response: { 200: z.array(extensionRequestView), ...errorResponses(401, 403) },
        },
      },
      async (request) => {
        const user = currentUser(request);
        if (user.role === 'executor') {
          return listExtensionRequests(deps.db, {
            ...request.query,
            executorId: user.organisationId ?? 0,
          });
        }
        if (!can(user.role, 'extension.decide') && !can(user.role, 'monitoring.read'))
          throw forbidden();
        return listExtensionRequests(deps.db, request.query);
      },
    );
    app.post(
      '/extension-requests/:id/decision',
      {
        config: { access: 'extension.decide' },
        schema: {
          tags,
          operationId: 'decideExtension',
          summary:
            'The head of the centre approves or refuses an extension; the applicant is told the new term',
          params: idParams,
          body: extensionDecisionSchema,
          response: { 200: extensionRequestView, ...errorResponses(400, 401, 403, 404, 409) },
        },
      },
      async (request) =>
        decideExtension(deps, currentUser(request), request.params.id, request.body),
    );
    app.post(
      '/appeals/:id/explanation-requests',
      {
        config: { access: 'explanation.request' },
        schema: {
          tags,
          operationId: 'requestExplanation',
          summary:
            'Ask the executor of an overdue appeal for a written explanation (regulation 4.1.5)',
          params: idParams,
          body: explanationRequestSchema,
          response: {
            201: explanationCreatedView,
            ...errorResponses(400, 401, 403, 404, 409),
          },
        },
      },
      async (request, reply) =>
        reply
          .status(201)
          .send(
            await requestExplanation(deps, currentUser(request), request.params.id, request.body),
          ),
    );
    app.get(
      '/explanation-requests',
      {
        schema: {
          tags,
          operationId: 'listExplanationRequests',
          querystring: explanationListQuery,
          response: { 200: z.array(explanationView), ...errorResponses(401) },
        },
      },
      async (request) => listExplanations(deps, currentUser(request), request.query),
    );
    app.post(
      '/explanation-requests/:id/answer',
      {
        config: { access: 'assignment.work' },
        schema: {
          tags,
          operationId: 'answerExplanation',
          params: idParams,
          body: explanationAnswerSchema,
          response: { 200: explanationView, ...errorResponses(400, 401, 403, 404, 409) },
        },
      },
      async (request) =>
        answerExplanation(deps, currentUser(request), request.params.id, request.body),
    );
    app.get(
      '/calendar',
      {
        schema: {
          tags,
          operationId: 'getCalendar',
          summary:
            'The work calendar: weekends, holidays, transferred days, martial law, service hours',
          response: { 200: workCalendarSchema, ...errorResponses(401) },
        },
      },
      async () => loadCalendar(deps.db, deps.config.timeZone, deps.now()),
    );
    app.put(
      '/calendar',
      {
        config: { access: 'calendar.manage' },
        schema: {
          tags,
          operationId: 'saveCalendar',
          body: workCalendarSchema,
          response: { 200: workCalendarSchema, ...errorResponses(400, 401, 403) },
        },
      },
      async (request) => {
        await saveCalendar(deps.db, request.body, currentUser(request).id, deps.now());
        return loadCalendar(deps.db, deps.config.timeZone, deps.now());
      },
    );
  };
}
