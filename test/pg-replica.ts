/**
 * A PostgreSQL primary and its streaming replica for tests, made on this machine from Debian's
 * PostgreSQL 15 binaries (test/pg-cluster.ts): `initdb` a small cluster of our own (never the
 * machine's server), then `pg_basebackup -R` it into a hot standby. Both listen on free loopback
 * ports with trust authentication, sockets and data in one temporary folder, fsync off. Stopped
 * by their data directories, so only what was started here is stopped. Without the binaries the
 * test is skipped with a warning on a developer's machine and fails under `CI=true` (as for
 * Dovecot, test/dovecot.ts).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from './local-services.js';
import {
  appendClusterSettings,
  initCluster,
  ownedByPostgres,
  pgCtl,
  pgProgram,
} from './pg-cluster.js';

export { postgresBinariesPresent } from './pg-cluster.js';

export interface ReplicaPair {
  /** postgres:// URL of database `name` on the primary. */
  primaryUrl(name: string): string;
  /** postgres:// URL of database `name` on the replica. */
  replicaUrl(name: string): string;
  /** Make the replica from the primary as it is now (pg_basebackup -R), and start it. */
  startReplica(): Promise<void>;
  stopReplica(): Promise<void>;
  /** Start the stopped replica again (it resumes streaming). */
  restartReplica(): Promise<void>;
  /** Stop both servers and remove their folder. */
  stop(): Promise<void>;
}

/** Start a primary on a free loopback port (the replica is made later, by `startReplica`). */
export async function startPrimary(): Promise<ReplicaPair> {
  const dir = mkdtempSync(join(tmpdir(), 'kontakt-replica-'));
  await ownedByPostgres(dir);
  const primaryDir = join(dir, 'primary');
  const replicaDir = join(dir, 'replica');
  const [primaryPort, replicaPort] = [await freePort(), await freePort()];
  const started = new Set<string>();

  const ctl = async (data: string, action: 'start' | 'stop') => {
    await pgCtl(data, action, join(dir, `${data.endsWith('primary') ? 'p' : 'r'}.log`));
    if (action === 'start') started.add(data);
    else started.delete(data);
  };

  try {
    await initCluster(primaryDir, [
      "listen_addresses = '127.0.0.1'",
      `port = ${primaryPort}`,
      `unix_socket_directories = '${dir}'`,
      'fsync = off',
      'full_page_writes = off',
      'shared_buffers = 32MB',
      'max_connections = 40',
      'wal_level = replica',
      'max_wal_senders = 4',
      // What docs/OPERATIONS.md recommends for a replica that serves long reports.
      'hot_standby = on',
      'hot_standby_feedback = on',
      'max_standby_streaming_delay = 30s',
    ]);
    await ctl(primaryDir, 'start');
  } catch (error) {
    await stopAll();
    throw error;
  }

  async function stopAll(): Promise<void> {
    for (const data of [replicaDir, primaryDir]) {
      if (started.has(data)) await ctl(data, 'stop').catch(() => {});
    }
    rmSync(dir, { recursive: true, force: true });
  }

  const url = (port: number, name: string) => `postgres://postgres@127.0.0.1:${port}/${name}`;
  return {
    primaryUrl: (name) => url(primaryPort, name),
    replicaUrl: (name) => url(replicaPort, name),
    async startReplica() {
      await pgProgram('pg_basebackup', [
        '-h',
        '127.0.0.1',
        '-p',
        String(primaryPort),
        '-U',
        'postgres',
        '-D',
        replicaDir,
        '-R',
        '-X',
        'stream',
        '--no-sync',
        '-c',
        'fast',
      ]);
      appendClusterSettings(replicaDir, [`port = ${replicaPort}`]);
      await ctl(replicaDir, 'start');
    },
    stopReplica: () => ctl(replicaDir, 'stop'),
    restartReplica: () => ctl(replicaDir, 'start'),
    stop: stopAll,
  };
}
