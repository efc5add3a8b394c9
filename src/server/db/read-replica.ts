/**
 * The read replica (issue 21, item 3; ADR 054): a streaming standby of the PostgreSQL server that
 * takes the heavy reads — reports, appeal exports, public statistics and open data — while it is
 * up and keeps up. Everything else, and every write, stays on the primary (`deps.db`).
 *
 * Each process keeps its own view of the replica's health, measured at most once per check
 * interval (5 s by default) and shared by the requests meanwhile (one cached promise): the replica
 * answers, `pg_is_in_recovery()` is true, and its replay lag is at most the bound
 * (`KONTAKT_REPLICA_MAX_LAG_SECONDS`). Lag is measured by WAL position first: when the replica has
 * replayed up to the primary's flushed WAL (`pg_last_wal_replay_lsn()` ≥
 * `pg_current_wal_flush_lsn()`), it is 0 however long ago the last transaction was — on an idle
 * primary `now() - pg_last_xact_replay_timestamp()` grows without any lag. Otherwise the lag is
 * that age: how old the newest transaction the replica shows is. Any error, a primary (not a
 * standby) behind the URL, or a lag past the bound sends the reads to the primary until a later
 * check says otherwise; each change of state is reported once (`onChange`), not per request.
 */
import { type Kysely, sql } from 'kysely';
import pg from 'pg';
import { kysely, watchConnections } from './database.js';
import type { DB } from './schema.js';

/** Where reads go and why: `in_use` → the replica; any other state → the primary. */
export type ReplicaState = 'in_use' | 'lagging' | 'not_standby' | 'down';

export interface ReplicaHealth {
  state: ReplicaState;
  /** Replay lag in seconds as measured (0 when caught up); null when it could not be measured. */
  lagSeconds: number | null;
  /** Why reads left the replica (an error's message, the lag), when they did. */
  reason?: string;
  checkedAt: Date;
}

export interface ReadReplica {
  /** The replica's queries (a small pool of its own). Use {@link readDb}, which checks health. */
  readonly db: Kysely<DB>;
  /** The replica's health, measured at most once per check interval (a cached promise). */
  health(): Promise<ReplicaHealth>;
  /** The last health measured, without measuring (null before the first check). */
  lastHealth(): ReplicaHealth | null;
  /**
   * A query on the replica failed for a reason of the replica's (connection lost, shut down, a
   * query cancelled by recovery): reads go to the primary until the next check.
   */
  reportFailure(error: unknown): void;
  close(): Promise<void>;
}

export interface ReadReplicaOptions {
  /** postgres:// URL of the standby. */
  url: string;
  /** The primary, whose WAL position the replica is compared with. */
  primary: Kysely<DB>;
  /** Largest replay lag, in seconds, at which reads still go to the replica. */
  maxLagSeconds: number;
  /** How long a measured health is trusted, in ms (default 5000). */
  checkIntervalMs?: number;
  /** Connections of the replica's pool (default 4: only heavy reads go there). */
  poolSize?: number;
  /** How long to wait for a connection, in ms (default 2000): a dead replica fails fast. */
  connectionTimeoutMs?: number;
  /** Called once per change of state (the first check included), e.g. to log it. */
  onChange?: (health: ReplicaHealth, previous: ReplicaHealth | null) => void;
  /** Called after every query on the replica with its duration in ms and whether it failed. */
  onQuery?: (durationMs: number, failed: boolean) => void;
}

/** `X/Y` (hexadecimal halves) → a comparable number of bytes. */
export function lsnBytes(lsn: string): bigint {
  const [high, low] = lsn.split('/');
  if (high === undefined || low === undefined) throw new Error(`not a WAL position: ${lsn}`);
  return (BigInt(`0x${high}`) << 32n) + BigInt(`0x${low}`);
}

/**
 * The lag in seconds from what the two servers said: 0 when the replica has replayed the
 * primary's flushed WAL, else the age of the newest transaction it replayed (Infinity when it has
 * replayed none since it started).
 */
export function replayLag(
  primaryFlushed: string,
  replayed: string | null,
  replayAgeSeconds: number | null,
): number {
  if (replayed !== null && lsnBytes(replayed) >= lsnBytes(primaryFlushed)) return 0;
  return replayAgeSeconds === null ? Infinity : Math.max(0, replayAgeSeconds);
}

/** What a standby says of itself. */
interface StandbyRow {
  standby: boolean;
  replayed: string | null;
  age: number | null;
}

/**
 * Open the replica's pool (no connection is made until the first check).
 */
