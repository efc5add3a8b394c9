/**
 * The sign-in throttle's store: one row per key in `login_throttle` (migration 0007), so every app
 * process sees the same counts (the rules are `domain/login-throttle.ts`, ADR 017).
 */
import { sql } from 'kysely';
import {
  lockMs,
  THROTTLE_WINDOW_MS,
  throttleKeys,
  type ThrottleScope,
} from '../../domain/login-throttle.js';
import type { Deps } from '../context.js';
import { AppError } from '../errors.js';

/**
 * Refuse a sign-in while any of its keys is locked.
 * @throws AppError 429 `too_many_sign_in_attempts` with `details.retryAfterSeconds`.
 */
export async function assertSignInOpen(deps: Deps, login: string, address: string): Promise<void> {
  const keys = Object.values(throttleKeys(login, address));
  const row = await deps.db
    .selectFrom('login_throttle')
    .select((eb) => eb.fn.max('locked_until').as('until'))
    .where('key', 'in', keys)
    .where('locked_until', '>', deps.now())
    .executeTakeFirst();
  const until = row?.until ? new Date(row.until) : null;
  if (!until) return;
  const seconds = Math.max(1, Math.ceil((until.getTime() - deps.now().getTime()) / 1000));
  throw new AppError(
    'too_many_sign_in_attempts',
    429,
    `Too many failed sign-ins; try again in ${seconds} s.`,
    { retryAfterSeconds: seconds },
  );
}

/** Count a failed sign-in under each key and lock the keys whose count calls for it. */
export async function recordSignInFailure(
  deps: Deps,
  login: string,
  address: string,
): Promise<void> {
  const now = deps.now();
  const windowStart = new Date(now.getTime() - THROTTLE_WINDOW_MS);
  const keys = throttleKeys(login, address);
  for (const scope of Object.keys(keys) as ThrottleScope[]) {
    const row = await deps.db
      .insertInto('login_throttle')
      .values({ key: keys[scope], failures: 1, first_failed_at: now, last_failed_at: now })
      .onConflict((oc) =>
        oc.column('key').doUpdateSet({
          failures: sql<number>`CASE WHEN login_throttle.first_failed_at < ${windowStart}
                                     THEN 1 ELSE login_throttle.failures + 1 END`,
          first_failed_at: sql<Date>`CASE WHEN login_throttle.first_failed_at < ${windowStart}
                                          THEN ${now}::timestamptz ELSE login_throttle.first_failed_at END`,
          last_failed_at: now,
        }),
      )
      .returning('failures')
      .executeTakeFirstOrThrow();
    const wait = lockMs(scope, row.failures);
    if (wait > 0) {
      await deps.db
        .updateTable('login_throttle')
        .set({ locked_until: new Date(now.getTime() + wait) })
        .where('key', '=', keys[scope])
        .execute();
    }
  }
}

/**
 * After a successful sign-in: clear the pair and the login's count, and return what the user is
 * told — how many failed sign-ins there were under their login since the last success, and when
 * the last one was (null when none).
 */
export async function clearAfterSignIn(
  deps: Deps,
  login: string,
  address: string,
): Promise<{ count: number; lastAt: Date } | null> {
  const keys = throttleKeys(login, address);
  const before = await deps.db
    .deleteFrom('login_throttle')
    .where('key', '=', keys.login)
    .returning(['failures', 'last_failed_at'])
    .executeTakeFirst();
  await deps.db.deleteFrom('login_throttle').where('key', '=', keys.pair).execute();
  return before ? { count: before.failures, lastAt: new Date(before.last_failed_at) } : null;
}
