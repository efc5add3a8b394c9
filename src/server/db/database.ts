/**
 * Opens the database: PGlite (embedded PostgreSQL, persisted under the data directory) when no
 * `DATABASE_URL` is given, a PostgreSQL server through `pg` otherwise. Both go through Kysely's
 * `PostgresDialect`, so one set of SQL and migrations serves both (ADR 0003).
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { createPgConfig } from '@electric-sql/pglite/node-postgres';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import type { DB } from './schema.js';
import { lockDataDir } from './lock.js';
import { preparingPool } from './prepared.js';

export type Engine = 'pglite' | 'postgres';

export interface Database {
  db: Kysely<DB>;
  engine: Engine;
  /** The embedded engine's data directory as a gzipped tarball (PGlite only). */
  dumpDataDir?: () => Promise<Blob>;
  /** Connections of the pool: open, idle, and clients waiting for one (metrics). */
  poolUse: () => { total: number; idle: number; waiting: number };
  /**
   * Listen to a NOTIFY channel (the live bus, ADR 038): on a server through one dedicated
   * connection (re-opened after a loss), on the embedded engine through PGlite's in-process
   * listen. `onConnected(false)` when the server connection is lost (notices sent until it is back
   * are never heard), `onConnected(true)` once listening again. Returns the function that stops
   * listening.
   */
  listen(
    channel: string,
    onPayload: (payload: string) => void,
    onConnected?: (connected: boolean) => void,
  ): Promise<() => Promise<void>>;
  /** Close every connection (and the embedded engine with its lock). */
  close(): Promise<void>;
}

export interface OpenDatabaseOptions {
  /** postgres:// URL of a server; when absent, the embedded engine is used. */
  databaseUrl?: string | undefined;
  /** Directory of the embedded database (ignored with `databaseUrl`). `memory://` keeps it in memory. */
  dataDir?: string;
  /** A data-directory dump to start the embedded engine from (fast test databases). */
  loadDataDir?: Blob | File;
  /** Name of the command holding the embedded data directory, shown to a refused second process. */
  command?: string;
  /** Connections in the server pool (default 10). */
  poolSize?: number;
  /** Called after every query with its duration in ms and whether it failed (metrics). */
  onQuery?: (durationMs: number, failed: boolean) => void;
}

/** Kysely over `pool`, reporting each query's duration to `options.onQuery` (metrics). */
export function kysely(pool: pg.Pool, options: Pick<OpenDatabaseOptions, 'onQuery'>): Kysely<DB> {
  const onQuery = options.onQuery;
  return new Kysely<DB>({
    dialect: new PostgresDialect({ pool: preparingPool(pool) }),
    ...(onQuery
      ? { log: (event) => onQuery(event.queryDurationMillis, event.level === 'error') }
      : {}),
  });
}

/**
 * A connection the server ends (a restart, a failover, an administrator's
 * `pg_terminate_backend`) makes its `pg` client emit `error`; an event with no listener crashes the
 * process. The pool listens on idle clients only (the client is dropped and replaced on the next
 * query); a client checked out at that moment — between a transaction's statements, or just
 * acquired — had none, and the process died (seen in CI: the database-gone test). Every client
 * now has a listener for its whole life: the statement in flight fails (the request gets 503
 * `service_unavailable`), the pool discards the client when it is released, and one line says so.
 *
 * @param what `database` or `replica`, for the line on stderr.
 */
export function watchConnections(pool: pg.Pool, what: 'database' | 'replica'): void {
  // The pool re-emits an idle client's error; the client's own listener below has said it.
  pool.on('error', () => {});
  pool.on('connect', (client) => {
    client.on('error', (error) => {
      process.stderr.write(`kontakt: a ${what} connection was closed: ${error.message}\n`);
    });
  });
}

const poolUse = (pool: pg.Pool) => () => ({
  total: pool.totalCount,
  idle: pool.idleCount,
  waiting: pool.waitingCount,
});

