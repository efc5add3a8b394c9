/**
 * The live event bus (ADR 038): `publishLive` sends an event through PostgreSQL NOTIFY on the
 * channel `kontakt_live` — inside the caller's transaction it is delivered on commit, never on
 * rollback — and every app process's `LiveBus` hears it (LISTEN on a dedicated connection; on the
 * embedded engine PGlite's in-process listen) and hands it to its local subscribers (the SSE
 * streams of signed-in staff). No state lives only in one process: an event published by one
 * process reaches the streams served by every other.
 */
import { type Kysely, sql } from 'kysely';
import { can, type Permission } from '../../domain/policy.js';
import type { Role } from '../../domain/vocabulary.js';
import type { Database } from '../db/database.js';
import type { DB } from '../db/schema.js';

export const LIVE_CHANNEL = 'kontakt_live';
/** NOTIFY payloads are limited to 8000 bytes; events carry ids and small figures, not documents. */
export const MAX_LIVE_PAYLOAD_BYTES = 7000;

/** Who may receive an event: any of the listed users, roles or holders of the permission. No audience: every signed-in user. */
export interface LiveAudience {
  userIds?: number[];
  roles?: Role[];
  permission?: Permission;
}

export interface LiveEvent {
  /** Unique id of the event (time-ordered; sent as the SSE `id`). */
  id: string;
  /** Topic, `area.what` (e.g. `alerts.raised`, `calls.incoming`); streams subscribe by prefix. */
  topic: string;
  payload: unknown;
  audience?: LiveAudience;
  /** ISO time of publishing. */
  at: string;
}

let sequence = 0;

function eventId(at: Date): string {
  sequence = (sequence + 1) % 1_000_000;
  return `${at.getTime().toString(36)}-${process.pid.toString(36)}-${sequence.toString(36)}-${Math.random().toString(36).slice(2, 6)}`;
}

/**
 * Publish `payload` on `topic` to the signed-in staff in `audience`. Pass the transaction the
 * change is written in so the event leaves on its commit (NOTIFY is transactional).
 *
 * @throws Error when the event is over {@link MAX_LIVE_PAYLOAD_BYTES} (a programming error).
 */
export async function publishLive(
  db: Kysely<DB>,
  topic: string,
  payload: unknown,
  audience?: LiveAudience,
  now: Date = new Date(),
): Promise<LiveEvent> {
  const event: LiveEvent = {
    id: eventId(now),
    topic,
    payload,
    ...(audience ? { audience } : {}),
    at: now.toISOString(),
  };
  const text = JSON.stringify(event);
  if (Buffer.byteLength(text) > MAX_LIVE_PAYLOAD_BYTES) {
    throw new Error(`live event ${topic} is over ${MAX_LIVE_PAYLOAD_BYTES} bytes`);
  }
  await sql`SELECT pg_notify(${LIVE_CHANNEL}, ${text})`.execute(db);
  return event;
}

/** Whether `user` is in the event's audience. */
export function reaches(event: LiveEvent, user: { id: number; role: Role }): boolean {
  const audience = event.audience;
  if (!audience) return true;
  if (audience.userIds?.includes(user.id)) return true;
  if (audience.roles?.includes(user.role)) return true;
  if (audience.permission && can(user.role, audience.permission)) return true;
  return false;
}

export type LiveListener = (event: LiveEvent) => void;

export interface LiveBus {
  /** Hear every event of this database (in this process); returns the unsubscribe function. */
  subscribe(listener: LiveListener): () => void;
  /** How many local subscribers there are (metrics, tests). */
  size(): number;
  close(): Promise<void>;
}

/** Start listening on the database's live channel for this process. */
export async function createLiveBus(database: Pick<Database, 'listen'>): Promise<LiveBus> {
  const listeners = new Set<LiveListener>();
  const stop = await database.listen(LIVE_CHANNEL, (text) => {
    let event: LiveEvent;
    try {
      event = JSON.parse(text) as LiveEvent;
    } catch {
      return;
    }
    for (const listener of listeners) {
      try {
        listener(event);
      } catch {
        // one broken stream never stops the others
      }
    }
  });
  return {
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    size: () => listeners.size,
    close: async () => {
      listeners.clear();
      await stop();
    },
  };
}
