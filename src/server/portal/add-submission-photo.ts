/**
 * A citizen's photo added to their own pending submission (tracking number and access code):
 * checked, stored once however often it is sent, and at most `MAX_PHOTOS_PER_SUBMISSION` per
 * submission, before the moderator decides.
 */
import { MAX_PHOTOS_PER_SUBMISSION, PHOTO_MEDIA_TYPES } from '../../domain/portal.js';
import { receiveFile, type UploadedFile } from '../attachments/attachments.service.js';
import type { Deps } from '../context.js';
import { AppError, conflict } from '../errors.js';
import { accessCodeMatches, assertTrackingNotLocked, recordFailedAttempt } from './access-codes.js';
import type { PhotoView } from '../../contract/portal.schemas.js';

/**
 * Attach a photo to one's own pending submission (tracking number and access code). The same
 * photo sent again (a retry) is not stored twice: the first copy is returned.
 *
 * @returns the photo, and whether it was new.
 * @throws AppError 404 `tracking_not_found` (wrong number or code); 429 `too_many_attempts`;
 *   409 `submission_already_moderated`, `too_many_photos`; 413 `file_too_large`;
 *   415 `unsupported_file_type`; 400 `empty_file`.
 */
export async function addSubmissionPhoto(
  deps: Deps,
  trackingNumber: string,
  accessCode: string,
  file: UploadedFile,
  client: string,
): Promise<{ photo: PhotoView; created: boolean }> {
  await assertTrackingNotLocked(deps, trackingNumber, client);
  const submission = await deps.db
    .selectFrom('submissions')
    .select(['id', 'state', 'access_code_hash'])
    .where('tracking_number', '=', trackingNumber.trim().toUpperCase())
    .where('channel', '=', 'portal')
    .executeTakeFirst();
  if (!(await accessCodeMatches(submission?.access_code_hash ?? null, accessCode)) || !submission) {
    file.stream.resume();
    await recordFailedAttempt(deps, trackingNumber, client);
    throw new AppError(
      'tracking_not_found',
      404,
      'No submission with this tracking number and access code.',
    );
  }
  if (submission.state !== 'pending') {
    file.stream.resume();
    throw conflict(
      'submission_already_moderated',
      'The submission has already been moderated; photos can be added only before that.',
    );
  }
  const received = await receiveFile(deps, file, {
    allowed: PHOTO_MEDIA_TYPES,
    typeHint: 'send a photo: JPEG, PNG, WebP or HEIC',
  });
  try {
    return await deps.db.transaction().execute(async (trx) => {
      const locked = await trx
        .selectFrom('submissions')
        .select('state')
        .where('id', '=', submission.id)
        .forUpdate()
        .executeTakeFirstOrThrow();
      if (locked.state !== 'pending') {
        throw conflict(
          'submission_already_moderated',
          'The submission has already been moderated; photos can be added only before that.',
        );
      }
      const photos = await trx
        .selectFrom('attachments')
        .select(['id', 'file_name', 'media_type', 'size_bytes', 'sha256'])
        .where('submission_id', '=', submission.id)
        .orderBy('id')
        .execute();
      const same = photos.find((p) => p.sha256 === received.sha256);
      if (same) {
        await deps.files.remove(received.storageKey);
        return { photo: presentPhoto(same), created: false };
      }
      if (photos.length >= MAX_PHOTOS_PER_SUBMISSION) {
        throw conflict(
          'too_many_photos',
          `At most ${MAX_PHOTOS_PER_SUBMISSION} photos may be attached to one submission.`,
          { max: MAX_PHOTOS_PER_SUBMISSION },
        );
      }
      const row = await trx
        .insertInto('attachments')
        .values({
          appeal_id: null,
          submission_id: submission.id,
          file_name: received.fileName,
          media_type: received.mediaType,
          size_bytes: received.sizeBytes,
          sha256: received.sha256,
          storage_key: received.storageKey,
          uploaded_by: null,
          created_at: deps.now(),
        })
        .returning(['id', 'file_name', 'media_type', 'size_bytes'])
        .executeTakeFirstOrThrow();
      return { photo: presentPhoto(row), created: true };
    });
  } catch (error) {
    await deps.files.remove(received.storageKey);
    throw error;
  }
}

function presentPhoto(row: {
  id: number;
  file_name: string;
  media_type: string;
  size_bytes: number;
}): PhotoView {
  return {
    id: row.id,
    fileName: row.file_name,
    mediaType: row.media_type,
    sizeBytes: row.size_bytes,
  };
}
