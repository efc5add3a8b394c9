/**
 * Prepared statements for the few queries every registration runs (ADR 064). PostgreSQL plans an
 * unnamed statement anew each time; for registration's short reads and its one write the planning
 * took 1.3 ms of the database's 3.2 ms per appeal (pg_stat_statements at 1M appeals). A statement
 * marked with {@link prepared} is sent as a named statement: each connection parses it once, and
 * after five executions PostgreSQL keeps a generic plan when it costs no more than the custom ones
 * (`plan_cache_mode = auto`).
 *
 * Only marked statements are named. A generic plan cannot use a partial index whose predicate
 * names a parameter's value, and reports and queues filter on such values; marking is for short
 * statements with a fixed shape whose plan does not depend on their parameters' values.
 */
import { createHash } from 'node:crypto';
import type { PostgresPool, PostgresPoolClient } from 'kysely';
import { sql } from 'kysely';
import type pg from 'pg';

const MARK = '/* prepared */';

/**
 * Append to a query (`.modifyEnd(prepared)`) or write into a `sql` template to have it sent as a
 * prepared statement. The text must not vary with the values (no `sql.raw` of data, no lists
 * whose length varies): each distinct text is one statement kept by every connection for its life.
 */
export const prepared = sql.raw(MARK);

/** The statement's name: a hash of its text, so the same text has the same name on every connection. */
function statementName(text: string): string {
  return `k_${createHash('sha1').update(text).digest('hex').slice(0, 24)}`;
}

const names = new Map<string, string>();

/**
 * The `pg` query of `text` with `values`: a named statement when the text carries the
 * {@link prepared} mark (its name a hash of the text, the same on every connection), else unnamed.
 * Also the bench's replay of captured statements, so that it sends them as the app does.
 */
export function statementConfig(text: string, values: unknown[]): pg.QueryConfig {
  if (!text.includes(MARK)) return { text, values };
  let name = names.get(text);
  if (name === undefined) {
    name = statementName(text);
    names.set(text, name);
  }
  return { name, text, values };
}

/**
 * `pool` as Kysely's `PostgresDialect` takes it, sending statements marked with {@link prepared}
 * as named statements and everything else as before (cursors included).
 */
export function preparingPool(pool: pg.Pool): PostgresPool {
  return {
    connect: async () => {
      const client = await pool.connect();
      // A cursor (an export's stream) passes through as it came.
      const query = ((text: unknown, values?: readonly unknown[]) =>
        typeof text === 'string' && text.includes(MARK)
          ? client.query(statementConfig(text, values as unknown[]))
          : client.query(
              text as string,
              values as unknown[],
            )) as unknown as PostgresPoolClient['query'];
      return { query, release: (destroy?: boolean) => client.release(destroy) };
    },
    end: () => pool.end(),
  };
}
