import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiError } from '../api/client.js';
import { fetchFile, fileNameOf, percentOf, type DownloadProgress } from './stream-download.js';

/** A response whose body arrives in the given chunks. */
function streamed(chunks: Uint8Array[], headers: Record<string, string>): Response {
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      for (const chunk of chunks) controller.enqueue(chunk);
      controller.close();
    },
  });
  return new Response(body, { status: 200, headers });
}

afterEach(() => vi.unstubAllGlobals());

describe('file downloads read as a stream', () => {
  it('reports waiting, then each chunk’s bytes against Content-Length, and keeps the whole', async () => {
    const chunks = [new Uint8Array(3).fill(1), new Uint8Array(5).fill(2), new Uint8Array(2)];
    vi.stubGlobal(
      'fetch',
      vi.fn(() =>
        Promise.resolve(
          streamed(chunks, {
            'content-length': '10',
            'content-type': 'application/pdf',
            'content-disposition': 'attachment; filename="report-pivot-2026-01-01-2026-03-31.pdf"',
          }),
        ),
      ),
    );
    const seen: DownloadProgress[] = [];
    const file = await fetchFile('/api/v1/reports/pivot?format=pdf', {
      fallbackName: 'report.pdf',
      onProgress: (p) => seen.push(p),
    });
    expect(seen.map((p) => [p.phase, p.received, p.total])).toEqual([
      ['waiting', 0, null],
      ['receiving', 0, 10],
      ['receiving', 3, 10],
      ['receiving', 8, 10],
      ['receiving', 10, 10],
    ]);
    expect(seen.map(percentOf)).toEqual([null, 0, 30, 80, 100]);
    expect(file.fileName).toBe('report-pivot-2026-01-01-2026-03-31.pdf');
    expect(file.blob.size).toBe(10);
    expect(file.blob.type).toBe('application/pdf');
    expect([...new Uint8Array(await file.blob.arrayBuffer())]).toEqual([
      1, 1, 1, 2, 2, 2, 2, 2, 0, 0,
    ]);
  });

  it('has no percent when the size is unknown or the body is compressed in transit', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(() =>
        Promise.resolve(
          streamed([new Uint8Array(4)], { 'content-length': '2', 'content-encoding': 'gzip' }),
        ),
      ),
    );
    const seen: DownloadProgress[] = [];
    const file = await fetchFile('/x', { fallbackName: 'x.csv', onProgress: (p) => seen.push(p) });
    expect(seen.at(-1)).toEqual({ phase: 'receiving', received: 4, total: null });
    expect(percentOf(seen.at(-1) as DownloadProgress)).toBeNull();
    expect(file.fileName).toBe('x.csv');
  });

  it('turns the server’s refusal into an ApiError with its code', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(() =>
        Promise.resolve(
          Response.json(
            { error: 'report_period_invalid', message: 'The period must…' },
            { status: 400 },
          ),
        ),
      ),
    );
    const error: unknown = await fetchFile('/x', { fallbackName: 'x' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).code).toBe('report_period_invalid');
    expect((error as ApiError).status).toBe(400);
  });

  it('stops when aborted', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(
        (_url: string, init: RequestInit) =>
          new Promise((_ok, fail) =>
            init.signal?.addEventListener('abort', () =>
              fail(new DOMException('aborted', 'AbortError')),
            ),
          ),
      ),
    );
    const controller = new AbortController();
    const pending = fetchFile('/x', { fallbackName: 'x', signal: controller.signal });
    controller.abort();
    await expect(pending).rejects.toMatchObject({ name: 'AbortError' });
  });
});

describe('the file name from Content-Disposition', () => {
  it.each([
    ['attachment; filename="a b.xlsx"', 'a b.xlsx'],
    ['attachment; filename=plain.csv', 'plain.csv'],
    ['attachment; filename="x.pdf"; filename*=UTF-8\'\'%D0%B7%D0%B2%D1%96%D1%82.pdf', 'звіт.pdf'],
    ['inline', null],
    [null, null],
  ])('%s → %s', (header, name) => {
    expect(fileNameOf(header)).toBe(name);
  });
});
