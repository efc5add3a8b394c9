/**
 * HTTP routes of appeals: parse (zod), authorise (route `access` + use-case scope), call, present.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Deps } from '../context.js';
import { currentUser } from '../http/auth-plugin.js';
import { errorResponses } from '../http/openapi.js';
import {
  acceptAssignment,
  assignExecutor,
  cancelAppeal,
  respondToAppeal,
  returnNotInCompetence,
  reviewAppeal,
} from './appeal-actions.js';
import { getAppealCard } from './appeal-card.queries.js';
import { countAppeals, listAppeals } from './appeals.queries.js';
import { idempotencyHeaders } from '../../contract/portal.schemas.js';
import {
  appealCardView,
  appealIdParams,
  appealStepOutcome,
  assignSchema,
  assignmentParams,
  commentSchema,
  endAssignmentSchema,
  respondSchema,
  reviewSchema,
} from '../../contract/appeals.schemas.js';
import {
  appealCountView,
  appealExportQuery,
  appealFilterQuery,
  appealListView,
  listAppealsQuery,
} from '../../contract/appeal-registry.schemas.js';
import {
  appealRegisteredView,
  registerAppealSchema,
  repeatCheckQuery,
  repeatCheckView,
} from '../../contract/appeal-registration.schemas.js';
import { exportAppealsCsv } from './appeals-export.js';
import { exportAppealsXlsx, XLSX_MEDIA_TYPE } from './appeals-export-xlsx.js';
import { endCoAssignment } from './end-co-assignment.js';
import { registerAppeal } from './register-appeal.js';
import { checkRepeatedAppeal } from './repeated-appeals.queries.js';

const tags = ['appeals'];

export function appealsRoutes(deps: Deps): FastifyPluginAsyncZod {
  return async (app) => {
    app.post(
      '/appeals',
      {
        config: { access: 'appeal.register' },
        schema: {
          tags,
          operationId: 'registerAppeal',
          summary:
            'Register an appeal (or a consultation, closed at once) and route it to its executor',
          description:
            'Send an Idempotency-Key made once per filled form: the same form sent again (a double press, a ' +
            'retry after a lost answer) returns the first appeal with 200 instead of registering a second. ' +
            'A new applicant with the name and phone (or e-mail) of one on record is that applicant unless ' +
            '`separateApplicant` is true.',
          headers: idempotencyHeaders,
          body: registerAppealSchema,
          response: {
            201: appealRegisteredView,
            200: appealRegisteredView,
            ...errorResponses(400, 401, 403, 404, 409, 413, 422),
          },
        },
      },
      async (request, reply) => {
        const { replayed, tracking, ...registered } = await registerAppeal(
          deps,
          currentUser(request),
          request.body,
          request.headers['idempotency-key'],
          { trackingCode: true },
        );
        return reply.status(replayed ? 200 : 201).send({
          ...registered,
          tracking,
          controlDate: registered.controlDate?.toISOString() ?? null,
          legalDeadline: registered.legalDeadline?.toISOString() ?? null,
        });
      },
    );

    app.get(
      '/appeals',
      {
        schema: {
          tags,
          operationId: 'listAppeals',
          summary:
            'The registry: appeals newest first, filtered, one page at a time (keyset cursor)',
          querystring: listAppealsQuery,
          response: { 200: appealListView, ...errorResponses(400, 401) },
        },
      },
      async (request) => listAppeals(deps, currentUser(request), request.query),
    );

    app.get(
      '/appeals/count',
      {
        schema: {
          tags,
          operationId: 'countAppeals',
          summary: 'How many appeals the registry’s filter holds (the list’s count)',
          querystring: appealFilterQuery,
          response: { 200: appealCountView, ...errorResponses(400, 401) },
        },
      },
      async (request) => ({
        count: await countAppeals(deps, currentUser(request), request.query),
      }),
    );

    app.get(
      '/appeals/export.csv',
      {
        schema: {
          tags,
          operationId: 'exportAppealsCsv',
          summary: 'The registry’s current filter as CSV (UTF-8 with BOM; formulas neutralised)',
          querystring: appealExportQuery,
        },
      },
      async (request, reply) => {
        const stamp = deps.now().toISOString().slice(0, 10);
        return reply
          .header('Content-Type', 'text/csv; charset=utf-8')
          .header('Content-Disposition', `attachment; filename="appeals-${stamp}.csv"`)
          .send(exportAppealsCsv(deps, currentUser(request), request.query, request.query));
      },
    );

    app.get(
      '/appeals/export.xlsx',
      {
        schema: {
          tags,
          operationId: 'exportAppealsXlsx',
          summary: 'The registry’s current filter as an XLSX workbook (streamed)',
          querystring: appealExportQuery,
        },
      },
      async (request, reply) => {
        const stamp = deps.now().toISOString().slice(0, 10);
        return reply
          .header('Content-Type', XLSX_MEDIA_TYPE)
          .header('Content-Disposition', `attachment; filename="appeals-${stamp}.xlsx"`)
          .send(exportAppealsXlsx(deps, currentUser(request), request.query, request.query));
      },
    );

    app.get(
      '/appeals/:id',
      {
        schema: {
          tags,
          operationId: 'getAppeal',
          summary:
            'The appeal card with assignments, responses, reviews, files, history and allowed actions',
          params: appealIdParams,
          response: { 200: appealCardView, ...errorResponses(400, 401, 404) },
        },
      },
      async (request) => getAppealCard(deps, currentUser(request), request.params.id),
    );

    app.post(
      '/appeals/:id/assignments',
      {
        config: { access: 'appeal.assign' },
        schema: {
          tags: ['assignments'],
          operationId: 'assignExecutor',
          summary:
            'Assign a main executor (when none is active) or a co-executor, with an instruction',
          params: appealIdParams,
          body: assignSchema,
          response: {
            201: appealStepOutcome.extend({ assignmentId: z.number().int() }),
            ...errorResponses(400, 401, 403, 404, 409),
          },
        },
      },
      async (request, reply) =>
        reply
          .status(201)
          .send(await assignExecutor(deps, currentUser(request), request.params.id, request.body)),
    );

    app.post(
      '/appeals/:id/assignments/:assignmentId/end',
      {
        config: { access: 'appeal.assign' },
        schema: {
          tags: ['assignments'],
          operationId: 'endCoAssignment',
          summary:
            "End a co-executor's assignment (it becomes withdrawn; the appeal's status stays)",
          params: assignmentParams,
          body: endAssignmentSchema,
          response: { 200: appealStepOutcome, ...errorResponses(400, 401, 403, 404, 409) },
        },
      },
      async (request) =>
        endCoAssignment(deps, currentUser(request), {
          appealId: request.params.id,
          assignmentId: request.params.assignmentId,
          comment: request.body.comment,
        }),
    );

    app.post(
      '/appeals/:id/accept',
      {
        config: { access: 'assignment.work' },
        schema: {
          tags: ['assignments'],
          operationId: 'acceptAssignment',
          summary: 'The executor accepts its assignment into work',
          params: appealIdParams,
          response: { 200: appealStepOutcome, ...errorResponses(401, 403, 404, 409) },
        },
      },
      async (request) => acceptAssignment(deps, currentUser(request), request.params.id),
    );

    app.post(
      '/appeals/:id/responses',
      {
        config: { access: 'assignment.work' },
        schema: {
          tags: ['assignments'],
          operationId: 'respondToAppeal',
          summary:
            "The executor's response (report) with text and uploaded files; the appeal goes on check",
          params: appealIdParams,
          body: respondSchema,
          response: { 201: appealStepOutcome, ...errorResponses(400, 401, 403, 404, 409) },
        },
      },
      async (request, reply) =>
        reply
          .status(201)
          .send(await respondToAppeal(deps, currentUser(request), request.params.id, request.body)),
    );

    app.post(
      '/appeals/:id/not-in-competence',
      {
        config: { access: 'assignment.work' },
        schema: {
          tags: ['assignments'],
          operationId: 'returnNotInCompetence',
          summary:
            'The executor returns the assignment to the contact centre: not in its competence (Art. 7)',
          params: appealIdParams,
          body: commentSchema,
          response: { 200: appealStepOutcome, ...errorResponses(400, 401, 403, 404, 409) },
        },
      },
      async (request) =>
        returnNotInCompetence(deps, currentUser(request), request.params.id, request.body.comment),
    );

    app.post(
      '/appeals/:id/review',
      {
        config: { access: 'appeal.review' },
        schema: {
          tags: ['review'],
          operationId: 'reviewAppeal',
          summary:
            'The controller accepts the response with a result (closes the appeal) or returns it for rework (stays on control)',
          params: appealIdParams,
          body: reviewSchema,
          response: { 200: appealStepOutcome, ...errorResponses(400, 401, 403, 404, 409) },
        },
      },
      async (request) => reviewAppeal(deps, currentUser(request), request.params.id, request.body),
    );

    app.post(
      '/appeals/:id/cancel',
      {
        config: { access: 'appeal.cancel' },
        schema: {
          tags,
          operationId: 'cancelAppeal',
          summary: "Cancel an open appeal at the applicant's request",
          params: appealIdParams,
          body: commentSchema,
          response: { 200: appealStepOutcome, ...errorResponses(400, 401, 403, 404, 409) },
        },
      },
      async (request) =>
        cancelAppeal(deps, currentUser(request), request.params.id, request.body.comment),
    );
    app.get(
      '/appeals/repeat-check',
      {
        config: { access: 'appeal.register' },
        schema: {
          tags: ['appeals'],
          operationId: 'checkRepeatedAppeal',
          summary:
            'Would this appeal repeat an earlier one of the applicant (Art. 8)? Asked before registering',
          querystring: repeatCheckQuery,
          response: {
            200: repeatCheckView,
            ...errorResponses(400, 401, 403),
          },
        },
      },
      async (request) => ({
        repeatOf: await checkRepeatedAppeal(deps.db, { ...request.query, receivedAt: deps.now() }),
      }),
    );
  };
}
