/** The classifier: read by every staff member, changed by an administrator. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Deps } from '../context.js';
import { errorResponses } from '../http/openapi.js';
import {
  classifierKindView,
  newKindSchema,
  newQuestionTypeSchema,
  questionTypeView,
} from '../../contract/classifier.schemas.js';
import {
  createKind,
  createQuestionType,
  listClassifier,
  searchQuestionTypes,
} from './classifier.service.js';

const tags = ['classifier'];

export function classifierRoutes(deps: Deps): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/classifier',
      {
        schema: {
          tags,
          operationId: 'getClassifier',
          summary: 'Kinds with their question types, terms and default executors',
          response: { 200: z.array(classifierKindView), ...errorResponses(401) },
        },
      },
      async () => listClassifier(deps),
    );
    app.get(
      '/question-types',
      {
        schema: {
          tags,
          operationId: 'searchQuestionTypes',
          summary: 'Question types matching words (for the intake screen)',
          querystring: z.object({ q: z.string().trim().min(1).max(200) }),
          response: { 200: z.array(questionTypeView), ...errorResponses(400, 401) },
        },
      },
      async (request) => searchQuestionTypes(deps, request.query.q),
    );
    app.post(
      '/classifier/kinds',
      {
        config: { access: 'classifier.manage' },
        schema: {
          tags,
          operationId: 'createKind',
          body: newKindSchema,
          response: {
            201: z.object({ id: z.number().int(), name: z.string() }),
            ...errorResponses(400, 401, 403, 409),
          },
        },
      },
      async (request, reply) => reply.status(201).send(await createKind(deps.db, request.body)),
    );
    app.post(
      '/question-types',
      {
        config: { access: 'classifier.manage' },
        schema: {
          tags,
          operationId: 'createQuestionType',
          body: newQuestionTypeSchema,
          response: { 201: questionTypeView, ...errorResponses(400, 401, 403, 409) },
        },
      },
      async (request, reply) =>
        reply.status(201).send(await createQuestionType(deps.db, request.body)),
    );
  };
}
