/**
 * Open311 GeoReport v2 under `/open311/v2/`: XML or JSON by the extension (`services.xml`,
 * `services.json`); form-encoded or JSON POST bodies; errors as the standard's list of
 * `{code, description}` (403 bad api_key, 404 missing, 400 otherwise) in the requested format —
 * this plugin has its own error and not-found handlers, so the rest of the API keeps its shape.
 */
import { clientDataException } from '../http/error-handler.js';
import type { FastifyError } from 'fastify';
import {
  type FastifyPluginAsyncZod,
  hasZodFastifySchemaValidationErrors,
} from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Deps } from '../context.js';
import { AppError } from '../errors.js';
import {
  commonQuery,
  discoveryView,
  formatParams,
  open311Errors,
  postedRequestView,
  postRequestBody,
  requestIdParams,
  requestsQuery,
  requestView,
  serviceCodeParams,
  serviceDefinitionView,
  serviceView,
  tokenParams,
  tokenView,
} from '../../contract/open311.schemas.js';
import { discovery, serviceDefinition, services } from './open311.service.js';
import { getRequest, listRequests } from './open311-requests.queries.js';
import { postRequest, tokenStatus } from './post-request.js';
import {
  discoveryXml,
  postedXml,
  formatOf,
  localeOf,
  send,
  sendErrors,
  sendRequests,
  serviceDefinitionXml,
  servicesXml,
  tokenXml,
} from './open311.presenter.js';
import {
  isDatabaseUnavailable,
  serviceUnavailable,
  setRetryAfter,
} from '../http/service-unavailable.js';

const tags = ['open311'];
const open = { access: 'public' as const };
const errors = { 400: open311Errors, 403: open311Errors, 404: open311Errors };

