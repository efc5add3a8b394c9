/**
 * Turns every error into the one error shape `{ error, message, details? }` (CONVENTIONS.md habit 6).
 * What a client can send never yields a 500: parse, size, media-type and validation errors are 4xx.
 */
import type { FastifyError, FastifyInstance } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { ZodError } from 'zod';
import { AppError } from '../errors.js';
import { isDatabaseUnavailable, serviceUnavailable } from './service-unavailable.js';

/**
 * PostgreSQL data exceptions (SQLSTATE class 22) that a value sent by a client causes, e.g. an id
 * above 2147483647 in a query string: a 400, not a 500 (the schemas catch most before SQL does).
 */
const CLIENT_DATA_EXCEPTIONS: Record<string, string> = {
  '22003': 'value_out_of_range',
  '22007': 'invalid_datetime',
  '22008': 'value_out_of_range',
  // NUL or bytes the encoding refuses; the text boundary refuses them first (text-boundary.ts).
  '22021': 'control_characters',
  '22P05': 'control_characters',
};

/** The stable code of a database error a client's value caused, if it is one. */
export function clientDataException(error: unknown): string | undefined {
  const sqlState = (error as { code?: unknown } | null)?.code;
  return typeof sqlState === 'string' ? CLIENT_DATA_EXCEPTIONS[sqlState] : undefined;
}

/** Fastify's own client-error codes and the stable codes we answer with. */
const FASTIFY_CODES: Record<string, string> = {
  FST_ERR_CTP_INVALID_JSON_BODY: 'malformed_json',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'empty_body',
  FST_ERR_CTP_BODY_TOO_LARGE: 'payload_too_large',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'unsupported_media_type',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'invalid_content_length',
  FST_REQ_FILE_TOO_LARGE: 'file_too_large',
  FST_FILES_LIMIT: 'too_many_files',
  FST_PARTS_LIMIT: 'too_many_parts',
  FST_INVALID_MULTIPART_CONTENT_TYPE: 'not_multipart',
};

interface ErrorBody {
  error: string;
  message: string;
  details?: unknown;
}

/**
 * @param spaFallback when set, a GET for a page (not under /api) that matches no route is answered
 *   with the single-page app's index.html (the portal's for `/portal/…`), so client-side routes
 *   survive a reload.
 */
export function registerErrorHandler(app: FastifyInstance, spaFallback?: () => boolean): void {
  app.setErrorHandler((caught: FastifyError | AppError | ZodError | Error, request, reply) => {
    const rawError = isDatabaseUnavailable(caught) ? serviceUnavailable() : caught;
    let status = 500;
    let body: ErrorBody = { error: 'internal_error', message: 'Something went wrong on our side.' };

    if (rawError instanceof AppError) {
      status = rawError.status;
      body = { error: rawError.code, message: rawError.message };
      if (rawError.details !== undefined) body.details = rawError.details;
    } else if (hasZodFastifySchemaValidationErrors(rawError)) {
      status = 400;
      const where = rawError.validationContext ?? 'request';
      body = {
        error: 'validation_failed',
        message: `The ${where} is not valid: ${rawError.validation
          .map((v) => `${v.instancePath || '/'} ${v.message ?? ''}`.trim())
          .join('; ')}`,
        details: rawError.validation.map((v) => ({
          path: `${where}${v.instancePath}`,
          message: v.message,
        })),
      };
    } else if (rawError instanceof ZodError) {
      status = 400;
      body = {
        error: 'validation_failed',
        message: rawError.issues.map((i) => `${i.path.join('.') || '/'}: ${i.message}`).join('; '),
        details: rawError.issues.map((i) => ({ path: i.path.join('.'), message: i.message })),
      };
    } else {
      const fastifyError = rawError as FastifyError;
      const code = fastifyError.code ? FASTIFY_CODES[fastifyError.code] : undefined;
      const dataException = clientDataException(rawError);
      if (dataException) {
        status = 400;
        body = {
          error: dataException,
          message:
            dataException === 'control_characters'
              ? 'A value in the request holds a character that cannot be stored (e.g. NUL).'
              : 'A value in the request is out of range (ids are whole numbers up to 2147483647).',
        };
      } else if (code) {
        status = fastifyError.statusCode ?? 400;
        body = { error: code, message: fastifyError.message };
      } else if (
        fastifyError.statusCode &&
        fastifyError.statusCode >= 400 &&
        fastifyError.statusCode < 500
      ) {
        status = fastifyError.statusCode;
        body = { error: 'bad_request', message: fastifyError.message };
      }
    }

    const retryAfter = (body.details as { retryAfterSeconds?: unknown } | undefined)
      ?.retryAfterSeconds;
    if ((status === 429 || status === 503) && typeof retryAfter === 'number') {
      void reply.header('Retry-After', String(retryAfter));
    }
    if (status === 503) {
      request.log.warn({ err: caught }, 'database unavailable');
    } else if (status >= 500) {
      request.log.error({ err: rawError }, 'request failed');
    } else {
      request.log.info({ error: body.error, status }, 'request refused');
    }
    void reply.status(status).send(body);
  });

  app.setNotFoundHandler((request, reply) => {
    const path = request.url.split('?')[0] ?? '';
    if (
      request.method === 'GET' &&
      !path.startsWith('/api/') &&
      !path.startsWith('/open311/') &&
      // A build file that is not there (an old tab asking for a chunk of an earlier release)
      // is a 404, not the page: the page then reloads into the new build (LazyPage.tsx).
      !path.startsWith('/assets/') &&
      spaFallback?.()
    ) {
      // The public portal is its own page (dist/web/portal); everything else is the staff app.
      const page =
        path === '/portal' || path.startsWith('/portal/') ? 'portal/index.html' : 'index.html';
      return reply.type('text/html').sendFile(page);
    }
    return reply.status(404).send({
      error: 'route_not_found',
      message: `No route ${request.method} ${path}.`,
    });
  });
}
