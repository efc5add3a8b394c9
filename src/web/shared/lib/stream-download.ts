/**
 * A file download read as a stream (issue 17: large reports show progress rather than freeze the
 * page): `fetch` with the session cookie, the body read chunk by chunk with each chunk's bytes
 * reported, the whole kept as a Blob and saved through a temporary link. An `AbortSignal` cancels
 * it at any moment — while the server still computes or while the body arrives.
 */
import { ApiError } from '../api/client.js';

/** Where a download is: `waiting` for the answer's head (the server computes), then `receiving`. */
export interface DownloadProgress {
  phase: 'waiting' | 'receiving';
  /** Bytes of the body received so far. */
  received: number;
  /** The body's size from `Content-Length`, or null when unknown (or compressed in transit). */
  total: number | null;
}

export interface DownloadedFile {
  blob: Blob;
  /** From `Content-Disposition` (RFC 6266, `filename*` preferred), else the caller's fallback. */
  fileName: string;
}

/** `attachment; filename*=UTF-8''…` or `filename="…"` → the name, or null. */
export function fileNameOf(disposition: string | null): string | null {
  if (!disposition) return null;
  const star = /filename\*\s*=\s*([^']*)'[^']*'([^;]+)/i.exec(disposition);
  if (star?.[2]) {
    try {
      return decodeURIComponent(star[2].trim());
    } catch {
      // a malformed encoding: fall back to the plain parameter
    }
  }
  const plain = /filename\s*=\s*(?:"([^"]*)"|([^;]+))/i.exec(disposition);
  const name = (plain?.[1] ?? plain?.[2])?.trim();
  return name || null;
}

/** The body's size when the header gives it and the bytes read will be the bytes sent. */
function totalOf(response: Response): number | null {
  const encoding = response.headers.get('content-encoding');
  if (encoding && encoding !== 'identity') return null; // the reader sees decoded bytes
  const length = Number(response.headers.get('content-length'));
  return Number.isFinite(length) && length > 0 ? length : null;
}

async function failure(response: Response): Promise<ApiError> {
  const text = await response.text().catch(() => '');
  try {
    const body = JSON.parse(text) as { error?: unknown; message?: unknown; details?: unknown };
    if (typeof body.error === 'string' && typeof body.message === 'string')
      return new ApiError(response.status, body.error, body.message, [], body.details);
  } catch {
    // not JSON: the status line below
  }
  return new ApiError(response.status, 'http_error', `${response.status} ${response.statusText}`);
}

/**
 * GET `url` and read its body as a stream. `onProgress` is called once before the request and
 * after every chunk. Throws `ApiError` for a non-2xx answer (the server's `{ error, message }`),
 * `DOMException` `AbortError` when `signal` aborts, `TypeError` when the network fails.
 */
export async function fetchFile(
  url: string,
  {
    signal,
    onProgress,
    fallbackName,
  }: {
    signal?: AbortSignal;
    onProgress?: (progress: DownloadProgress) => void;
    fallbackName: string;
  },
): Promise<DownloadedFile> {
  onProgress?.({ phase: 'waiting', received: 0, total: null });
  const response = await fetch(url, { credentials: 'same-origin', signal: signal ?? null });
  if (!response.ok) throw await failure(response);
  const total = totalOf(response);
  const type = response.headers.get('content-type') ?? 'application/octet-stream';
  const fileName = fileNameOf(response.headers.get('content-disposition')) ?? fallbackName;
  const chunks: BlobPart[] = [];
  let received = 0;
  onProgress?.({ phase: 'receiving', received, total });
  if (response.body) {
    const reader = response.body.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks.push(value);
      received += value.byteLength;
      onProgress?.({ phase: 'receiving', received, total });
    }
  } else {
    const whole = await response.arrayBuffer();
    chunks.push(whole);
    received = whole.byteLength;
    onProgress?.({ phase: 'receiving', received, total });
  }
  return { blob: new Blob(chunks, { type }), fileName };
}

/** Save a Blob as a file named `fileName` (a temporary object URL and a click on a link). */
export function saveBlob(blob: Blob, fileName: string): void {
  const href = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = href;
  link.download = fileName;
  link.rel = 'noopener';
  link.style.display = 'none';
  document.body.append(link);
  link.click();
  link.remove();
  // Some browsers read the URL after the click returns.
  setTimeout(() => URL.revokeObjectURL(href), 60_000);
}

/** Percent of the body received (0–100, whole), or null when the size is unknown. */
export function percentOf(progress: DownloadProgress): number | null {
  if (progress.phase !== 'receiving' || progress.total === null) return null;
  return Math.min(100, Math.floor((progress.received / progress.total) * 100));
}