export function openReadReplica(options: ReadReplicaOptions): ReadReplica {
  const pool = new pg.Pool({
    connectionString: options.url,
    max: options.poolSize ?? 4,
    connectionTimeoutMillis: options.connectionTimeoutMs ?? 2000,
    // Named in pg_stat_activity, so the replica's administrator sees who reads.
    application_name: 'kontakt-replica-reads',
  });
  watchConnections(pool, 'replica');
  const db = kysely(pool, options);
  const interval = options.checkIntervalMs ?? 5000;
  let last: ReplicaHealth | null = null;
  let pending: Promise<ReplicaHealth> | null = null;
  let measuredAt = 0;
  let closed = false;

  const settle = (health: ReplicaHealth): ReplicaHealth => {
    const previous = last;
    last = health;
    if (previous?.state !== health.state) options.onChange?.(health, previous);
    return health;
  };

  const standby = async (): Promise<StandbyRow> => {
    const { rows } = await sql<StandbyRow>`
      SELECT pg_is_in_recovery() AS standby, pg_last_wal_replay_lsn()::text AS replayed,
             extract(epoch FROM now() - pg_last_xact_replay_timestamp())::float8 AS age`.execute(
      db,
    );
    return rows[0]!;
  };

  const measure = async (): Promise<ReplicaHealth> => {
    const checkedAt = new Date();
    try {
      // The primary first: WAL it flushed before the replica is asked has had time to arrive.
      const primary = await sql<{ flushed: string }>`
        SELECT pg_current_wal_flush_lsn()::text AS flushed`.execute(options.primary);
      const flushed = primary.rows[0]!.flushed;
      let row = await standby();
      if (!row.standby) {
        return { state: 'not_standby', lagSeconds: null, reason: 'not in recovery', checkedAt };
      }
      let lag = replayLag(flushed, row.replayed, row.age);
      if (lag > 0) {
        // An idle primary writes a record now and then (a checkpoint, a snapshot of running
        // transactions) that the replica replays within milliseconds: look once more.
        await new Promise((resolve) => setTimeout(resolve, 100));
        row = await standby();
        lag = replayLag(flushed, row.replayed, row.age);
      }
      const shown = Number.isFinite(lag) ? Math.round(lag * 10) / 10 : null;
      return lag <= options.maxLagSeconds
        ? { state: 'in_use', lagSeconds: shown, checkedAt }
        : {
            state: 'lagging',
            lagSeconds: shown,
            reason: `replay lag ${shown ?? 'unknown'} s > ${options.maxLagSeconds} s`,
            checkedAt,
          };
    } catch (error) {
      return { state: 'down', lagSeconds: null, reason: (error as Error).message, checkedAt };
    }
  };

  return {
    db,
    health() {
      if (closed) return Promise.resolve(settle(downHealth('closed')));
      if (!pending || Date.now() - measuredAt >= interval) {
        measuredAt = Date.now();
        pending = measure().then(settle);
      }
      return pending;
    },
    lastHealth: () => last,
    reportFailure(error) {
      const health = downHealth((error as Error).message ?? String(error));
      measuredAt = Date.now();
      pending = Promise.resolve(settle(health));
    },
    async close() {
      closed = true;
      await db.destroy();
    },
  };
}

function downHealth(reason: string): ReplicaHealth {
  return { state: 'down', lagSeconds: null, reason, checkedAt: new Date() };
}

/** What {@link readDb} needs of the use cases' dependencies. */
export interface ReadSource {
  db: Kysely<DB>;
  replica?: ReadReplica | undefined;
}

/**
 * The database for a heavy read: the replica's when one is configured and healthy, else the
 * primary's (`deps.db`). Only for statements that read; a standby refuses writes.
 */
export async function readDb(deps: ReadSource): Promise<Kysely<DB>> {
  if (!deps.replica) return deps.db;
  const health = await deps.replica.health();
  return health.state === 'in_use' ? deps.replica.db : deps.db;
}

/**
 * Whether `error` is the replica's fault rather than the query's: the connection refused, lost or
 * timed out (no SQLSTATE, or class 08), the server shutting down (57P01–57P03), or a statement
 * cancelled by a conflict with recovery (40001 on a standby).
 */
export function isReplicaFault(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string') {
    if (/^(08|57P0[1-3]|40001)/.test(code)) return true;
    if (/^E[A-Z]+$/.test(code)) return true; // ECONNREFUSED, ECONNRESET, ETIMEDOUT, EPIPE…
  }
  return /Connection terminated|timeout exceeded when trying to connect|connection error/i.test(
    error.message,
  );
}

/**
 * Run `read` (statements that only read) on {@link readDb}'s choice. When the replica fails it
 * with a fault of its own ({@link isReplicaFault}), the replica is marked down and `read` runs
 * once more on the primary, so a replica that dies between two checks costs a retry, not an error.
 * Errors: `read`'s own, and the primary's.
 */
export async function onReader<T>(
  deps: ReadSource,
  read: (db: Kysely<DB>) => Promise<T>,
): Promise<T> {
  const db = await readDb(deps);
  if (db === deps.db) return read(db);
  try {
    return await read(db);
  } catch (error) {
    if (!isReplicaFault(error)) throw error;
    deps.replica!.reportFailure(error);
    return read(deps.db);
  }
}

/**
 * Stream `batches` from {@link readDb}'s choice. A replica fault before the first batch restarts
 * the stream on the primary; after it (bytes already sent) the fault is reported and thrown.
 */
export async function* readerBatches<T>(
  deps: ReadSource,
  batches: (db: Kysely<DB>) => AsyncGenerator<T>,
): AsyncGenerator<T> {
  const db = await readDb(deps);
  let started = false;
  try {
    for await (const batch of batches(db)) {
      started = true;
      yield batch;
    }
  } catch (error) {
    if (db === deps.db || !isReplicaFault(error)) throw error;
    deps.replica!.reportFailure(error);
    if (started) throw error;
    yield* batches(deps.db);
  }
}
