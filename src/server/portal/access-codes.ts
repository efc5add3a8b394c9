/**
 * Access codes of portal submissions and the brute-force lock of tracking.
 *
 * A code is ten characters of Crockford's base 32 (50 bits). Only its argon2id hash is stored (at
 * the cost for machine-made secrets, `hashAccessCode`, ADR 056). When
 * the client sent an Idempotency-Key, the code is derived from the key and a random salt kept in
 * the row (HMAC-SHA-256), so the same request sent again gets the same code back; the key itself is
 * stored only as a SHA-256 hash, so the database alone never yields a code. Without a key the code
 * is random.
 *
 * Tracking attempts are counted per number as typed (whether an appeal has it or not, so the lock
 * tells nothing); too many wrong codes lock the number for a while (`tracking_max_failures` within
 * `tracking_lock_minutes`, settings).
 */
import { createHmac, randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import {
  accessCodeFromBytes,
  afterFailedAttempt,
  formatAccessCode,
  isTrackingLocked,
  normaliseAccessCode,
  type TrackingAttemptState,
  trackingKey,
} from '../../domain/portal.js';
import { hashAccessCode, verifyAccessCode } from '../auth/password.js';
import type { Deps } from '../context.js';
import type { DB } from '../db/schema.js';
import { AppError } from '../errors.js';
import { numberSetting } from '../settings.js';

export interface NewAccessCode {
  /** As shown to the citizen: `ABCDE-FGHJK`. */
  display: string;
  hash: string;
  /** Kept in the row when the code was derived from an idempotency key. */
  salt: string | null;
}

/** The code derived from an idempotency key and a salt (same inputs, same code). */
export function derivedAccessCode(idempotencyKey: string, salt: string): string {
  return accessCodeFromBytes(createHmac('sha256', idempotencyKey).update(salt).digest());
}

/** A new access code: derived from `idempotencyKey` when given, else random. */
export async function newAccessCode(idempotencyKey: string | null): Promise<NewAccessCode> {
  const salt = idempotencyKey ? randomBytes(16).toString('base64url') : null;
  const code =
    idempotencyKey && salt
      ? derivedAccessCode(idempotencyKey, salt)
      : accessCodeFromBytes(randomBytes(16));
  return { display: formatAccessCode(code), hash: await hashAccessCode(code), salt };
}

/** Whether a typed code matches a stored hash (a null hash never matches, in constant work). */
export function accessCodeMatches(hash: string | null, typed: string): Promise<boolean> {
  return verifyAccessCode(hash, normaliseAccessCode(typed));
}

async function lockRules(db: Kysely<DB>) {
  return {
    maxFailures: await numberSetting(db, 'tracking_max_failures', 10),
    lockMinutes: await numberSetting(db, 'tracking_lock_minutes', 30),
  };
}

async function attemptState(db: Kysely<DB>, key: string): Promise<TrackingAttemptState | null> {
  const row = await db
    .selectFrom('tracking_attempts')
    .select(['failures', 'window_started_at', 'locked_until'])
    .where('tracking_key', '=', key)
    .executeTakeFirst();
  return row
    ? {
        failures: row.failures,
        windowStartedAt: row.window_started_at,
        lockedUntil: row.locked_until,
      }
    : null;
}

/**
 * Wrong codes are counted per number and client address: a guesser locks the number for
 * themselves, not for the citizen it belongs to (the per-address request limit bounds guessing
 * from many numbers; a 50-bit code is not found by guessing anyway).
 */
function attemptKey(number: string, client: string): string {
  return `${trackingKey(number)} ${client}`;
}

/**
 * @param client the client's address (`request.ip`).
 * @throws AppError 429 `too_many_attempts` while the number is locked for this client (right code
 *   or not).
 */
export async function assertTrackingNotLocked(
  deps: Deps,
  number: string,
  client: string,
): Promise<void> {
  const state = await attemptState(deps.db, attemptKey(number, client));
  const now = deps.now();
  if (isTrackingLocked(state, now)) {
    const minutes = Math.ceil((state!.lockedUntil!.getTime() - now.getTime()) / 60_000);
    throw new AppError(
      'too_many_attempts',
      429,
      `Too many wrong access codes for this number; try again in ${minutes} minute(s).`,
      { retryAfterSeconds: minutes * 60 },
    );
  }
}

/** Count one wrong code for `number` from `client` (committed on its own, whatever follows). */
export async function recordFailedAttempt(
  deps: Deps,
  number: string,
  client: string,
): Promise<void> {
  const key = attemptKey(number, client);
  await deps.db.transaction().execute(async (trx) => {
    const now = deps.now();
    const row = await trx
      .selectFrom('tracking_attempts')
      .select(['failures', 'window_started_at', 'locked_until'])
      .where('tracking_key', '=', key)
      .forUpdate()
      .executeTakeFirst();
    const next = afterFailedAttempt(
      row
        ? {
            failures: row.failures,
            windowStartedAt: row.window_started_at,
            lockedUntil: row.locked_until,
          }
        : null,
      now,
      await lockRules(trx),
    );
    await trx
      .insertInto('tracking_attempts')
      .values({
        tracking_key: key,
        failures: next.failures,
        window_started_at: next.windowStartedAt,
        locked_until: next.lockedUntil,
      })
      .onConflict((oc) =>
        oc.column('tracking_key').doUpdateSet({
          failures: next.failures,
          window_started_at: next.windowStartedAt,
          locked_until: next.lockedUntil,
        }),
      )
      .execute();
  });
}

/** Forget a client's failures on a number once it gave the right code. */
export async function clearFailedAttempts(
  deps: Deps,
  number: string,
  client: string,
): Promise<void> {
  await deps.db
    .deleteFrom('tracking_attempts')
    .where('tracking_key', '=', attemptKey(number, client))
    .where('locked_until', 'is', null)
    .execute();
}
