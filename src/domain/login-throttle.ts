/**
 * Sign-in throttling (issue 11, item 9; ADR 017): how long sign-in waits after failures, per key.
 *
 * - **login + client address** (the guesser at one address): from the 3rd failure in a row each
 *   failure closes sign-in for 2, 4, 8 … seconds (slowing down), up to an hour (locked);
 * - **client address** (one address trying many logins): 20 failures lock it for 15 minutes;
 * - **login** (many addresses trying one login): 10 failures lock the login for 5 minutes at
 *   most — short on purpose, so that a stranger cannot keep a real user out for long.
 *
 * Failures count within a window of an hour from the first one; a successful sign-in clears the
 * pair. Pure: the store (PostgreSQL, shared by every process) is `server/auth/login-throttle.ts`.
 */

export type ThrottleScope = 'pair' | 'address' | 'login';

/** The counting window: failures older than this start the count again. */
export const THROTTLE_WINDOW_MS = 60 * 60_000;

interface ScopeRule {
  /** Failures before the first wait. */
  free: number;
  /** Wait after the failure that reaches `free + 1`, then doubling; at most `maxMs`. */
  firstMs: number;
  maxMs: number;
}

export const THROTTLE_RULES: Record<ThrottleScope, ScopeRule> = {
  pair: { free: 2, firstMs: 2_000, maxMs: 60 * 60_000 },
  address: { free: 19, firstMs: 15 * 60_000, maxMs: 15 * 60_000 },
  login: { free: 9, firstMs: 5 * 60_000, maxMs: 5 * 60_000 },
};

/**
 * How long sign-in under a key stays closed after its `failures`-th failure (ms; 0 = open).
 * `lockMs('pair', 3)` = 2 s, `lockMs('pair', 4)` = 4 s, … `lockMs('pair', 25)` = 1 h.
 */
export function lockMs(scope: ThrottleScope, failures: number): number {
  const rule = THROTTLE_RULES[scope];
  const over = failures - rule.free;
  if (over <= 0) return 0;
  return Math.min(rule.maxMs, rule.firstMs * 2 ** Math.min(over - 1, 30));
}

/** The keys of one attempt: login (lower case, trimmed) and client address. */
export function throttleKeys(login: string, address: string): Record<ThrottleScope, string> {
  const name = login.trim().toLowerCase();
  return { pair: `pair:${name}|${address}`, address: `address:${address}`, login: `login:${name}` };
}
