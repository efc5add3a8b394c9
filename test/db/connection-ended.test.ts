/**
 * A server connection ended while a request holds it (a restart, a failover, an administrator's
 * `pg_terminate_backend`) must not crash the process: `pg` emits `error` on the client, and the
 * pool listens on idle clients only (CI of 3 December 2026: an uncaught "Connection terminated
 * unexpectedly" in the database-gone test). PostgreSQL server only; the embedded engine has no
 * connections to end.
 */
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { watchConnections } from '../../src/server/db/database.js';
import { createTestContext, type TestContext } from '../test-db.js';

const onServer = Boolean(process.env.DATABASE_URL);

describe.skipIf(!onServer)('a connection ended while it is checked out', () => {
  let ctx: TestContext;
  let pool: pg.Pool;
  let admin: pg.Client;

  beforeAll(async () => {
    ctx = await createTestContext();
    pool = new pg.Pool({ connectionString: ctx.databaseUrl!, max: 2 });
    watchConnections(pool, 'database');
    admin = new pg.Client({ connectionString: ctx.databaseUrl! });
    await admin.connect();
  });
  afterAll(async () => {
    await admin.end();
    await pool.end();
    await ctx.close();
  });

  it('is heard by the client, discarded by the pool, and the next statement works', async () => {
    const client = await pool.connect();
    // Without a listener of its own, a checked-out client's `error` event is uncaught.
    expect(client.listenerCount('error')).toBeGreaterThan(0);
    const { rows } = await client.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
    const ended = new Promise((resolve) => client.once('end', resolve));
    await admin.query('SELECT pg_terminate_backend($1)', [rows[0]!.pid]);
    await ended;
    client.release();
    const next = await pool.query<{ one: number }>('SELECT 1 AS one');
    expect(next.rows[0]!.one).toBe(1);
    expect(pool.totalCount).toBe(1);
  });
});
