/**
 * Registrations that arrive together are written together (ADR 067). Every registration of a year
 * takes the year's gapless counter row (ADR 008), which stays locked until its commit's WAL flush:
 * one statement and one flush at a time, whatever the cores. While one group's statement is on its
 * way, the registrations that arrive wait here and then go as the next group, in one statement
 * (`writeNumberedAppeals`) and one commit. A registration that arrives when none is on its way is
 * written at once, so a quiet centre waits for nothing.
 *
 * The waiting list lives in this process only for the milliseconds of one statement; nothing
 * another process needs is kept here. Each process groups its own registrations; the counter row
 * orders the groups of all processes.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.js';
import { registrationGroupSize, registrationGroupsRetried } from '../ops/metrics.js';
import {
  type NumberedAppeal,
  type NumberedAppealInput,
  writeNumberedAppeals,
} from './numbered-appeal.queries.js';

/** At most this many registrations in one statement: its JSON parameter stays well under 1 MB. */
export const MAX_GROUP = 64;

/**
 * A queue that writes what is put in it in groups: at once when nothing is being written, else,
 * when the group on its way is done, all that waits (at most `max`) as the next group. `writeGroup`
 * settles each item itself and never throws. Also the bench's grouped replay of registration's SQL.
 */
export function writtenInGroups<T>(
  writeGroup: (group: T[]) => Promise<void>,
  max = MAX_GROUP,
): (item: T) => void {
  const waiting: T[] = [];
  let writing = false;
  const drain = async () => {
    writing = true;
    try {
      while (waiting.length > 0) await writeGroup(waiting.splice(0, max));
    } finally {
      writing = false;
    }
  };
  return (item) => {
    waiting.push(item);
    if (!writing) void drain();
  };
}

interface Waiting {
  input: NumberedAppealInput;
  resolve: (written: NumberedAppeal) => void;
  reject: (error: unknown) => void;
}

/** Each database handle's queue of registrations waiting for their write. */
const writers = new WeakMap<Kysely<DB>, (waiting: Waiting) => void>();

/**
 * Write one registration: in the caller's transaction at once (it holds the counter from then until
 * its own commit), or on the pool with the registrations that arrive while a group is written.
 *
 * @returns the new appeal's id, number, applicant and tracking row.
 * @throws the database's error of this registration alone when the group's statement was refused
 *   for what one registration can cause (`isOneRegistrationsFault`: a reused Idempotency-Key, a
 *   check): the group is then written again one registration at a time, and none of the refused
 *   statement's numbers is taken. Any other error (the connection lost, a timeout) is the whole
 *   group's, written at most once.
 */
export function insertNumberedAppeal(
  db: Kysely<DB>,
  input: NumberedAppealInput,
): Promise<NumberedAppeal> {
  if (db.isTransaction) return writeNumberedAppeals(db, [input]).then((rows) => rows[0]!);
  let enqueue = writers.get(db);
  if (!enqueue) {
    enqueue = writtenInGroups((group: Waiting[]) => {
      registrationGroupSize.observe(group.length);
      return writeGroup(db, group);
    });
    writers.set(db, enqueue);
  }
  const write = enqueue;
  return new Promise<NumberedAppeal>((resolve, reject) => write({ input, resolve, reject }));
}

/**
 * Whether `error` is the database's refusal of a statement that can be one registration's fault
 * and that left nothing written: an error response with a SQLSTATE of data (22), integrity (23)
 * or a trigger's own refusal (P0), or a deadlock or serialisation failure (40P01, 40001). A
 * connection lost, a timeout or anything raised after the statement may have committed is none of
 * these: the group gets that error, and nothing is written twice.
 */
export function isOneRegistrationsFault(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code !== 'string' || code.length !== 5) return false;
  return /^(22|23|P0)/.test(code) || code === '40P01' || code === '40001';
}

async function writeGroup(db: Kysely<DB>, group: readonly Waiting[]): Promise<void> {
  try {
    const rows = await writeNumberedAppeals(
      db,
      group.map((w) => w.input),
    );
    group.forEach((w, i) => w.resolve(rows[i]!));
  } catch (error) {
    if (group.length === 1 || !isOneRegistrationsFault(error)) {
      for (const w of group) w.reject(error);
      return;
    }
    // The statement was refused and nothing of the group was written: each registration again on
    // its own, so only the one at fault gets the error.
    registrationGroupsRetried.inc();
    for (const w of group) await writeGroup(db, [w]);
  }
}
