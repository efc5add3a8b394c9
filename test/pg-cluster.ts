/**
 * A PostgreSQL 15 cluster of our own on this machine, from Debian's binaries (never the machine's
 * server on 5432): `initdb` into a folder, settings appended to its `postgresql.conf`, started and
 * stopped by its data directory with `pg_ctl`, listening on a loopback port with trust
 * authentication. As root the binaries run as the `postgres` OS user (initdb refuses root). Used
 * by the read-replica test (test/pg-replica.ts) and by the benchmark's own cluster
 * (`npm run bench -- --cluster own`, bench/lib/own-cluster.ts).
 */
import { execFile } from 'node:child_process';
import { appendFileSync, chownSync, writeFileSync } from 'node:fs';
import { userInfo } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { programsPresent } from './local-services.js';

export const PG_BIN = '/usr/lib/postgresql/15/bin';

const run = promisify(execFile);
const asRoot = userInfo().uid === 0;

/** Whether the PostgreSQL 15 server binaries are installed; throws under CI=true when not. */
export function postgresBinariesPresent(what: string): boolean {
  return programsPresent(
    what,
    ['initdb', 'pg_ctl', 'pg_basebackup'].map((b) => join(PG_BIN, b)),
    'install postgresql-15',
  );
}

/** Run one of PostgreSQL's programs (as the `postgres` user when we are root). */
export function pgProgram(bin: string, args: string[]): Promise<{ stdout: string }> {
  return asRoot
    ? run('runuser', ['-u', 'postgres', '--', join(PG_BIN, bin), ...args])
    : run(join(PG_BIN, bin), args);
}

/** Give `dir` to the `postgres` user when we are root, so its programs may write there. */
export async function ownedByPostgres(dir: string): Promise<void> {
  if (!asRoot) return;
  const { stdout: uid } = await run('id', ['-u', 'postgres']);
  const { stdout: gid } = await run('id', ['-g', 'postgres']);
  chownSync(dir, Number(uid.trim()), Number(gid.trim()));
}

/**
 * `initdb` a cluster into `dataDir` (UTF-8, C.UTF-8, superuser `postgres`, trust on loopback and
 * the socket, replication allowed) and append `settings` (postgresql.conf lines) to its config.
 */
export async function initCluster(dataDir: string, settings: string[]): Promise<void> {
  await pgProgram('initdb', [
    '-D',
    dataDir,
    '-U',
    'postgres',
    '-A',
    'trust',
    '--no-sync',
    '-E',
    'UTF8',
    '--locale=C.UTF-8',
  ]);
  writeFileSync(
    join(dataDir, 'pg_hba.conf'),
    [
      'local all all trust',
      'host all all 127.0.0.1/32 trust',
      'local replication all trust',
      'host replication all 127.0.0.1/32 trust',
      '',
    ].join('\n'),
  );
  appendClusterSettings(dataDir, settings);
}

/** Append postgresql.conf lines (a later line wins over an earlier one). */
export function appendClusterSettings(dataDir: string, settings: string[]): void {
  appendFileSync(join(dataDir, 'postgresql.conf'), `\n${settings.join('\n')}\n`);
}

/**
 * Start (waiting until it accepts connections, at most 60 s; `options` are passed to the
 * server, e.g. `-p 5433`) or stop (fast shutdown) the cluster of `dataDir`, logging to `logFile`.
 */
export async function pgCtl(
  dataDir: string,
  action: 'start' | 'stop',
  logFile: string,
  options = '',
): Promise<void> {
  if (action === 'start') {
    const extra = options ? ['-o', options] : [];
    await pgProgram('pg_ctl', ['-D', dataDir, '-l', logFile, '-w', '-t', '60', ...extra, 'start']);
  } else {
    await pgProgram('pg_ctl', ['-D', dataDir, '-m', 'fast', '-w', '-t', '60', 'stop']);
  }
}
