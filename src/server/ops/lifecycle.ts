/**
 * The process's life between start and exit, driven by SIGTERM and SIGINT (issue 23; ADR 022).
 *
 * - The first signal marks the process draining (readiness answers 503 at once), waits the drain
 *   delay while still serving, then runs the registered closers in reverse order of registration
 *   (stop listening and let running requests finish, stop the jobs, close the database…) and exits 0.
 * - Everything after the first signal is bounded by the grace: past it the process exits 1 with a
 *   log line, whatever still runs.
 * - A second SIGTERM or SIGINT exits at once, with 128 + the signal's number.
 * - A signal during start is honoured too: start checks `stopping` between its steps and stops
 *   there; the closers wait for the step that was running (within the grace).
 */
import { constants } from 'node:os';

export interface LifecycleLog {
  info(details: object, message: string): void;
  error(details: object, message: string): void;
}

export interface LifecycleOptions {
  /** Time after the first signal before the process exits non-zero, in ms. */
  graceMs: number;
  /** Time serving with readiness false before closing, in ms (within the grace). */
  drainMs: number;
  log: LifecycleLog;
  /** Runs last, bounded by what is left of the grace (e.g. letting queued log lines out). */
  beforeExit?: (remainingMs: number) => Promise<void>;
  /** Injected for tests; default `process.exit`. */
  exit?: (code: number) => void;
}

export interface Lifecycle {
  /** True from the first signal on: readiness is false, start stops at its next step. */
  readonly stopping: boolean;
  /** An AbortSignal aborted at the first signal (for long work such as the demo import). */
  readonly signal: AbortSignal;
  /** Register a closer; closers run in reverse order of registration. */
  onClose(name: string, close: () => Promise<void> | void): void;
  /** Start has finished (or failed): the closers may run now. */
  started(): void;
  /** Begin the shutdown as a signal would (the CLI's own error path uses it too). */
  stop(reason: string, exitCode?: number): void;
}

/** Install the SIGTERM/SIGINT handlers and return the lifecycle they drive. */
export function installLifecycle(options: LifecycleOptions): Lifecycle {
  const exit = options.exit ?? ((code: number) => process.exit(code));
  const closers: { name: string; close: () => Promise<void> | void }[] = [];
  const controller = new AbortController();
  let markStarted: () => void = () => {};
  const startDone = new Promise<void>((resolve) => (markStarted = resolve));
  let stopping = false;

  const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

  const stop = (reason: string, exitCode = 0) => {
    if (stopping) return;
    stopping = true;
    controller.abort();
    const deadline = Date.now() + options.graceMs;
    options.log.info(
      { reason, graceMs: options.graceMs, drainMs: options.drainMs },
      'shutting down: readiness is now false',
    );
    const graceTimer = setTimeout(() => {
      options.log.error(
        { reason, graceMs: options.graceMs },
        'shutdown grace exceeded: exiting with running work unfinished',
      );
      void (options.beforeExit?.(200) ?? Promise.resolve()).finally(() => exit(1));
    }, options.graceMs);
    graceTimer.unref();

    void (async () => {
      let code = exitCode;
      if (options.drainMs > 0) await sleep(Math.min(options.drainMs, options.graceMs));
      await startDone;
      for (const { name, close } of closers.reverse()) {
        try {
          await close();
        } catch (error) {
          code = 1;
          options.log.error({ err: error, step: name }, 'shutdown step failed');
        }
      }
      options.log.info({ reason, exitCode: code }, 'stopped');
      await options.beforeExit?.(Math.max(0, deadline - Date.now()));
      clearTimeout(graceTimer);
      exit(code);
    })();
  };

  const onSignal = (signal: NodeJS.Signals) => {
    if (stopping) {
      options.log.error({ signal }, 'second signal: exiting at once');
      exit(128 + constants.signals[signal]);
      return;
    }
    stop(signal);
  };
  process.on('SIGTERM', onSignal);
  process.on('SIGINT', onSignal);

  return {
    get stopping() {
      return stopping;
    },
    signal: controller.signal,
    onClose: (name, close) => closers.push({ name, close }),
    started: () => markStarted(),
    stop,
  };
}
