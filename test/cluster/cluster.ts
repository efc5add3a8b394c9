/**
 * The cluster of the cluster test (issue 21, item 4; ADR 055): a fresh PostgreSQL database of
 * its own, three real `kontakt serve` processes on it, and an HAProxy of the test's own (never the
 * system service) in front of them on a free loopback port. `haproxyConfig` is the configuration
 * docs/OPERATIONS.md shows.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { adminUrl, databaseUrlWithName } from '../pg-urls.js';
import { freePort, type Spawned, spawnServe } from '../ops/spawned-server.js';

/** The PostgreSQL server the cluster runs on: `DATABASE_URL`'s, else the local one. */
export const SERVER_URL = process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres';

/** A database created for one run, dropped by `drop()`. */
export interface ClusterDatabase {
  name: string;
  url: string;
  drop(): Promise<void>;
}

async function admin(statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl(SERVER_URL) });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

/** An empty database of this run (`kontakt_cluster_…`). */
export async function createClusterDatabase(): Promise<ClusterDatabase> {
  const name = `kontakt_cluster_${randomBytes(5).toString('hex')}`;
  await admin(`CREATE DATABASE ${name}`);
  return {
    name,
    url: databaseUrlWithName(SERVER_URL, name),
    drop: () => admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`),
  };
}

/**
 * HAProxy in front of the nodes: round robin; a node leaves the rotation after two failed
 * readiness checks (`/api/health/ready`, every second) and comes back after two good ones. A
 * request is retried on another node only when its connection could not be made
 * (`retry-on conn-failure`, `option redispatch`): once a request has reached a node it is never
 * sent again by the proxy, so a POST is never doubled here — a client that saw no answer retries
 * with the same Idempotency-Key (ADR 055).
 */
export function haproxyConfig(listen: string, nodes: readonly string[]): string {
  return [
    'global',
    '  maxconn 1024',
    '',
    'defaults',
    '  mode http',
    '  timeout connect 2s',
    '  timeout client 60s',
    '  timeout server 60s',
    '  timeout queue 10s',
    '  retries 3',
    '  retry-on conn-failure',
    '  option redispatch 1',
    '',
    'frontend kontakt',
    `  bind ${listen}`,
    '  option forwardfor',
    '  default_backend kontakt_nodes',
    '',
    'backend kontakt_nodes',
    '  balance roundrobin',
    '  option httpchk GET /api/health/ready',
    '  http-check expect status 200',
    '  default-server inter 1s fall 2 rise 2',
    ...nodes.map((address, i) => `  server node${i + 1} ${address} check`),
    '',
  ].join('\n');
}

export interface Haproxy {
  baseUrl: string;
  child: ChildProcess;
  stop(): Promise<void>;
}

/** Whether HAProxy is installed (Debian `haproxy`; `.ci/run` installs it). */
export const HAPROXY = '/usr/sbin/haproxy';

/** Start HAProxy in the foreground with its own configuration; resolves when it answers. */
export async function startHaproxy(nodes: readonly string[]): Promise<Haproxy> {
  const dir = await mkdtemp(join(tmpdir(), 'kontakt-haproxy-'));
  const port = await freePort();
  const file = join(dir, 'haproxy.cfg');
  await writeFile(file, haproxyConfig(`127.0.0.1:${port}`, nodes));
  const child = spawn(HAPROXY, ['-db', '-f', file], { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (c: Buffer) => (output += c.toString()));
  child.stderr.on('data', (c: Buffer) => (output += c.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const baseUrl = `http://127.0.0.1:${port}`;
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    await exited;
    await rm(dir, { recursive: true, force: true });
  };
  // The nodes are ready before it starts: two good checks a node, a second apart, are enough.
  const giveUp = Date.now() + 60_000;
  for (;;) {
    const status = await fetch(`${baseUrl}/api/health/ready`).then(
      (r) => r.status,
      () => 0,
    );
    if (status === 200) break;
    if (child.exitCode !== null || Date.now() > giveUp) {
      await stop();
      throw new Error(`haproxy did not answer:\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  return { baseUrl, child, stop };
}

/** One app node: a `kontakt serve` process at a fixed port, which survives its restarts. */
export interface ClusterNode {
  name: string;
  port: number;
  baseUrl: string;
  process: Spawned;
  /** Start the process (again); resolves when it is ready. */
  start(): Promise<void>;
  /** `kill -9` of the process (its pid), awaited. */
  killHard(): Promise<void>;
  stop(): Promise<void>;
}

/** A node on `databaseUrl` with `env` (SMTP, jobs…), its own data directory and port. */
export async function clusterNode(
  name: string,
  databaseUrl: string,
  env: Record<string, string>,
): Promise<ClusterNode> {
  const port = await freePort();
  const dataDir = await mkdtemp(join(tmpdir(), `kontakt-${name}-`));
  const nodeEnv = {
    ...env,
    DATABASE_URL: databaseUrl,
    KONTAKT_DATA_DIR: dataDir,
    PORT: String(port),
  };
  const node: ClusterNode = {
    name,
    port,
    baseUrl: `http://127.0.0.1:${port}`,
    process: undefined as unknown as Spawned,
    async start() {
      node.process = await spawnServe({ env: {} }, nodeEnv);
      await node.process.waitForStatus('/api/health/ready', 200);
    },
    async killHard() {
      const { child } = node.process;
      if (child.exitCode !== null || child.pid === undefined) return;
      process.kill(child.pid, 'SIGKILL');
      await node.process.waitForExit();
    },
    async stop() {
      const { child } = node.process ?? {};
      if (child && child.exitCode === null && child.signalCode === null) {
        child.kill('SIGTERM');
        const exit = await node.process.waitForExit().catch(() => null);
        if (!exit) node.process.kill();
      }
      await rm(dataDir, { recursive: true, force: true });
    },
  };
  return node;
}
