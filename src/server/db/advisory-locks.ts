/**
 * The keys of the transaction-scoped advisory locks that let one process at a time run a
 * scheduled job against a PostgreSQL shared by several app nodes (issue 21). One table, so that no
 * two jobs share a key: the work notifications once took the dashboard snapshot's key, and each
 * then skipped its run whenever the other was running (`advisory-locks.test.ts` keeps them apart).
 * On the embedded engine the locks work the same within the one process.
 */
import { type Kysely, sql } from 'kysely';
import type { DB } from './schema.js';

export const JOB_LOCKS = {
  /** The deadline sweep ("Kont"). */
  deadlineSweep: 0x4b6f6e74,
  /** The dashboard's count snapshot ("Konu"). */
  dashboardSnapshot: 0x4b6f6e75,
  /** The executors' work notifications read from the history ("Konw"). */
  workNotifications: 0x4b6f6e77,
  /** Live monitoring's spike detection ("Kont" + 18). */
  monitoringSpikes: 0x4b6f6e18,
  /** Mass-appeal proposals ("Mass"). */
  massAppeals: 0x4d617373,
  /** The call-back queue ("Kcbq"). */
  callbackQueue: 0x4b636271,
  /** Retraining the question-type suggestion model ("Kret"). */
  assistRetrain: 0x4b726574,
} as const;

export type JobLock = keyof typeof JOB_LOCKS;

/**
 * Take the job's lock for the rest of `trx`'s transaction, without waiting.
 *
 * @returns true when this transaction holds it now; false when another one does (then skip the
 *   run: the holder is doing it).
 */
export async function tryJobLock(trx: Kysely<DB>, job: JobLock): Promise<boolean> {
  const { rows } = await sql<{
    locked: boolean;
  }>`SELECT pg_try_advisory_xact_lock(${JOB_LOCKS[job]}) AS locked`.execute(trx);
  return rows[0]?.locked === true;
}
