/**
 * File names people upload, and how they are sent back (issue 11, item 14).
 *
 * A name is shown to staff and citizens, so what could mislead them or break a header is removed:
 * control characters, bidirectional controls (U+202E RIGHT-TO-LEFT OVERRIDE turns
 * `photo‮gpj.exe` into what reads as `photoexe.jpg`), path separators and quotes.
 */

/** Bidi embedding, override and isolate controls, marks, and other invisible format characters. */
const INVISIBLE = /[\u061C\u200B-\u200F\u202A-\u202E\u2060-\u2069\uFEFF]/gu;
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const CONTROL = /[\u0000-\u001F\u007F-\u009F]/gu;

/** A stored file name: NFC, without controls, bidi controls, path separators or quotes; ≤ 200 characters. */
export function safeFileName(name: string): string {
  const cleaned = name
    .normalize('NFC')
    .replace(INVISIBLE, '')
    .replace(CONTROL, '')
    .replace(/[\\/"]/g, '_')
    .trim()
    .slice(0, 200);
  return cleaned.length > 0 ? cleaned : 'file';
}

/** RFC 5987 attr-char: what may stand unescaped in `filename*`. */
function encodeRfc5987(value: string): string {
  return encodeURIComponent(value).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}

/**
 * A `Content-Disposition` header by RFC 6266: an ASCII `filename` for old clients (other letters
 * as `_`) and the exact name as UTF-8 in `filename*` (RFC 5987).
 * `contentDisposition('attachment', 'Фото 1.jpg')` →
 * `attachment; filename="____ 1.jpg"; filename*=UTF-8''%D0%A4%D0%BE%D1%82%D0%BE%201.jpg`.
 */
export function contentDisposition(kind: 'inline' | 'attachment', fileName: string): string {
  const name = safeFileName(fileName);
  const ascii = name.replace(/[^\x20-\x7E]/g, '_').replace(/["\\]/g, '_');
  return `${kind}; filename="${ascii}"; filename*=UTF-8''${encodeRfc5987(name)}`;
}
