/**
 * One file download at a time with its progress and a Cancel (issue 17): `start(url, name)` reads
 * the answer as a stream (`shared/lib/stream-download.ts`) and saves it through a Blob link;
 * `cancel()` aborts it, and so does leaving the page. Progress updates the state at most every
 * 100 ms, so a fast body does not re-render the page on every chunk.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { fetchFile, saveBlob, type DownloadProgress } from '../lib/stream-download.js';

export type DownloadState =
  | { status: 'idle' }
  | { status: 'running'; progress: DownloadProgress }
  | { status: 'done'; fileName: string; size: number }
  | { status: 'cancelled' }
  | { status: 'failed'; error: unknown };

const REDRAW_MS = 100;

export function useFileDownload(): {
  state: DownloadState;
  start: (url: string, fallbackName: string) => Promise<void>;
  cancel: () => void;
} {
  const [state, setState] = useState<DownloadState>({ status: 'idle' });
  const current = useRef<AbortController | null>(null);
  useEffect(() => () => current.current?.abort(), []);

  const start = useCallback(async (url: string, fallbackName: string) => {
    current.current?.abort();
    const controller = new AbortController();
    current.current = controller;
    let drawn = 0;
    try {
      const file = await fetchFile(url, {
        signal: controller.signal,
        fallbackName,
        onProgress: (progress) => {
          const now = performance.now();
          if (progress.received > 0 && now - drawn < REDRAW_MS) return;
          drawn = now;
          setState({ status: 'running', progress });
        },
      });
      if (controller.signal.aborted) return;
      saveBlob(file.blob, file.fileName);
      setState({ status: 'done', fileName: file.fileName, size: file.blob.size });
    } catch (error) {
      setState(controller.signal.aborted ? { status: 'cancelled' } : { status: 'failed', error });
    } finally {
      if (current.current === controller) current.current = null;
    }
  }, []);

  const cancel = useCallback(() => current.current?.abort(), []);
  return { state, start, cancel };
}
