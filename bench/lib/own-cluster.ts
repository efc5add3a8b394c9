/**
 * The benchmark's own PostgreSQL cluster (`--cluster own`; issue 21, item 5): the figures taken
 * with the settings docs/OPERATIONS.md tells a city to use (`deploy/postgresql-city.conf`), not with
 * whatever the machine's shared server runs. Made once in `bench/.data/pg15-city/` (initdb, the
 * settings file included), started on a free loopback port for the run, stopped at its end; the
 * generated databases stay in it for the next run.
 */
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { freePort } from '../../test/local-services.js';
import {
  initCluster,
  ownedByPostgres,
  pgCtl,
  postgresBinariesPresent,
} from '../../test/pg-cluster.js';
import pg from 'pg';
import { ROOT } from './server.js';

export interface OwnCluster {
  /** postgres:// URL of the cluster's `postgres` database (the bench creates its own from it). */
  adminUrl: string;
  stop(): Promise<void>;
}

const DIR = join(ROOT, 'bench', '.data', 'pg15-city');
const SETTINGS = join(ROOT, 'deploy', 'postgresql-city.conf');

/**
 * Start the bench's cluster (making it first when missing).
 * @throws Error when PostgreSQL 15's server binaries are not installed.
 */
export async function startOwnCluster(log: (line: string) => void): Promise<OwnCluster> {
  if (!postgresBinariesPresent('The bench’s own cluster'))
    throw new Error('--cluster own needs PostgreSQL 15’s server binaries (postgresql-15).');
  const data = join(DIR, 'data');
  if (!existsSync(join(data, 'PG_VERSION'))) {
    mkdirSync(DIR, { recursive: true });
    await ownedByPostgres(DIR);
    log(`making the bench's own cluster in ${data} (settings: deploy/postgresql-city.conf)`);
    await initCluster(data, [
      `include '${SETTINGS}'`,
      "listen_addresses = '127.0.0.1'",
      `unix_socket_directories = '${DIR}'`,
    ]);
  }
  const port = await freePort();
  await pgCtl(data, 'start', join(DIR, 'server.log'), `-p ${port}`);
  const adminUrl = `postgres://postgres@127.0.0.1:${port}/postgres`;
  const warmed = await waitForPrewarm(adminUrl);
  log(`the bench's own cluster is up on 127.0.0.1:${port} (buffers read back in ${warmed} s)`);
  return {
    adminUrl,
    stop: () => pgCtl(data, 'stop', join(DIR, 'server.log')),
  };
}

/**
 * Wait (at most two minutes) until autoprewarm has read back the buffers of the last shutdown, so
 * a run measures the cluster as a city's server runs, not the minutes after a restart.
 * @returns the seconds waited.
 */
async function waitForPrewarm(adminUrl: string): Promise<number> {
  const started = Date.now();
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    // The leader starts the worker a moment after the server accepts connections.
    await new Promise((r) => setTimeout(r, 2_000));
    while (Date.now() - started < 120_000) {
      const { rows } = await client.query<{ n: string }>(
        "SELECT count(*) AS n FROM pg_stat_activity WHERE backend_type = 'autoprewarm worker'",
      );
      if (Number(rows[0]!.n) === 0) break;
      await new Promise((r) => setTimeout(r, 500));
    }
  } finally {
    await client.end();
  }
  return Math.round((Date.now() - started) / 1000);
}
