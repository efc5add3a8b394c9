/**
 * The real server under test: `node bin/kontakt.mjs serve` as a child process on a free loopback
 * port, background jobs off, its memory read from /proc, stopped by its own pid.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** A free TCP port on 127.0.0.1 (asked of the kernel, then released). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

export interface RunningServer {
  base: URL;
  pid: number;
  /** Peak resident memory of the process so far (VmHWM), in MiB. */
  peakMemoryMiB(): number;
  /** Current resident memory (VmRSS), in MiB. */
  memoryMiB(): number;
  /** Reset the peak to the current size (Linux: `5` into /proc/<pid>/clear_refs). */
  resetPeak(): boolean;
  /** SIGTERM, then SIGKILL after 15 s; resolves when the process has exited. */
  stop(): Promise<void>;
}

function statusField(pid: number, field: 'VmHWM' | 'VmRSS'): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const match = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status);
  return match ? Number(match[1]) / 1024 : NaN;
}

/**
 * Start the server with `env` added to this process's environment, and wait until
 * `/api/health` answers 200 (at most `timeoutSeconds`).
 *
 * @throws Error with the server's output when it exits or does not become healthy in time.
 */
export async function startServer(
  env: Record<string, string>,
  timeoutSeconds = 180,
  options: { nodeArgs?: readonly string[] } = {},
): Promise<RunningServer> {
  const port = await freePort();
  // `options.nodeArgs` (the deployment's Node options), then BENCH_SERVER_NODE_ARGS: extra options
  // for the server only, e.g. `--cpu-prof` to profile it.
  const nodeArgs = [
    ...(options.nodeArgs ?? []),
    ...(process.env.BENCH_SERVER_NODE_ARGS ?? '').split(' ').filter(Boolean),
  ];
  const child: ChildProcess = spawn(process.execPath, [...nodeArgs, 'bin/kontakt.mjs', 'serve'], {
    cwd: ROOT,
    env: {
      ...process.env,
      ...env,
      HOST: '127.0.0.1',
      PORT: String(port),
      KONTAKT_JOBS: 'false',
      LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-4000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  let exited = false;
  const exit = new Promise<void>((resolve) =>
    child.once('exit', () => {
      exited = true;
      resolve();
    }),
  );
  const pid = child.pid!;
  const base = new URL(`http://127.0.0.1:${port}`);
  const deadline = Date.now() + timeoutSeconds * 1000;
  for (;;) {
    if (exited) throw new Error(`The server exited during start:\n${output}`);
    try {
      const response = await fetch(new URL('/api/health', base));
      if (response.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`The server was not healthy within ${timeoutSeconds} s:\n${output}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  return {
    base,
    pid,
    peakMemoryMiB: () => statusField(pid, 'VmHWM'),
    memoryMiB: () => statusField(pid, 'VmRSS'),
    resetPeak: () => {
      try {
        writeFileSync(`/proc/${pid}/clear_refs`, '5');
        return true;
      } catch {
        return false;
      }
    },
    stop: async () => {
      if (exited) return;
      process.kill(pid, 'SIGTERM');
      const timer = setTimeout(() => {
        if (!exited) process.kill(pid, 'SIGKILL');
      }, 15_000);
      await exit;
      clearTimeout(timer);
    },
  };
}
