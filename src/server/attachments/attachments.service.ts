/**
 * Attachments (documents and photos, regulation 4.1.6): stored under the data directory, their
 * metadata in the database. Type is checked against an allow-list by the file's own bytes, not
 * only by the name or the declared type; size is limited by configuration.
 */
import { createHash, randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { fileTypeFromFile } from 'file-type';
import { appealScope, can } from '../../domain/policy.js';
import type { Deps, UserActor } from '../context.js';
import { AppError, notFound } from '../errors.js';
import { recordAppealEvent } from '../appeals/appeal-history.js';
import { sha256 } from '../sha256.js';
import { safeFileName } from '../../domain/file-names.js';
import { standingOf } from '../appeals/executor-standing.js';
import { CLEANED_IMAGE_TYPES, cleanImage } from './clean-image.js';

/** Media types accepted, by what the bytes say (text has no signature and is taken by name). */
export const ALLOWED_MEDIA_TYPES = [
  'image/jpeg',
  'image/png',
  'image/webp',
  'image/heic',
  'application/pdf',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  'application/vnd.oasis.opendocument.text',
  'text/plain',
] as const;

export interface AttachmentView {
  id: number;
  fileName: string;
  mediaType: string;
  sizeBytes: number;
  url: string;
}

/** @throws AppError 404 `appeal_not_found` when the appeal is outside the actor's scope. */
async function assertAppealVisible(deps: Deps, actor: UserActor, appealId: number): Promise<void> {
  const scope = appealScope(actor);
  let q = deps.db.selectFrom('appeals as a').select('a.id').where('a.id', '=', appealId);
  if (scope.kind === 'organisation') {
    q = q.where((eb) =>
      eb.exists(
        eb
          .selectFrom('assignments as s')
          .select('s.id')
          .whereRef('s.appeal_id', '=', 'a.id')
          .where('s.executor_id', '=', scope.organisationId),
      ),
    );
  }
  if (!(await q.executeTakeFirst())) throw notFound('appeal', appealId);
}

/** An uploaded file checked and moved into the store, not yet in the database. */
export interface ReceivedFile {
  storageKey: string;
  fileName: string;
  mediaType: string;
  sizeBytes: number;
  sha256: string;
}

export interface UploadedFile {
  stream: Readable;
  fileName: string;
  declaredType: string;
  /** Whether the size limit cut the stream. */
  truncated: () => boolean;
}

/**
 * Receive one uploaded file: write it to a temporary file while hashing it, check its size and
 * its type by its own bytes against `allowed`, and move it into the store. The caller records it
 * in the database and, if that fails, removes `storageKey` from the store.
 *
 * @param options.allowed media types accepted; `typeHint` completes the refusal message.
 * @throws AppError 413 `file_too_large`; 415 `unsupported_file_type`; 400 `empty_file`. Nothing
 *   stays on disk when it fails.
 */
export async function receiveFile(
  deps: Deps,
  file: UploadedFile,
  options: { allowed: readonly string[]; typeHint: string; maxBytes?: number } = {
    allowed: ALLOWED_MEDIA_TYPES,
    typeHint: 'send a photo (JPEG, PNG, WebP, HEIC), PDF, DOCX, XLSX, ODT or plain text',
  },
): Promise<ReceivedFile> {
  const tempDir = deps.files.tempDir();
  await mkdir(tempDir, { recursive: true });
  const tempPath = join(tempDir, randomUUID());
  const hash = createHash('sha256');
  const maxBytes = options.maxBytes ?? deps.config.maxFileBytes;
  let size = 0;
  try {
    file.stream.on('data', (chunk: Buffer) => {
      hash.update(chunk);
      size += chunk.length;
    });
    await pipeline(file.stream, createWriteStream(tempPath));
    if (file.truncated() || size > maxBytes) {
      throw new AppError(
        'file_too_large',
        413,
        `The file is larger than the limit of ${formatMiB(maxBytes)} MiB.`,
        { maxBytes },
      );
    }
    if (size === 0) throw new AppError('empty_file', 400, 'The file is empty.');
    const sniffed = await fileTypeFromFile(tempPath);
    const fileName = safeFileName(file.fileName);
    const mediaType = sniffed?.mime ?? (/\.txt$/i.test(fileName) ? 'text/plain' : undefined);
    if (!mediaType || !options.allowed.includes(mediaType)) {
      throw new AppError(
        'unsupported_file_type',
        415,
        `Files of type ${sniffed?.mime ?? file.declaredType} are not accepted; ${options.typeHint}.`,
        { allowed: options.allowed },
      );
    }
    let stored = { mediaType, size, sha256: hash.digest('hex') };
    if ((CLEANED_IMAGE_TYPES as readonly string[]).includes(mediaType)) {
      const cleaned = await cleanImage(tempPath, mediaType);
      stored = {
        mediaType: cleaned.mediaType,
        size: cleaned.bytes.length,
        sha256: createHash('sha256').update(cleaned.bytes).digest('hex'),
      };
    }
    const key = `${deps.now().getUTCFullYear()}/${randomUUID()}`;
    await deps.files.adopt(tempPath, key);
    return {
      storageKey: key,
      fileName,
      mediaType: stored.mediaType,
      sizeBytes: stored.size,
      sha256: stored.sha256,
    };
  } finally {
    await rm(tempPath, { force: true });
  }
}

function formatMiB(bytes: number): string {
  const mib = bytes / 1024 / 1024;
  return mib >= 1 ? String(Math.round(mib * 10) / 10) : mib.toFixed(2);
}

/**
 * Store one uploaded file on an appeal. With `idempotencyKey`, the same upload sent again (the
 * answer to the first was lost) stores nothing new and answers the first attachment with
 * `replayed: true`; concurrent uploads with one key store one (unique index of migration 0040).
 *
 * @param file the multipart file stream with its name; `truncated()` tells whether the size limit cut it.
 * @param idempotencyKey the client's Idempotency-Key (16–200 characters), when it sent one.
 * @throws AppError 404 `appeal_not_found`; 413 `file_too_large`; 415 `unsupported_file_type`;
 *   400 `empty_file`; 422 `idempotency_key_reused` when the key came with another file (other bytes
 *   or name). Nothing stays on disk or in the database when it fails.
 */
export async function addAttachment(
  deps: Deps,
  actor: UserActor,
  appealId: number,
  file: UploadedFile,
  idempotencyKey?: string,
): Promise<AttachmentView & { replayed: boolean }> {
  await assertAppealVisible(deps, actor, appealId);
  if ((await standingOf(deps.db, actor, appealId)).kind === 'former') {
    throw new AppError(
      'assignment_ended',
      403,
      'Your organisation’s assignment on this appeal has ended; it can no longer add files.',
    );
  }
  const received = await receiveFile(deps, file);
  const keyHash = idempotencyKey ? sha256(idempotencyKey) : null;
  const now = deps.now();
  try {
    const stored = await deps.db.transaction().execute(async (trx) => {
      const row = await trx
        .insertInto('attachments')
        .values({
          appeal_id: appealId,
          file_name: received.fileName,
          media_type: received.mediaType,
          size_bytes: received.sizeBytes,
          sha256: received.sha256,
          storage_key: received.storageKey,
          uploaded_by: actor.id,
          created_at: now,
          idempotency_key_hash: keyHash,
        })
        .onConflict((oc) =>
          oc
            .columns(['appeal_id', 'idempotency_key_hash'])
            .where('idempotency_key_hash', 'is not', null)
            .doNothing(),
        )
        .returning(['id', 'file_name', 'media_type', 'size_bytes'])
        .executeTakeFirst();
      if (!row) return null;
      await recordAppealEvent(trx, {
        appealId,
        actor,
        at: now,
        type: 'attachment_added',
        data: {
          attachmentId: row.id,
          fileName: received.fileName,
          mediaType: received.mediaType,
          sizeBytes: received.sizeBytes,
        },
      });
      return { ...attachmentView(row), replayed: false };
    });
    if (stored) return stored;
  } catch (error) {
    await deps.files.remove(received.storageKey);
    throw error;
  }
  // The key was used before: these bytes are not kept; the first upload is the answer.
  await deps.files.remove(received.storageKey);
  const first = await deps.db
    .selectFrom('attachments')
    .select(['id', 'file_name', 'media_type', 'size_bytes', 'sha256'])
    .where('appeal_id', '=', appealId)
    .where('idempotency_key_hash', '=', keyHash)
    .executeTakeFirstOrThrow();
  if (first.sha256 !== received.sha256 || first.file_name !== received.fileName) {
    throw new AppError(
      'idempotency_key_reused',
      422,
      'This Idempotency-Key was already used for a different file; make a new key for a new upload.',
    );
  }
  return { ...attachmentView(first), replayed: true };
}

function attachmentView(row: {
  id: number;
  file_name: string;
  media_type: string;
  size_bytes: number;
}): AttachmentView {
  return {
    id: row.id,
    fileName: row.file_name,
    mediaType: row.media_type,
    sizeBytes: row.size_bytes,
    url: `/api/v1/attachments/${row.id}`,
  };
}

/**
 * An attachment's bytes and metadata, if the actor may see its appeal.
 * @throws AppError 404 `attachment_not_found`.
 */
export async function readAttachment(
  deps: Deps,
  actor: UserActor,
  attachmentId: number,
): Promise<{ stream: Readable; fileName: string; mediaType: string; sizeBytes: number }> {
  const row = await deps.db
    .selectFrom('attachments')
    .select(['appeal_id', 'file_name', 'media_type', 'size_bytes', 'storage_key', 'created_at'])
    .where('id', '=', attachmentId)
    .executeTakeFirst();
  if (!row) throw notFound('attachment', attachmentId);
  if (row.appeal_id === null) {
    // A photo of a submission still waiting for moderation: only the moderators see it.
    if (!can(actor.role, 'submission.moderate')) throw notFound('attachment', attachmentId);
  } else {
    await assertAppealVisible(deps, actor, row.appeal_id).catch(() => {
      throw notFound('attachment', attachmentId);
    });
    // A file added after the actor's organisation left the appeal is not theirs to see.
    const standing = await standingOf(deps.db, actor, row.appeal_id);
    if (standing.kind === 'former' && row.created_at.getTime() > standing.leftAt.getTime()) {
      throw notFound('attachment', attachmentId);
    }
  }
  return {
    stream: await deps.files.read(row.storage_key),
    fileName: row.file_name,
    mediaType: row.media_type,
    sizeBytes: row.size_bytes,
  };
}
