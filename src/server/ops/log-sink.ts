/**
 * Where the server's log lines go: standard output, written so that a broken or full output never
 * stops or hangs the process (issue 23).
 *
 * - Writes are asynchronous (`fs.write` on the descriptor, one at a time), so a reader that stops
 *   reading blocks at most one thread of libuv's pool, never the event loop.
 * - Lines wait in a bounded queue (`maxQueuedBytes`); a line that does not fit is dropped and
 *   counted. A slow log shipper costs log lines, not requests.
 * - The first write error other than EAGAIN (EPIPE when the reader went away, EBADF…) marks the
 *   output broken: every later line is dropped and counted, never retried.
 * - `settle(ms)` waits at most `ms` for the queue to empty, so the exit path never waits on it for
 *   longer than it allows (pino's own exit flush writes synchronously and may block for ever).
 */
import { write } from 'node:fs';

export interface LogSinkStats {
  /** Lines handed to the output. */
  written: number;
  /** Lines dropped: the queue was full, or the output is broken. */
  dropped: number;
  /** Write errors (the first one marks the output broken). */
  errors: number;
  /** Whether a write error stopped the output for good. */
  broken: boolean;
}

export interface LogSink {
  /** Queue one line (pino calls this with each serialised record). Never throws, never blocks. */
  write(line: string): void;
  stats(): LogSinkStats;
  /** Resolves when the queue is empty or after `ms`, whichever comes first. */
  settle(ms: number): Promise<void>;
}

export interface LogSinkOptions {
  /** File descriptor (default 1, standard output). */
  fd?: number;
  /** Bytes that may wait for the output before lines are dropped (default 1 MiB). */
  maxQueuedBytes?: number;
}

/** Create the sink described in the module comment. */
export function createLogSink(options: LogSinkOptions = {}): LogSink {
  const fd = options.fd ?? 1;
  const maxQueuedBytes = options.maxQueuedBytes ?? 1024 * 1024;
  const stats: LogSinkStats = { written: 0, dropped: 0, errors: 0, broken: false };
  let queue: Buffer[] = [];
  let queuedBytes = 0;
  let writing = false;
  let idleWaiters: (() => void)[] = [];

  const becameIdle = () => {
    const waiters = idleWaiters;
    idleWaiters = [];
    waiters.forEach((resolve) => resolve());
  };

  const pump = () => {
    if (queue.length === 0) {
      writing = false;
      becameIdle();
      return;
    }
    writing = true;
    const chunk = queue.length === 1 ? queue[0]! : Buffer.concat(queue);
    const lines = queue.length;
    queue = [chunk];
    write(fd, chunk, 0, chunk.length, null, (error, n) => {
      if (error) {
        if (error.code === 'EAGAIN') {
          setTimeout(pump, 20).unref();
          return;
        }
        stats.errors += 1;
        stats.broken = true;
        stats.dropped += lines + queue.length - 1;
        queue = [];
        queuedBytes = 0;
        writing = false;
        becameIdle();
        return;
      }
      const rest = chunk.subarray(n);
      queuedBytes -= n;
      if (rest.length === 0) {
        queue.shift();
        stats.written += lines;
      } else {
        queue[0] = rest;
      }
      pump();
    });
  };

  return {
    write(line) {
      if (stats.broken) {
        stats.dropped += 1;
        return;
      }
      const bytes = Buffer.from(line);
      if (queuedBytes + bytes.length > maxQueuedBytes) {
        stats.dropped += 1;
        return;
      }
      queue.push(bytes);
      queuedBytes += bytes.length;
      if (!writing) pump();
    },
    stats: () => ({ ...stats }),
    settle(ms) {
      if (!writing) return Promise.resolve();
      return new Promise((resolve) => {
        const timer = setTimeout(resolve, ms);
        timer.unref();
        idleWaiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    },
  };
}
