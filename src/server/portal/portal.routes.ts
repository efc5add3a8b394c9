/**
 * The public portal's API under `/api/public` — no account (`config.access: 'public'`): question
 * types, submissions with photos, tracking and feedback, the public list and map, statistics and
 * open data. Every answer goes through a presenter for the public audience.
 */
import { Readable } from 'node:stream';
import type { RateLimitOptions } from '@fastify/rate-limit';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { MAX_PHOTOS_PER_SUBMISSION, PHOTO_MEDIA_TYPES } from '../../domain/portal.js';
import type { Deps } from '../context.js';
import { AppError } from '../errors.js';
import { errorResponses } from '../http/openapi.js';
import { kyivCsvChunks, kyivJsonChunks, monthBounds } from './open-data.js';
import {
  accessCodeHeaders,
  feedbackSchema,
  idempotencyHeaders,
  photoView,
  portalConfigView,
  publicQuestionTypesView,
  submissionInputSchema,
  submissionReceiptView,
  trackingNumberParams,
  trackingPhotoParams,
  trackingQuerySchema,
  trackingView,
} from '../../contract/portal.schemas.js';
import {
  districtsView,
  geoJsonView,
  openDataParams,
  publicAppealListView,
  publicAppealsQuery,
  publicMapQuery,
  statisticsQuery,
  statisticsView,
} from '../../contract/portal-appeals.schemas.js';
import {
  listDistricts,
  listPublicAppeals,
  listPublicQuestionTypes,
  publicAppealsGeoJson,
  publicStatistics,
} from './public-appeals.queries.js';
import { addSubmissionPhoto } from './add-submission-photo.js';
import { submitFromPortal } from './submissions.service.js';
import { giveFeedback, readTrackedPhoto, trackSubmission } from './tracking.service.js';

const tags = ['portal'];
const open = { access: 'public' as const };

/** A per-client-address limit for a route's config, or none when configured 0. */
function perClient(max: number, timeWindow: string): { rateLimit: RateLimitOptions | false } {
  return { rateLimit: max > 0 ? { max, timeWindow } : false };
}

