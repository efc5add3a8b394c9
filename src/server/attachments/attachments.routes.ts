/** Upload (multipart, one file a request) and download of attachments. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Deps } from '../context.js';
import { AppError } from '../errors.js';
import { currentUser } from '../http/auth-plugin.js';
import { errorResponses } from '../http/openapi.js';
import { contentDisposition } from '../../domain/file-names.js';
import { idempotencyHeaders } from '../../contract/portal.schemas.js';
import { addAttachment, readAttachment } from './attachments.service.js';

const attachmentView = z.object({
  id: z.number().int(),
  fileName: z.string(),
  mediaType: z.string(),
  sizeBytes: z.number().int(),
  url: z.string(),
});

export function attachmentsRoutes(deps: Deps): FastifyPluginAsyncZod {
  return async (app) => {
    app.post(
      '/appeals/:id/attachments',
      {
        config: { access: 'attachment.upload' },
        schema: {
          tags: ['attachments'],
          operationId: 'uploadAttachment',
          summary: 'Upload one file (multipart/form-data, field "file") to an appeal',
          description:
            'Send an Idempotency-Key made once per file: the same upload sent again returns the first ' +
            'attachment with 200 instead of storing the file twice; the key with another file is 422.',
          consumes: ['multipart/form-data'],
          headers: idempotencyHeaders,
          params: z.object({ id: z.coerce.number().int().positive() }),
          response: {
            201: attachmentView,
            200: attachmentView,
            ...errorResponses(400, 401, 403, 404, 413, 415, 422),
          },
        },
      },
      async (request, reply) => {
        if (!request.isMultipart()) {
          throw new AppError(
            'not_multipart',
            415,
            'Send the file as multipart/form-data with the field "file".',
          );
        }
        const part = await request.file({
          limits: { fileSize: deps.config.maxFileBytes, files: 1 },
        });
        if (!part)
          throw new AppError('file_missing', 400, 'No file in the request: use the field "file".');
        const { replayed, ...view } = await addAttachment(
          deps,
          currentUser(request),
          request.params.id,
          {
            stream: part.file,
            fileName: part.filename,
            declaredType: part.mimetype,
            truncated: () => part.file.truncated,
          },
          request.headers['idempotency-key'],
        );
        return reply.status(replayed ? 200 : 201).send(view);
      },
    );
    app.get(
      '/attachments/:id',
      {
        schema: {
          tags: ['attachments'],
          operationId: 'downloadAttachment',
          params: z.object({ id: z.coerce.number().int().positive() }),
        },
      },
      async (request, reply) => {
        const file = await readAttachment(deps, currentUser(request), request.params.id);
        const inline = file.mediaType.startsWith('image/') || file.mediaType === 'application/pdf';
        return reply
          .header('Content-Type', file.mediaType)
          .header('Content-Length', file.sizeBytes)
          .header('X-Content-Type-Options', 'nosniff')
          .header(
            'Content-Disposition',
            contentDisposition(inline ? 'inline' : 'attachment', file.fileName),
          )
          .send(file.stream);
      },
    );
  };
}
