/**
 * The session cache (ADR 062): a token read a moment ago is answered from memory, and any change
 * of the user or of their sessions — through this process, another process or plain SQL — is
 * forgotten by every process's cache. On a server the "other process" has its own pool and
 * listener; on the embedded engine both caches hear the one engine.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { login, logout, userBySession } from '../../src/server/auth/auth.service.js';
import {
  createSessionCache,
  listenForAuthChanges,
  type SessionCache,
} from '../../src/server/auth/session-cache.js';
import type { Deps, UserActor } from '../../src/server/context.js';
import { type Database, openDatabase } from '../../src/server/db/database.js';
import { makeUser, TEST_PASSWORD } from '../factories.js';
import { createTestContext, type TestContext } from '../test-db.js';

const actor = (id: number): UserActor => ({
  kind: 'user',
  id,
  login: `u${id}`,
  fullName: 'Тестова Особа',
  role: 'operator',
  organisationId: null,
});

describe('the cache alone', () => {
  const t0 = new Date('2026-12-02T12:00:00Z');
  const at = (ms: number) => new Date(t0.getTime() + ms);

  it.each([
    { name: 'within its lifetime', expires: at(3_600_000), asked: at(4_999), kept: true },
    { name: 'after its lifetime', expires: at(3_600_000), asked: at(5_000), kept: false },
    { name: 'after the session expired', expires: at(2_000), asked: at(2_000), kept: false },
    { name: 'before the session expired', expires: at(2_000), asked: at(1_999), kept: true },
  ])('an entry $name is trusted: $kept', ({ expires, asked, kept }) => {
    const cache = createSessionCache<UserActor>(5_000);
    cache.put('h', actor(1), expires, t0, cache.mark());
    expect(cache.get('h', asked)?.id).toBe(kept ? 1 : undefined);
  });

  it('keeps nothing read while something was forgotten, and forgets by user and by token', () => {
    const cache = createSessionCache<UserActor>(5_000);
    const later = at(3_600_000);
    const mark = cache.mark();
    cache.forgetUser(99); // a logout committed while the read ran
    cache.put('stale', actor(1), later, t0, mark);
    expect(cache.get('stale', t0)).toBeUndefined();

    for (const [hash, id] of [
      ['a', 1],
      ['b', 1],
      ['c', 2],
    ] as const)
      cache.put(hash, actor(id), later, t0, cache.mark());
    cache.forgetUser(1);
    expect([cache.get('a', t0), cache.get('b', t0), cache.get('c', t0)?.id]).toEqual([
      undefined,
      undefined,
      2,
    ]);
    cache.forgetToken('c');
    expect(cache.size()).toBe(0);
  });
});

describe('the listening cache', () => {
  it('answers nothing while its listener is down, and forgets everyone on «*»', async () => {
    let feed: { payload: (text: string) => void; connected: (up: boolean) => void } | undefined;
    const cache = await listenForAuthChanges<UserActor>({
      listen: async (_channel, onPayload, onConnected) => {
        feed = { payload: onPayload, connected: onConnected ?? (() => {}) };
        return async () => {};
      },
    });
    const now = new Date();
    const later = new Date(now.getTime() + 3_600_000);
    const keep = (hash: string, id: number) => cache.put(hash, actor(id), later, now, cache.mark());
    keep('a', 1);
    feed!.connected(false);
    expect(cache.get('a', now)).toBeUndefined();
    keep('b', 2); // read while notices could be missed
    feed!.connected(true);
    expect([cache.get('a', now), cache.get('b', now)]).toEqual([undefined, undefined]);
    keep('c', 3);
    keep('d', 4);
    expect(cache.get('c', now)?.id).toBe(3);
    feed!.payload('*');
    expect([cache.get('c', now), cache.get('d', now)]).toEqual([undefined, undefined]);
  });
});

describe('two processes on one database', () => {
  let ctx: TestContext;
  let other: { deps: Deps; database: Database | null; sessions: SessionCache<UserActor> };

  beforeAll(async () => {
    ctx = await createTestContext();
    let database: Database | null = null;
    let deps: Deps = ctx.deps;
    if (ctx.databaseUrl) {
      database = await openDatabase({ databaseUrl: ctx.databaseUrl, poolSize: 2 });
      deps = { ...ctx.deps, db: database.db };
    }
    // A lifetime far beyond the waits below: only a notice can make the other process forget.
    const sessions = await listenForAuthChanges<UserActor>(database ?? ctx.database, 600_000);
    other = { deps: { ...deps, sessions }, database, sessions };
  });
  afterAll(async () => {
    await other.sessions.close();
    await other.database?.close();
    await ctx.close();
  });

  /** Signed in, and the session read once through each process (so both caches hold it). */
  async function signedIn(): Promise<{ token: string; userId: number }> {
    const user = await makeUser(ctx.deps, 'operator');
    const { token } = await login(ctx.deps, { login: user.login, password: TEST_PASSWORD });
    expect((await userBySession(ctx.deps, token))?.id).toBe(user.id);
    expect((await userBySession(other.deps, token))?.id).toBe(user.id);
    return { token, userId: user.id };
  }

  /**
   * Wait (at most 5 s; the other cache's entries live 10 minutes) until the other process answers as `seen`
   * (by default: no one).
   */
  async function forgottenByOther(
    token: string,
    seen: (actor: UserActor | null) => boolean = (actor) => actor === null,
  ): Promise<void> {
    const until = Date.now() + 5_000;
    while (!seen(await userBySession(other.deps, token)) && Date.now() < until)
      await new Promise((resolve) => setTimeout(resolve, 25));
    expect(seen(await userBySession(other.deps, token))).toBe(true);
  }

  it('answers a session read a moment ago without the database', async () => {
    const { token } = await signedIn();
    // Gone from the table behind the triggers' back (no notice): the cache still answers.
    await sql`ALTER TABLE sessions DISABLE TRIGGER sessions_announce_auth_change`.execute(
      ctx.deps.db,
    );
    try {
      await ctx.deps.db.deleteFrom('sessions').execute();
    } finally {
      await sql`ALTER TABLE sessions ENABLE TRIGGER sessions_announce_auth_change`.execute(
        ctx.deps.db,
      );
    }
    expect(await userBySession(other.deps, token)).not.toBeNull();
    other.sessions.forgetToken('nothing'); // (any forgetting does not touch other entries)
    expect(await userBySession(other.deps, token)).not.toBeNull();
  });

  it('forgets at once a logout through this process, and through the other on its notice', async () => {
    const { token } = await signedIn();
    await logout(ctx.deps, token);
    expect(await userBySession(ctx.deps, token)).toBeNull();
    await forgottenByOther(token);
  });

  it.each([
    { change: 'deactivation', statement: 'UPDATE users SET active = false WHERE id = $1' },
    {
      change: 'a role changed by SQL',
      statement:
        "UPDATE users SET role = 'executor', organisation_id = (SELECT min(id) FROM organisations) WHERE id = $1",
    },
    { change: 'sessions ended by SQL', statement: 'DELETE FROM sessions WHERE user_id = $1' },
    { change: 'every session truncated', statement: 'TRUNCATE sessions' },
  ])('forgets the user in every process after $change', async ({ statement }) => {
    const { token, userId } = await signedIn();
    await sql.raw(statement.replace('$1', String(userId))).execute(ctx.deps.db);
    // Signed out, or still signed in with the new role: never the old one.
    await forgottenByOther(token, (actor) => actor === null || actor.role === 'executor');
  });
});
