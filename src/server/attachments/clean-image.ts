/**
 * Photos lose their metadata on arrival (issue 11, item 14): EXIF with the GPS position and the
 * device, XMP, IPTC, comments. The image is first turned upright by its orientation tag (which goes
 * with the rest), then encoded again in its own format by `sharp` (libvips); only the cleaned
 * image is stored, the original never is.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { AppError } from '../errors.js';
import { sharp } from '../lazy-modules.js';

/** Media types cleaned here; other types are stored as they came (documents have no EXIF to strip here). */
export const CLEANED_IMAGE_TYPES = ['image/jpeg', 'image/png', 'image/webp', 'image/heic'] as const;

/**
 * Rewrite the image at `path` upright and without metadata.
 *
 * @returns the new bytes and the media type they are in (HEIC comes back as JPEG, when the
 *   platform's libvips can decode it).
 * @throws AppError 415 `image_unreadable` when the image cannot be decoded.
 */
export async function cleanImage(
  path: string,
  mediaType: string,
): Promise<{ bytes: Buffer; mediaType: string }> {
  const input = await readFile(path);
  try {
    const upright = sharp()(input, { failOn: 'error' }).rotate();
    const bytes =
      mediaType === 'image/png'
        ? await upright.png().toBuffer()
        : mediaType === 'image/webp'
          ? await upright.webp({ quality: 90 }).toBuffer()
          : await upright.jpeg({ quality: 90, mozjpeg: true }).toBuffer();
    await writeFile(path, bytes);
    return { bytes, mediaType: mediaType === 'image/heic' ? 'image/jpeg' : mediaType };
  } catch {
    throw new AppError(
      'image_unreadable',
      415,
      mediaType === 'image/heic'
        ? 'This HEIC photo cannot be read here; send it as JPEG (most phones can share a photo as JPEG).'
        : 'The image cannot be read; send a JPEG, PNG or WebP photo.',
    );
  }
}
