/**
 * The real `kontakt` command in a child process (`node bin/kontakt.mjs …`), on the engine of the
 * run: a copy of a prepared embedded data directory, or a database copied on the PostgreSQL
 * server. Waits are on observable states (a log line, a health answer, the exit) with generous
 * budgets, never on fixed sleeps.
 */
import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { promisify } from 'node:util';
import { randomBytes } from 'node:crypto';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { inject } from 'vitest';
import { adminUrl, databaseUrlWithName } from '../pg-urls.js';
import { copyTemplateInto } from '../template-store.js';
import { freePort } from '../local-services.js';
import { KONTAKT_CHILD_NODE_ARGS } from '../child-node.js';

export { freePort };

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const BUDGET_MS = 300_000;
/** Per-test timeout of the tests that spawn the CLI: generous, the machine may be busy. */
export const SPAWNING_TEST = { timeout: 900_000 };

/**
 * Run a `kontakt` command to completion (rejects with its output when it fails). Awaited, never
 * spawnSync: a blocked event loop also blocks Vitest's own timers, and `generate --appeals 10000`
 * on the embedded engine took past ten minutes on a loaded machine. The test's timeout is the
 * ceiling.
 */
export async function kontakt(args: string[], env: Record<string, string>): Promise<string> {
  try {
    const { stdout } = await promisify(execFile)(
      process.execPath,
      [...KONTAKT_CHILD_NODE_ARGS, 'bin/kontakt.mjs', ...args],
      {
        cwd: ROOT,
        env: { ...process.env, ...env },
        encoding: 'utf8',
        maxBuffer: 64 * 1024 * 1024,
      },
    );
    return stdout;
  } catch (error) {
    const failed = error as { stdout?: string; stderr?: string };
    throw new Error(`kontakt ${args.join(' ')} failed: ${failed.stdout}\n${failed.stderr}`, {
      cause: error,
    });
  }
}

/** A database (or embedded data directory) to spawn servers on; `copy()` gives a fresh copy. */
export interface Store {
  env: Record<string, string>;
  copy(): Promise<Store>;
  drop(): Promise<void>;
}

async function admin<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: adminUrl(process.env.DATABASE_URL!) });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** A migrated store of the run's engine holding the reference data (a copy of the test template). */
export async function createStore(from?: string): Promise<Store> {
  const filesDir = mkdtempSync(join(tmpdir(), 'kontakt-ops-'));
  if (process.env.DATABASE_URL) {
    const name = `kontakt_ops_${inject('runId')}_${randomBytes(4).toString('hex')}`;
    await admin((c) =>
      c.query(`CREATE DATABASE ${name} TEMPLATE ${from ?? inject('pgTemplateName')}`),
    );
    const store: Store = {
      env: {
        DATABASE_URL: databaseUrlWithName(process.env.DATABASE_URL, name),
        KONTAKT_DATA_DIR: filesDir,
      },
      copy: () => createStore(name),
      async drop() {
        await admin((c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
        rmSync(filesDir, { recursive: true, force: true });
      },
    };
    return store;
  }
  if (from) cpSync(from, filesDir, { recursive: true });
  else await copyTemplateInto(filesDir);
  return {
    env: { KONTAKT_DATA_DIR: filesDir, DATABASE_URL: '' },
    copy: () => createStore(filesDir),
    async drop() {
      rmSync(filesDir, { recursive: true, force: true });
    },
  };
}

export interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

export interface Spawned {
  child: ChildProcess;
  baseUrl: string;
  /** Everything read from stdout and stderr so far. */
  output(): string;
  /** Resolves when a line matching `pattern` has been written (stdout or stderr). */
  waitForOutput(pattern: RegExp): Promise<void>;
  /** Resolves when `path` answers `status`. */
  waitForStatus(path: string, status: number): Promise<void>;
  /** Resolves with the exit (within the budget). */
  waitForExit(): Promise<Exit>;
  /** Kill the process if it still runs (test clean-up). */
  kill(): void;
}

/**
 * Spawn `kontakt serve` with stdout and stderr as pipes the test holds, on a free port unless
 * `env` names one (`PORT`: a node restarted where its load balancer expects it).
 */
export async function spawnServe(
  store: Pick<Store, 'env'>,
  env: Record<string, string> = {},
  args: string[] = [],
): Promise<Spawned> {
  const port = env.PORT ? Number(env.PORT) : await freePort();
  const child = spawn(
    process.execPath,
    [...KONTAKT_CHILD_NODE_ARGS, 'bin/kontakt.mjs', 'serve', ...args],
    {
      cwd: ROOT,
      env: {
        ...process.env,
        LOG_LEVEL: 'info',
        KONTAKT_JOBS: 'false',
        ...store.env,
        HOST: '127.0.0.1',
        ...env,
        PORT: String(port),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let text = '';
  const watchers = new Set<() => void>();
  const onData = (chunk: Buffer) => {
    text += chunk.toString();
    watchers.forEach((w) => w());
  };
  child.stdout.on('data', onData);
  child.stderr.on('data', onData);
  child.stdout.on('error', () => {});
  let exitInfo: Exit | null = null;
  const exited = new Promise<Exit>((resolve) =>
    child.on('exit', (code, signal) => {
      exitInfo = { code, signal };
      watchers.forEach((w) => w());
      resolve(exitInfo);
    }),
  );
  const baseUrl = `http://127.0.0.1:${port}`;
  const within = <T>(what: string, promise: Promise<T>): Promise<T> => {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new Error(`gave up waiting for ${what}; output:\n${text}`)),
        BUDGET_MS,
      );
    });
    return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
  };
  return {
    child,
    baseUrl,
    output: () => text,
    waitForOutput: (pattern) =>
      within(
        `output ${pattern}`,
        new Promise<void>((resolve, reject) => {
          const check = () => {
            if (pattern.test(text)) {
              watchers.delete(check);
              resolve();
            } else if (exitInfo) {
              watchers.delete(check);
              reject(new Error(`exited before ${pattern}; output:\n${text}`));
            }
          };
          watchers.add(check);
          check();
        }),
      ),
    waitForStatus: (path, status) =>
      within(
        `${path} → ${status}`,
        (async () => {
          for (;;) {
            if (exitInfo) throw new Error(`exited before ${path} → ${status}; output:\n${text}`);
            const answered = await fetch(`${baseUrl}${path}`).then(
              (r) => r.status,
              () => 0,
            );
            if (answered === status) return;
            await new Promise((resolve) => setTimeout(resolve, 100));
          }
        })(),
      ),
    waitForExit: () => within('the exit', exited),
    kill: () => {
      if (!exitInfo) child.kill('SIGKILL');
    },
  };
}

/** A counter or gauge's value in Prometheus text (sum over the label sets that match). */
export function metricValue(text: string, name: string, labels: Record<string, string> = {}) {
  let sum = 0;
  for (const line of text.split('\n')) {
    if (!line.startsWith(`${name}{`) && !line.startsWith(`${name} `)) continue;
    if (Object.entries(labels).every(([k, v]) => line.includes(`${k}="${v}"`))) {
      sum += Number(line.slice(line.lastIndexOf(' ') + 1));
    }
  }
  return sum;
}
