/**
 * A few seconds' memory, per app process, of which staff member a session token belongs to
 * (issue 21, item 5; ADR 062): the session's query was a round trip on every staff request.
 *
 * Correctness across processes: every change of a user or a session row is announced on the
 * channel `kontakt_auth` by a trigger (migration 0045) with the user's id, and every process's cache
 * forgets that user's entries when it hears it (LISTEN; PGlite's in-process listen on the embedded
 * engine). While a listener is reconnecting its cache answers nothing. A notice is lost only
 * between a connection's silent loss and its detection (TCP keepalive); an entry's lifetime of
 * {@link SESSION_CACHE_MS} bounds that case. An entry never outlives its session's own expiry.
 */
import type { Database } from '../db/database.js';

/** How long an entry is trusted without the database, in ms. */
export const SESSION_CACHE_MS = 5_000;
/** The channel the triggers of migration 0045 announce changed users on (payload: the user's id). */
export const AUTH_CHANNEL = 'kontakt_auth';
/** Entries kept at most; the oldest goes first. */
const MAX_ENTRIES = 10_000;

/** What is cached of a staff member: anything with the user's id (the request's actor). */
interface Identified {
  id: number;
}

interface Entry<A extends Identified> {
  actor: A;
  /** Trusted until this instant (ms): the earlier of the cache's lifetime and the session's expiry. */
  until: number;
}

export interface SessionCache<A extends Identified> {
  /** The actor of a session token's hash as last read, while trusted at `now`; else undefined. */
  get(tokenHash: string, now: Date): A | undefined;
  /**
   * A read is about to start: the returned mark goes to `put`, which keeps the result only if
   * nothing was forgotten meanwhile (a logout committed during the read must not be outlived).
   */
  mark(): number;
  /** Keep what a read started at `mark` found (the session's expiry bounds the entry). */
  put(tokenHash: string, actor: A, sessionExpiresAt: Date, now: Date, mark: number): void;
  /** Forget one token (this process's own logout). */
  forgetToken(tokenHash: string): void;
  /** Forget every entry of a user. */
  forgetUser(userId: number): void;
  /** Forget every entry (a `TRUNCATE`, a gap in the notices). */
  forgetAll(): void;
  /** Stop listening. */
  close(): Promise<void>;
}

/** An empty cache (no listening: the caller feeds it `forgetUser`); tests and `listenForAuthChanges`. */
export function createSessionCache<A extends Identified>(
  lifetimeMs = SESSION_CACHE_MS,
): SessionCache<A> & {
  size(): number;
} {
  const entries = new Map<string, Entry<A>>();
  // Bumped by every forgetting; a read that saw another value keeps nothing.
  let generation = 0;
  return {
    get(tokenHash, now) {
      const entry = entries.get(tokenHash);
      if (!entry) return undefined;
      if (now.getTime() < entry.until) return entry.actor;
      entries.delete(tokenHash);
      return undefined;
    },
    mark: () => generation,
    put(tokenHash, actor, sessionExpiresAt, now, mark) {
      if (mark !== generation) return;
      if (entries.size >= MAX_ENTRIES) {
        const oldest = entries.keys().next();
        if (!oldest.done) entries.delete(oldest.value);
      }
      entries.set(tokenHash, {
        actor,
        until: Math.min(now.getTime() + lifetimeMs, sessionExpiresAt.getTime()),
      });
    },
    forgetToken(tokenHash) {
      generation += 1;
      entries.delete(tokenHash);
    },
    forgetUser(userId) {
      generation += 1;
      for (const [key, entry] of entries) if (entry.actor.id === userId) entries.delete(key);
    },
    forgetAll() {
      generation += 1;
      entries.clear();
    },
    close: async () => {
      entries.clear();
    },
    size: () => entries.size,
  };
}

/**
 * This process's session cache, forgetting a user whenever any process's transaction that changed
 * the user or one of the user's sessions commits (`*`: a table was truncated, forget everyone).
 * While the listening connection is down (notices would be missed) the cache answers nothing and
 * is emptied again when it is back.
 */
export async function listenForAuthChanges<A extends Identified>(
  database: Pick<Database, 'listen'>,
  lifetimeMs = SESSION_CACHE_MS,
): Promise<SessionCache<A>> {
  const cache = createSessionCache<A>(lifetimeMs);
  let listening = true;
  const stop = await database.listen(
    AUTH_CHANNEL,
    (payload) => {
      if (payload === '*') return cache.forgetAll();
      const userId = Number(payload);
      if (Number.isInteger(userId)) cache.forgetUser(userId);
    },
    (connected) => {
      listening = connected;
      cache.forgetAll();
    },
  );
  return {
    ...cache,
    get: (tokenHash, now) => (listening ? cache.get(tokenHash, now) : undefined),
    close: async () => {
      await stop();
      await cache.close();
    },
  };
}