export function open311Routes(deps: Deps): FastifyPluginAsyncZod {
  return async (app) => {
    // Form bodies (the standard's POST) as a record; repeated keys become lists.
    app.addContentTypeParser(
      'application/x-www-form-urlencoded',
      { parseAs: 'string' },
      (_request, body, done) => {
        const record: Record<string, string | string[]> = {};
        for (const [key, value] of new URLSearchParams(body as string)) {
          const before = record[key];
          record[key] =
            before === undefined
              ? value
              : Array.isArray(before)
                ? [...before, value]
                : [before, value];
        }
        done(null, record);
      },
    );

    app.setErrorHandler((caught: FastifyError | AppError | Error, request, reply) => {
      const format = formatOf(request);
      const error = isDatabaseUnavailable(caught) ? serviceUnavailable() : caught;
      if (error instanceof AppError) {
        if (error.status === 503) setRetryAfter(reply);
        const status =
          error.status === 403 || error.status === 404 || error.status === 503 ? error.status : 400;
        if (error.status >= 500) request.log.error({ err: error }, 'open311 request failed');
        return sendErrors(reply, format, status, [{ code: status, description: error.message }]);
      }
      if (hasZodFastifySchemaValidationErrors(error)) {
        const where = error.validationContext ?? 'request';
        return sendErrors(
          reply,
          format,
          400,
          error.validation.map((v) => ({
            code: 400,
            description:
              `${where} ${v.instancePath.replace(/^\//, '') || ''} ${v.message ?? 'is not valid'}`
                .replace(/\s+/g, ' ')
                .trim(),
          })),
        );
      }
      if (clientDataException(error)) {
        return sendErrors(reply, format, 400, [
          { code: 400, description: 'A value in the request is out of range.' },
        ]);
      }
      const fastifyError = error as FastifyError;
      if (
        fastifyError.statusCode &&
        fastifyError.statusCode >= 400 &&
        fastifyError.statusCode < 500
      ) {
        return sendErrors(reply, format, 400, [{ code: 400, description: fastifyError.message }]);
      }
      request.log.error({ err: error }, 'open311 request failed');
      return sendErrors(reply, format, 500, [
        { code: 500, description: 'Something went wrong on our side.' },
      ]);
    });

    app.setNotFoundHandler((request, reply) =>
      sendErrors(reply, formatOf(request), 404, [
        {
          code: 404,
          description: `No resource ${request.method} ${request.url.split('?')[0]}; see discovery.xml.`,
        },
      ]),
    );

    app.get(
      '/discovery.:format',
      {
        config: open,
        schema: {
          tags,
          operationId: 'open311Discovery',
          summary: 'GeoReport v2 discovery',
          security: [],
          params: formatParams,
          response: { 200: discoveryView, ...errors },
        },
      },
      async (request, reply) => {
        const d = discovery(deps);
        return send(reply, request.params.format, 200, d, discoveryXml(d));
      },
    );

    app.get(
      '/services.:format',
      {
        config: open,
        schema: {
          tags,
          operationId: 'open311Services',
          summary: 'GeoReport v2 services: the public question types',
          security: [],
          params: formatParams,
          querystring: commonQuery,
          response: { 200: z.array(serviceView), ...errors },
        },
      },
      async (request, reply) => {
        const list = await services(deps, localeOf(request.query));
        return send(reply, request.params.format, 200, list, servicesXml(list));
      },
    );

    app.get(
      '/services/:code.:format',
      {
        config: open,
        schema: {
          tags,
          operationId: 'open311ServiceDefinition',
          summary: 'GeoReport v2 service definition with its attributes',
          security: [],
          params: serviceCodeParams,
          querystring: commonQuery,
          response: { 200: serviceDefinitionView, ...errors },
        },
      },
      async (request, reply) => {
        const definition = await serviceDefinition(
          deps,
          request.params.code,
          localeOf(request.query),
        );
        return send(
          reply,
          request.params.format,
          200,
          definition,
          serviceDefinitionXml(definition),
        );
      },
    );

    app.post(
      '/requests.:format',
      {
        config: open,
        schema: {
          tags,
          operationId: 'open311PostRequest',
          summary:
            'GeoReport v2 POST requests (api_key required): into the moderation queue; answers with a token',
          description:
            'Form-encoded or JSON. Name (first_name, last_name) and an email or phone are required by ' +
            'Article 5 of Law 393/96-ВР. The same request from the same client within 24 hours is refused as ' +
            'a duplicate; an Idempotency-Key header makes a retry return the first token instead.',
          security: [],
          consumes: ['application/x-www-form-urlencoded', 'application/json'],
          params: formatParams,
          body: postRequestBody,
          response: { 201: z.array(postedRequestView), ...errors },
        },
      },
      async (request, reply) => {
        const header = request.headers['idempotency-key'];
        const posted = await postRequest(
          deps,
          request.body,
          typeof header === 'string' && header.trim().length >= 16 ? header.trim() : undefined,
        );
        return send(reply, request.params.format, 201, [posted], postedXml(posted));
      },
    );

    app.get(
      '/requests.:format',
      {
        config: open,
        schema: {
          tags,
          operationId: 'open311Requests',
          summary:
            'GeoReport v2 GET requests: filters, 90-day default window, at most 1,000 (page, page_size)',
          security: [],
          params: formatParams,
          querystring: requestsQuery,
          response: { 200: z.array(requestView), ...errors },
        },
      },
      async (request, reply) => {
        const list = await listRequests(deps, request.query, localeOf(request.query));
        return sendRequests(reply, request.params.format, list);
      },
    );

    app.get(
      '/requests/:id.:format',
      {
        config: open,
        schema: {
          tags,
          operationId: 'open311Request',
          summary: 'GeoReport v2 one service request (by its registration number)',
          security: [],
          params: requestIdParams,
          querystring: commonQuery,
          response: { 200: z.array(requestView), ...errors },
        },
      },
      async (request, reply) => {
        const list = await getRequest(deps, request.params.id, localeOf(request.query));
        return sendRequests(reply, request.params.format, list);
      },
    );

    app.get(
      '/tokens/:token.:format',
      {
        config: open,
        schema: {
          tags,
          operationId: 'open311Token',
          summary: 'GeoReport v2 token: the service_request_id once the request is registered',
          security: [],
          params: tokenParams,
          querystring: commonQuery,
          response: { 200: z.array(tokenView), ...errors },
        },
      },
      async (request, reply) => {
        const status = await tokenStatus(deps, request.params.token);
        return send(reply, request.params.format, 200, [status], tokenXml(status));
      },
    );
  };
}
