/**
 * The public rate limits' counters in the database (`rate_limit_hits`, migration 0016), so that
 * every app process behind a balancer counts the same client against one limit (issue 21, item 2;
 * ADR 032). Implements `@fastify/rate-limit`'s store contract: fixed windows per key, as its own
 * in-memory store does.
 */
import type { FastifyRateLimitStore, FastifyRateLimitStoreCtor } from '@fastify/rate-limit';
import { type Kysely, sql } from 'kysely';
import type { DB } from '../db/schema.js';

type Callback = (error: Error | null, result?: { current: number; ttl: number }) => void;

/** Rows whose window ended longer ago than this are deleted by {@link purgeRateLimitHits}. */
const KEEP_AFTER_WINDOW_MS = 60 * 60_000;

/**
 * A store class bound to `db` and the clock `now` (the plugin constructs it itself).
 * `incr(key, cb, timeWindowMs)` counts one request under `prefix + key` in one statement (an
 * upsert, safe when processes race) and answers `{ current, ttl }`: the requests counted in the
 * current window and the milliseconds until it ends. A database error reaches the plugin, which
 * then fails the request (nothing is let through uncounted).
 */
export function databaseRateLimitStore(db: Kysely<DB>, now: () => Date): FastifyRateLimitStoreCtor {
  class DatabaseRateLimitStore implements FastifyRateLimitStore {
    constructor(
      _options?: unknown,
      private readonly prefix = '',
    ) {}

    incr(key: string, callback: Callback, timeWindow: number): void {
      const at = now();
      const windowEnds = new Date(at.getTime() + timeWindow);
      db.insertInto('rate_limit_hits')
        .values({ key: this.prefix + key, hits: 1, window_ends_at: windowEnds })
        .onConflict((oc) =>
          oc.column('key').doUpdateSet({
            hits: sql<number>`CASE WHEN rate_limit_hits.window_ends_at <= ${at}
                                   THEN 1 ELSE rate_limit_hits.hits + 1 END`,
            window_ends_at: sql<Date>`CASE WHEN rate_limit_hits.window_ends_at <= ${at}
                                           THEN ${windowEnds}::timestamptz
                                           ELSE rate_limit_hits.window_ends_at END`,
          }),
        )
        .returning(['hits', 'window_ends_at'])
        .executeTakeFirstOrThrow()
        .then(
          (row) =>
            callback(null, {
              current: row.hits,
              ttl: Math.max(0, new Date(row.window_ends_at).getTime() - at.getTime()),
            }),
          (error: unknown) => callback(error instanceof Error ? error : new Error(String(error))),
        );
    }

    /** One store per limited route: its key prefix is the route's method and path. */
    child(routeOptions: Parameters<FastifyRateLimitStore['child']>[0]): FastifyRateLimitStore {
      // At run time the plugin passes its merged options with the route under `routeInfo`.
      const route =
        (routeOptions as { routeInfo?: { method?: unknown; url?: string } }).routeInfo ??
        routeOptions;
      return new DatabaseRateLimitStore(undefined, `${String(route.method)} ${route.url ?? ''} `);
    }
  }
  return DatabaseRateLimitStore;
}

/** Delete the counters whose window ended over an hour ago (the hourly job). Returns how many. */
export async function purgeRateLimitHits(db: Kysely<DB>, at: Date): Promise<number> {
  const result = await db
    .deleteFrom('rate_limit_hits')
    .where('window_ends_at', '<', new Date(at.getTime() - KEEP_AFTER_WINDOW_MS))
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}
