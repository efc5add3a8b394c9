/**
 * HTTP routes of assistance: question-type suggestions (staff at `/api/v1/assist/…`, the portal at
 * `/api/public/question-type-suggestions`), the model's training, the boilerplate list, formal-answer
 * flags of an appeal and their counts per executor. Parse, authorise, call, present.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Deps } from '../context.js';
import { currentUser } from '../http/auth-plugin.js';
import { errorResponses } from '../http/openapi.js';
import { notFound } from '../errors.js';
import {
  countFlagsByExecutor,
  listAppealAnswerFlags,
  listBoilerplatePhrases,
  replaceBoilerplatePhrases,
} from './formal-answers.service.js';
import { latestModelSummary, type ModelSummary } from './assist.repository.js';
import {
  answerFlagView,
  boilerplateView,
  executorFlagCountsView,
  flagCountsQuery,
  modelView,
  boilerplateListSchema,
  publicSuggestionsView,
  suggestionsQuery,
  suggestionsView,
  type ModelView,
} from '../../contract/assist.schemas.js';
import { suggestQuestionTypes, trainSuggestionModel } from './suggestions.service.js';

const tags = ['assistance'];
const idParams = z.object({ id: z.coerce.number().int().positive() });

function presentModel(summary: ModelSummary): ModelView {
  return { ...summary, trainedAt: summary.trainedAt.toISOString() };
}

function staffRoutes(deps: Deps): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/assist/suggestions',
      {
        config: { access: 'user' },
        schema: {
          tags,
          operationId: 'suggestQuestionTypes',
          summary:
            'The most likely question types for the caller’s words, with the executor each routes to and why',
          querystring: suggestionsQuery,
          response: { 200: suggestionsView, ...errorResponses(400, 401) },
        },
      },
      async (request) =>
        suggestQuestionTypes(deps, request.query.text, { limit: request.query.limit }),
    );
    app.get(
      '/assist/model',
      {
        config: { access: 'user' },
        schema: {
          tags,
          operationId: 'getSuggestionModel',
          summary: 'The suggestion model in use (404 before the first training)',
          response: { 200: modelView, ...errorResponses(401, 404) },
        },
      },
      async () => {
        const latest = await latestModelSummary(deps.db);
        if (!latest) throw notFound('suggestion_model', 'latest');
        return presentModel(latest);
      },
    );
    app.post(
      '/assist/model/train',
      {
        config: { access: 'classifier.manage' },
        schema: {
          tags,
          operationId: 'trainSuggestionModel',
          summary: 'Retrain the suggestion model from the history now',
          response: { 201: modelView, ...errorResponses(401, 403) },
        },
      },
      async (_request, reply) =>
        reply.status(201).send(presentModel(await trainSuggestionModel(deps))),
    );
    app.get(
      '/assist/boilerplate',
      {
        config: { access: 'user' },
        schema: {
          tags,
          operationId: 'listBoilerplatePhrases',
          summary: 'Phrases that make an answer formal when it has little else',
          response: { 200: z.array(boilerplateView), ...errorResponses(401) },
        },
      },
      async () => listBoilerplatePhrases(deps),
    );
    app.put(
      '/assist/boilerplate',
      {
        config: { access: 'classifier.manage' },
        schema: {
          tags,
          operationId: 'replaceBoilerplatePhrases',
          summary: 'Replace the list of boilerplate phrases (sent whole)',
          body: boilerplateListSchema,
          response: { 200: z.array(boilerplateView), ...errorResponses(400, 401, 403) },
        },
      },
      async (request) =>
        replaceBoilerplatePhrases(deps, currentUser(request), request.body.phrases),
    );
    app.get(
      '/appeals/:id/answer-flags',
      {
        config: { access: 'appeal.review' },
        schema: {
          tags,
          operationId: 'listAnswerFlags',
          summary: 'Formal-answer flags on the appeal’s responses (for the controller, 3.1.3)',
          params: idParams,
          response: { 200: z.array(answerFlagView), ...errorResponses(400, 401, 403, 404) },
        },
      },
      async (request) => {
        const exists = await deps.db
          .selectFrom('appeals')
          .select('id')
          .where('id', '=', request.params.id)
          .executeTakeFirst();
        if (!exists) throw notFound('appeal', request.params.id);
        return listAppealAnswerFlags(deps, request.params.id);
      },
    );
    app.get(
      '/assist/formal-answers/by-executor',
      {
        config: { access: 'monitoring.read' },
        schema: {
          tags,
          operationId: 'countFormalAnswersByExecutor',
          summary:
            'Per executor: answers in the period and how many were flagged as formal, by reason',
          querystring: flagCountsQuery,
          response: { 200: z.array(executorFlagCountsView), ...errorResponses(400, 401, 403) },
        },
      },
      async (request) => countFlagsByExecutor(deps, request.query.from, request.query.to),
    );
  };
}

function publicRoutes(deps: Deps): FastifyPluginAsyncZod {
  const perMinute = deps.config.publicLimits.trackingPerMinute * 5;
  return async (app) => {
    app.get(
      '/question-type-suggestions',
      {
        config: {
          access: 'public',
          rateLimit: perMinute > 0 ? { max: perMinute, timeWindow: '1 minute' } : false,
        },
        schema: {
          tags: ['portal'],
          operationId: 'suggestPublicQuestionTypes',
          summary: 'Topics offered on the portal that fit the citizen’s words, best first',
          security: [],
          querystring: suggestionsQuery,
          response: { 200: publicSuggestionsView, ...errorResponses(400, 429) },
        },
      },
      async (request) => {
        const result = await suggestQuestionTypes(deps, request.query.text, {
          limit: request.query.limit,
          publicOnly: true,
        });
        return {
          suggestions: result.suggestions.map((s) => ({
            id: s.questionType.id,
            name: s.questionType.name,
            nameEn: s.questionType.nameEn,
            kindName: s.kindName,
            kindNameEn: s.kindNameEn,
            matchedWords: s.reason.matchedWords,
          })),
        };
      },
    );
  };
}

/** Both route sets, under their prefixes: registered in app.ts with one line. */
export function assistRoutes(deps: Deps): FastifyPluginAsyncZod {
  return async (app) => {
    await app.register(staffRoutes(deps), { prefix: '/api/v1' });
    await app.register(publicRoutes(deps), { prefix: '/api/public' });
  };
}
