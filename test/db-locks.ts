/**
 * Two transactions at once on a PostgreSQL server, for the tests of what a lock orders: one holds
 * its transaction open after its work until released; another statement is then seen waiting for it.
 */
import { type Kysely, sql } from 'kysely';
import { expect } from 'vitest';
import type { DB } from '../src/server/db/schema.js';

export interface HeldTransaction {
  /** The holding transaction's backend. */
  pid: number;
  /** Let it commit. */
  release: () => void;
  /** Settles when it has committed (or failed). */
  done: Promise<void>;
}

/** Runs `work` in a transaction of `db` and keeps the transaction open until `release()`. */
export async function holdingTransaction(
  db: Kysely<DB>,
  work: (trx: Kysely<DB>) => Promise<unknown>,
): Promise<HeldTransaction> {
  let release!: () => void;
  const held = new Promise<void>((resolve) => (release = resolve));
  let started!: (pid: number) => void;
  const pid = new Promise<number>((resolve) => (started = resolve));
  let failed!: (error: unknown) => void;
  const failedEarly = new Promise<never>((_, reject) => (failed = reject));
  const done = db
    .transaction()
    .execute(async (trx) => {
      await work(trx);
      started(
        (await sql<{ pid: number }>`SELECT pg_backend_pid() AS pid`.execute(trx)).rows[0]!.pid,
      );
      await held;
    })
    .catch((error: unknown) => {
      failed(error);
      throw error;
    });
  // A failure before the work is done is thrown below; one at commit by whoever awaits `done`.
  done.catch(() => undefined);
  return { pid: await Promise.race([pid, failedEarly]), release, done };
}

/** Resolves once another backend waits for a lock that the backend `pid` holds (60 s at most). */
export const blockedBy = (db: Kysely<DB>, pid: number) =>
  expect
    .poll(
      async () =>
        (
          await sql<{ n: number }>`
            SELECT count(*)::integer AS n FROM pg_stat_activity
             WHERE ${pid}::integer = ANY(pg_blocking_pids(pid))`.execute(db)
        ).rows[0]!.n,
      { interval: 20, timeout: 60_000 },
    )
    .toBeGreaterThan(0);

/**
 * Waits until another backend is blocked by `held`'s transaction, then lets it commit (whether or
 * not the wait came): the statement that waited goes on.
 */
export async function releaseOnceBlocked(db: Kysely<DB>, held: HeldTransaction): Promise<void> {
  try {
    await blockedBy(db, held.pid);
  } finally {
    held.release();
    await held.done;
  }
}

/** The error a statement fails with, or null. */
export const failure = (run: Promise<unknown>) =>
  run.then(
    () => null,
    (error: Error & { code?: string }) => error,
  );
