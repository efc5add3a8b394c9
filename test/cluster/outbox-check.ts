/**
 * The cluster test's look at the notifications outbox (ADR 055): wait until the nodes have
 * delivered every row with an address, then match each row to the messages the SMTP server got
 * (by the Message-ID the mailer makes of the row, `messageIdOf`).
 *
 * Delivery leases a row for five minutes before sending it. Rows the killed node had leased stay
 * pending until their lease runs out; the test moves those leases to now, as five minutes passing
 * would, and a live node sends them. Such a row may reach the SMTP server twice — once from the
 * killed node, if it died after the server took the message and before marking the row sent, and
 * once again — which is the at-least-once delivery the module doc of `delivery.ts` states; it is
 * counted apart (`resent`). Any other row's second message is a defect.
 */
import { type Kysely, sql } from 'kysely';
import type { DB } from '../../src/server/db/schema.js';

/** delivery.ts's lease. */
const LEASE_MS = 5 * 60_000;

export interface OutboxState {
  rows: { id: number; status: string; last_error: string | null }[];
  /** Rows whose lease the killed node held (taken before it died), moved to now by the test. */
  orphans: Set<number>;
}

/**
 * Wait (up to `budgetMs`) until no row with an address is pending, moving the leases taken
 * before `killedAt` (the moment the killed node had exited) to now.
 */
export async function waitForOutbox(
  db: Kysely<DB>,
  killedAt: Date,
  budgetMs = 180_000,
): Promise<OutboxState> {
  const orphans = new Set<number>();
  const giveUp = Date.now() + budgetMs;
  for (;;) {
    const expired = await db
      .updateTable('notifications')
      .set({ next_attempt_at: sql<Date>`now()` })
      .where('status', '=', 'pending')
      .where('recipient_email', 'is not', null)
      .where('attempts', '=', 0)
      .where('next_attempt_at', '>', sql<Date>`now()`)
      .where('next_attempt_at', '<=', new Date(killedAt.getTime() + LEASE_MS))
      .returning('id')
      .execute();
    expired.forEach((r) => orphans.add(r.id));
    const pending = await db
      .selectFrom('notifications')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('status', '=', 'pending')
      .where('recipient_email', 'is not', null)
      .executeTakeFirstOrThrow();
    if (Number(pending.n) === 0 || Date.now() > giveUp) break;
    await new Promise((r) => setTimeout(r, 1000));
  }
  const rows = await db
    .selectFrom('notifications')
    .select(['id', 'status', 'last_error'])
    .where('recipient_email', 'is not', null)
    .orderBy('id')
    .execute();
  return { rows, orphans };
}

/** The outbox row a message was made from, by its Message-ID (undefined: not one of ours). */
export function notificationIdOf(raw: string): number | undefined {
  const id = /^Message-ID:\s*<kontakt\.notification-(\d+)@/im.exec(raw)?.[1];
  return id === undefined ? undefined : Number(id);
}

export interface OutboxCheck {
  rows: number;
  messages: number;
  /** Rows the killed node had leased that reached the SMTP server twice (at least once). */
  resent: number[];
  problems: string[];
}

/** Each row with an address sent and received once (twice only for a row the killed node held). */
export function checkOutbox(state: OutboxState, messages: { raw: string }[]): OutboxCheck {
  const problems: string[] = [];
  const received = new Map<number, number>();
  for (const message of messages) {
    const id = notificationIdOf(message.raw);
    if (id === undefined) problems.push(`a message without a notification's Message-ID`);
    else received.set(id, (received.get(id) ?? 0) + 1);
  }
  const resent: number[] = [];
  const known = new Set<number>();
  for (const row of state.rows) {
    known.add(row.id);
    const n = received.get(row.id) ?? 0;
    if (row.status !== 'sent') {
      problems.push(`row ${row.id} is ${row.status} (${row.last_error ?? 'no error'})`);
    } else if (n === 0) problems.push(`row ${row.id} is marked sent, but no message arrived`);
    else if (n === 2 && state.orphans.has(row.id)) resent.push(row.id);
    else if (n > 1) problems.push(`row ${row.id} arrived ${n} times`);
  }
  for (const id of received.keys()) {
    if (!known.has(id)) problems.push(`a message of row ${id}, which has no address`);
  }
  return { rows: state.rows.length, messages: messages.length, resent, problems };
}