export function portalRoutes(deps: Deps): FastifyPluginAsyncZod {
  const { submissionsPerHour, trackingPerMinute } = deps.config.publicLimits;
  // Submitting sends e-mail to the address given: limited per hour, against floods and mail bombs.
  const submitting = { ...open, ...perClient(submissionsPerHour, '1 hour') };
  // Tracking takes access codes: limited per minute on top of the per-number lock.
  const tracking = { ...open, ...perClient(trackingPerMinute, '1 minute') };
  return async (app) => {
    app.get(
      '/config',
      {
        config: open,
        schema: {
          tags,
          operationId: 'portalConfig',
          summary: 'What the portal pages need to know: map tiles and view, photo limits',
          security: [],
          response: { 200: portalConfigView },
        },
      },
      async (_request, reply) => {
        void reply.header('Cache-Control', 'public, max-age=300');
        return {
          map: { ...deps.config.map, tiles: deps.config.map.tiles ?? null },
          photos: {
            maxCount: MAX_PHOTOS_PER_SUBMISSION,
            maxBytes: deps.config.maxFileBytes,
            mediaTypes: [...PHOTO_MEDIA_TYPES],
          },
        };
      },
    );

    app.get(
      '/question-types',
      {
        config: open,
        schema: {
          tags,
          operationId: 'publicQuestionTypes',
          summary: 'The question types a citizen may choose, grouped by kind (names uk/en)',
          security: [],
          response: { 200: publicQuestionTypesView },
        },
      },
      async () => listPublicQuestionTypes(deps),
    );

    app.get(
      '/districts',
      {
        config: open,
        schema: {
          tags,
          operationId: 'publicDistricts',
          summary: 'Districts (district administrations) for the public filters',
          security: [],
          response: { 200: districtsView },
        },
      },
      async () => listDistricts(deps),
    );

    app.post(
      '/submissions',
      {
        config: submitting,
        schema: {
          tags,
          operationId: 'submitAppeal',
          summary:
            'Submit an appeal (goes to the moderation queue); answers with the tracking number and access code',
          description:
            'Send an Idempotency-Key (a UUID made once per filled form): the same form sent again — a double ' +
            'click, a retry after a network error — returns the first answer (200, header Idempotent-Replayed) ' +
            'with the same tracking number and access code, and creates nothing new. The receipt is e-mailed ' +
            'when an e-mail is given. Art. 5 of Law 393/96-ВР: name, and an e-mail or phone, are required.',
          security: [],
          headers: idempotencyHeaders,
          body: submissionInputSchema,
          response: {
            201: submissionReceiptView,
            200: submissionReceiptView,
            ...errorResponses(400, 413, 415, 422, 429),
          },
        },
      },
      async (request, reply) => {
        const { replayed, ...receipt } = await submitFromPortal(
          deps,
          request.body,
          request.headers['idempotency-key'],
        );
        if (replayed) void reply.header('Idempotent-Replayed', 'true');
        return reply.status(replayed ? 200 : 201).send(receipt);
      },
    );

    app.post(
      '/submissions/:trackingNumber/photos',
      {
        config: tracking,
        schema: {
          tags,
          operationId: 'addSubmissionPhoto',
          summary:
            'Attach a photo (multipart field "file"; JPEG, PNG, WebP or HEIC; at most 5) to one’s pending submission',
          description:
            'The access code of the receipt goes in the X-Access-Code header. The same photo sent again is ' +
            'stored once (200 with the first copy).',
          consumes: ['multipart/form-data'],
          security: [],
          params: trackingNumberParams,
          headers: accessCodeHeaders,
          response: {
            201: photoView,
            200: photoView,
            ...errorResponses(400, 404, 409, 413, 415, 429),
          },
        },
      },
      async (request, reply) => {
        if (!request.isMultipart()) {
          throw new AppError(
            'not_multipart',
            415,
            'Send the photo as multipart/form-data with the field "file".',
          );
        }
        const part = await request.file({
          limits: { fileSize: deps.config.maxFileBytes, files: 1 },
        });
        if (!part) {
          throw new AppError('file_missing', 400, 'No file in the request: use the field "file".');
        }
        const { photo, created } = await addSubmissionPhoto(
          deps,
          request.params.trackingNumber,
          request.headers['x-access-code'],
          {
            stream: part.file,
            fileName: part.filename,
            declaredType: part.mimetype,
            truncated: () => part.file.truncated,
          },
          request.ip,
        );
        return reply.status(created ? 201 : 200).send(photo);
      },
    );

    app.post(
      '/tracking',
      {
        config: tracking,
        schema: {
          tags,
          operationId: 'trackAppeal',
          summary:
            'Follow an appeal by its number (tracking or registration) and access code: status, control date, executor, result, answer',
          description:
            'A wrong code and an unknown number both answer 404 tracking_not_found; too many wrong codes lock ' +
            'the number for a while (429 too_many_attempts). POST keeps the code out of URLs and logs.',
          security: [],
          body: trackingQuerySchema,
          response: { 200: trackingView, ...errorResponses(400, 404, 429) },
        },
      },
      async (request) =>
        trackSubmission(deps, request.body.number, request.body.accessCode, request.ip),
    );

    app.post(
      '/tracking/photos/:photoId',
      {
        config: tracking,
        schema: {
          tags,
          operationId: 'trackedPhoto',
          summary: 'One of the applicant’s own photos, by the number and access code',
          description:
            'The photo as stored (re-encoded, without EXIF). POST keeps the code out of URLs and logs; a ' +
            'page shows the answer as a blob. Photos of other submissions are 404 attachment_not_found.',
          security: [],
          params: trackingPhotoParams,
          body: trackingQuerySchema,
        },
      },
      async (request, reply) => {
        const photo = await readTrackedPhoto(
          deps,
          request.body.number,
          request.body.accessCode,
          request.params.photoId,
          request.ip,
        );
        return reply
          .header('Content-Type', photo.mediaType)
          .header('Content-Length', photo.sizeBytes)
          .header('X-Content-Type-Options', 'nosniff')
          .header('Cache-Control', 'private, no-store')
          .send(photo.stream);
      },
    );

    app.post(
      '/tracking/feedback',
      {
        config: tracking,
        schema: {
          tags,
          operationId: 'giveFeedback',
          summary:
            'After closure: confirm or dispute the result and rate it 1–5; a dispute sends the appeal back to the controller',
          security: [],
          body: feedbackSchema,
          response: { 200: trackingView, ...errorResponses(400, 404, 409, 429) },
        },
      },
      async (request) => giveFeedback(deps, request.body, request.ip),
    );

    app.get(
      '/appeals',
      {
        config: open,
        schema: {
          tags,
          operationId: 'publicAppeals',
          summary:
            'Appeals, depersonalised, newest first, filtered by question type, kind, status, district or box',
          security: [],
          querystring: publicAppealsQuery,
          response: { 200: publicAppealListView, ...errorResponses(400) },
        },
      },
      async (request) => listPublicAppeals(deps, request.query),
    );

    app.get(
      '/appeals/map',
      {
        config: open,
        schema: {
          tags,
          operationId: 'publicAppealsMap',
          summary: 'The same appeals with a point, as GeoJSON (application/geo+json)',
          security: [],
          querystring: publicMapQuery,
          response: { 200: geoJsonView, ...errorResponses(400) },
        },
      },
      async (request, reply) => {
        void reply.type('application/geo+json; charset=utf-8');
        return publicAppealsGeoJson(deps, request.query);
      },
    );

    app.get(
      '/statistics',
      {
        config: open,
        schema: {
          tags,
          operationId: 'publicStatistics',
          summary: 'Appeals by question type, by status and by month (city time)',
          security: [],
          querystring: statisticsQuery,
          response: { 200: statisticsView, ...errorResponses(400) },
        },
      },
      async (request) => publicStatistics(deps, request.query),
    );

    app.get(
      '/open-data/kyiv1551/:month',
      {
        config: open,
        schema: {
          tags,
          operationId: 'openDataKyiv1551',
          summary:
            'A month of appeals in the Kyiv 1551 open-data format: /open-data/kyiv1551/2025-09.json (or .csv)',
          security: [],
          params: openDataParams,
        },
      },
      async (request, reply) => {
        const [month, format] = request.params.month.split('.') as [string, 'json' | 'csv'];
        monthBounds(month, deps.config.timeZone);
        const chunks = format === 'csv' ? kyivCsvChunks(deps, month) : kyivJsonChunks(deps, month);
        return reply
          .header(
            'Content-Type',
            format === 'csv' ? 'text/csv; charset=utf-8' : 'application/json; charset=utf-8',
          )
          .header('Content-Disposition', `inline; filename="kyiv1551-${month}.${format}"`)
          .header('Cache-Control', 'public, max-age=3600')
          .send(Readable.from(chunks));
      },
    );
  };
}