/**
 * Open the database described by `options`.
 *
 * @throws AppError `data_dir_locked` when another process holds the embedded data directory.
 */
export async function openDatabase(options: OpenDatabaseOptions): Promise<Database> {
  if (options.databaseUrl) {
    const pool = new pg.Pool({
      connectionString: options.databaseUrl,
      max: options.poolSize ?? 10,
      // A database that does not answer is reported (503) instead of holding requests forever.
      connectionTimeoutMillis: 10_000,
    });
    watchConnections(pool, 'database');
    const db = kysely(pool, options);
    const listeners = new Set<() => Promise<void>>();
    return {
      db,
      engine: 'postgres',
      poolUse: poolUse(pool),
      listen: async (channel, onPayload, onConnected) => {
        const stop = await serverListener(options.databaseUrl!, channel, onPayload, onConnected);
        listeners.add(stop);
        return async () => {
          listeners.delete(stop);
          await stop();
        };
      },
      close: async () => {
        await Promise.all([...listeners].map((stop) => stop()));
        await db.destroy();
      },
    };
  }

  const dataDir = options.dataDir ?? './data';
  const inMemory = dataDir.startsWith('memory://');
  const release = inMemory ? () => {} : lockDataDir(dataDir, options.command ?? 'kontakt');
  try {
    const pgliteDir = inMemory ? dataDir : join(dataDir, 'pglite');
    if (!inMemory) mkdirSync(pgliteDir, { recursive: true });
    const pglite = await PGlite.create(pgliteDir, {
      // Trigram indexes for the registry's search by part of a name (migration 0039, ADR 057).
      extensions: { pg_trgm },
      ...(options.loadDataDir ? { loadDataDir: options.loadDataDir } : {}),
    });
    const pool = new pg.Pool(createPgConfig(pglite));
    const db = kysely(pool, options);
    return {
      db,
      engine: 'pglite',
      poolUse: poolUse(pool),
      dumpDataDir: () => pglite.dumpDataDir('gzip'),
      listen: (channel, onPayload) => pglite.listen(channel, onPayload),
      close: async () => {
        try {
          await db.destroy();
          await pglite.close();
        } finally {
          release();
        }
      },
    };
  } catch (error) {
    release();
    throw error;
  }
}

/**
 * LISTEN on `channel` through a connection of its own (a pooled one would be handed to other
 * queries). A lost connection is re-opened after 1 s, and again every few seconds (at most 30)
 * until it is back; notifications sent meanwhile are lost, so subscribers re-read their state on
 * reconnect (ADR 038) and `onConnected` tells them of the gap (the session cache, ADR 062).
 */
async function serverListener(
  url: string,
  channel: string,
  onPayload: (payload: string) => void,
  onConnected: (connected: boolean) => void = () => {},
): Promise<() => Promise<void>> {
  let stopped = false;
  let client: pg.Client | null = null;
  let failures = 0;
  const retry = () => {
    if (stopped) return;
    const delay = Math.min(30_000, 1000 * 2 ** Math.min(failures, 5));
    failures += 1;
    setTimeout(() => void open().catch(retry), delay).unref();
  };
  const open = async (): Promise<void> => {
    const next = new pg.Client({ connectionString: url, keepAlive: true });
    next.on('notification', (message) => {
      if (message.channel === channel) onPayload(message.payload ?? '');
    });
    next.on('error', (error) => {
      // Only a listening connection's loss is handled here; a failed open rejects below.
      if (client !== next) return;
      process.stderr.write(`kontakt: the live listener lost its connection: ${error.message}\n`);
      client = null;
      onConnected(false);
      void next.end().catch(() => {});
      retry();
    });
    try {
      await next.connect();
      await next.query(`LISTEN ${pg.escapeIdentifier(channel)}`);
    } catch (error) {
      void next.end().catch(() => {});
      throw error;
    }
    failures = 0;
    if (stopped) await next.end();
    else {
      client = next;
      onConnected(true);
    }
  };
  await open();
  return async () => {
    stopped = true;
    await client?.end().catch(() => {});
  };
}
