/**
 * A small closed-loop HTTP load generator over keep-alive connections (node:http): `concurrency`
 * workers each send a request, wait for the whole answer, record its latency and send the next,
 * until the time or the request budget is spent. Loopback only: the base URL is checked.
 */
import http from 'node:http';
import { loadavg } from 'node:os';

/** Latency figures of one measured run. */
export interface LoadResult {
  requests: number;
  errors: number;
  /** Requests per second over the run. */
  throughput: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  /** Seconds measured. */
  seconds: number;
  concurrency: number;
  /** 1-minute load average of the machine at the end of the run. */
  loadAverage: number;
  /** The first error seen (status and start of the body), to explain a failing run. */
  firstError?: string;
}

/** One request of a run: method, path, optional JSON body and headers. */
export interface RequestSpec {
  method: 'GET' | 'POST';
  path: string;
  body?: string;
  headers?: Record<string, string>;
}

/** Percentile (nearest rank) of sorted milliseconds. */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank]!;
}

/** Summarise latencies (ms) of a run. */
export function summarise(
  latencies: number[],
  errors: number,
  seconds: number,
  concurrency: number,
  firstError?: string,
): LoadResult {
  const sorted = [...latencies].sort((a, b) => a - b);
  return {
    requests: latencies.length,
    errors,
    throughput: latencies.length / seconds,
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    p99: percentile(sorted, 99),
    max: sorted.at(-1) ?? NaN,
    seconds,
    concurrency,
    loadAverage: loadavg()[0]!,
    ...(firstError ? { firstError } : {}),
  };
}

/** Send one request and read the whole answer. @returns status and body text. */
export function send(
  agent: http.Agent,
  base: URL,
  spec: RequestSpec,
): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const request = http.request(
      {
        agent,
        host: base.hostname,
        port: base.port,
        method: spec.method,
        path: spec.path,
        headers: {
          ...(spec.body !== undefined
            ? { 'content-type': 'application/json', 'content-length': Buffer.byteLength(spec.body) }
            : {}),
          ...spec.headers,
        },
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () =>
          resolve({ status: response.statusCode ?? 0, body: Buffer.concat(chunks).toString() }),
        );
        response.on('error', reject);
      },
    );
    request.on('error', reject);
    request.end(spec.body);
  });
}

/** Refuse any target that is not on this machine's loopback. */
export function assertLoopback(base: URL): void {
  if (!['127.0.0.1', 'localhost', '[::1]'].includes(base.hostname)) {
    throw new Error(`The benchmark only targets loopback, not ${base.hostname}.`);
  }
}

export interface RunOptions {
  concurrency: number;
  /** Seconds to measure. */
  seconds: number;
  /** Seconds to send before measuring (results dropped). */
  warmupSeconds: number;
  /** Upper bound of requests measured, whatever the time. */
  maxRequests: number;
}

/**
 * Run a closed loop against `base` (one URL, or several nodes taken in turn) with requests from `next` (called once per request, with a
 * running index), first a warm-up, then the measured part.
 */
export async function runLoad(
  base: URL | readonly URL[],
  next: (i: number) => RequestSpec,
  options: RunOptions,
): Promise<LoadResult> {
  // Several app processes (`--nodes`): request i goes to node i mod n, as a round-robin proxy would.
  const bases: readonly URL[] = base instanceof URL ? [base] : base;
  bases.forEach(assertLoopback);
  const agents = bases.map(
    () => new http.Agent({ keepAlive: true, maxSockets: options.concurrency }),
  );
  let index = 0;
  const phase = async (seconds: number, budget: number, record: boolean) => {
    const latencies: number[] = [];
    let errors = 0;
    let firstError: string | undefined;
    const end = performance.now() + seconds * 1000;
    let sent = 0;
    const worker = async () => {
      while (performance.now() < end && sent < budget) {
        sent++;
        const i = index++;
        const spec = next(i);
        const node = i % bases.length;
        const started = performance.now();
        try {
          const { status, body } = await send(agents[node]!, bases[node]!, spec);
          const took = performance.now() - started;
          if (status >= 200 && status < 300) latencies.push(took);
          else {
            errors++;
            firstError ??= `${status} ${spec.method} ${spec.path}: ${body.slice(0, 200)}`;
          }
        } catch (error) {
          errors++;
          firstError ??= `${spec.method} ${spec.path}: ${(error as Error).message}`;
        }
      }
    };
    const started = performance.now();
    await Promise.all(Array.from({ length: options.concurrency }, worker));
    const elapsed = (performance.now() - started) / 1000;
    return record ? summarise(latencies, errors, elapsed, options.concurrency, firstError) : null;
  };
  try {
    if (options.warmupSeconds > 0) await phase(options.warmupSeconds, options.maxRequests, false);
    return (await phase(options.seconds, options.maxRequests, true))!;
  } finally {
    agents.forEach((a) => a.destroy());
  }
}

/**
 * Time repeated calls of an async function (raw SQL through the driver, an in-process call) in a
 * closed loop of `concurrency`, bounded in time and count like `runLoad`.
 */
export async function runCalls(
  call: (i: number) => Promise<unknown>,
  options: RunOptions,
): Promise<LoadResult> {
  let index = 0;
  const phase = async (seconds: number, record: boolean) => {
    const latencies: number[] = [];
    let errors = 0;
    let firstError: string | undefined;
    const end = performance.now() + seconds * 1000;
    let sent = 0;
    const worker = async () => {
      while (performance.now() < end && sent < options.maxRequests) {
        sent++;
        const started = performance.now();
        try {
          await call(index++);
          latencies.push(performance.now() - started);
        } catch (error) {
          errors++;
          firstError ??= (error as Error).message;
        }
      }
    };
    const started = performance.now();
    await Promise.all(Array.from({ length: options.concurrency }, worker));
    const elapsed = (performance.now() - started) / 1000;
    return record ? summarise(latencies, errors, elapsed, options.concurrency, firstError) : null;
  };
  if (options.warmupSeconds > 0) await phase(options.warmupSeconds, false);
  return (await phase(options.seconds, true))!;
}
