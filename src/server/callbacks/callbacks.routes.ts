/**
 * The call-back queue's API (regulation 3.1.7; issue 19, item 6; ADR 039): operators list the
 * queue and record each call (callbacks.work); the head reads and sets the rules
 * (callbacks.manage).
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  callbackAttemptResult,
  callbackAttemptSchema,
  callbackQueueQuery,
  callbackRulesSchema,
  callbackSurveyView,
} from '../../contract/knowledge.schemas.js';
import type { Deps } from '../context.js';
import { currentUser } from '../http/auth-plugin.js';
import { errorResponses } from '../http/openapi.js';
import {
  callbackRules,
  listCallbackQueue,
  recordAttempt,
  setCallbackRules,
} from './callbacks.service.js';

const tags = ['callbacks'];
const work = { access: 'callbacks.work' } as const;
const manage = { access: 'callbacks.manage' } as const;

export function callbacksRoutes(deps: Deps): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/callbacks',
      {
        config: work,
        schema: {
          tags,
          operationId: 'listCallbacks',
          summary: 'The call-back queue: closed appeals to call about, oldest first',
          querystring: callbackQueueQuery,
          response: { 200: z.array(callbackSurveyView), ...errorResponses(400, 401, 403) },
        },
      },
      async (request) => listCallbackQueue(deps, request.query),
    );
    app.post(
      '/callbacks/:id/attempts',
      {
        config: work,
        schema: {
          tags,
          operationId: 'recordCallbackAttempt',
          summary:
            'One call: not reached (dropped after the last try), or the answers ("not solved" returns the appeal for check)',
          params: z.object({ id: z.coerce.number().int().positive() }),
          body: callbackAttemptSchema,
          response: {
            200: callbackAttemptResult,
            ...errorResponses(400, 401, 403, 404, 409),
          },
        },
      },
      async (request) => {
        const result = await recordAttempt(
          deps,
          currentUser(request),
          request.params.id,
          request.body,
        );
        return callbackAttemptResult.parse(result);
      },
    );
    app.get(
      '/callbacks/rules',
      {
        config: manage,
        schema: {
          tags,
          operationId: 'getCallbackRules',
          response: { 200: callbackRulesSchema, ...errorResponses(401, 403) },
        },
      },
      async () => callbackRules(deps),
    );
    app.put(
      '/callbacks/rules',
      {
        config: manage,
        schema: {
          tags,
          operationId: 'setCallbackRules',
          summary:
            'Which closed appeals are called back: privileged, rated ≤ N, a sampled share; tries',
          body: callbackRulesSchema,
          response: { 200: callbackRulesSchema, ...errorResponses(400, 401, 403) },
        },
      },
      async (request) => {
        await setCallbackRules(deps, request.body);
        return callbackRules(deps);
      },
    );
  };
}
