/**
 * Sign-in by password (session cookie) and API tokens for machine clients.
 * Only SHA-256 hashes of session and API tokens are stored; the plain token is shown once.
 */
import { randomBytes } from 'node:crypto';
import type { Role } from '../../domain/vocabulary.js';
import type { Deps, UserActor } from '../context.js';
import { AppError } from '../errors.js';
import { assertSignInOpen, clearAfterSignIn, recordSignInFailure } from './login-throttle.js';
import { verifyPassword } from './password.js';
import { sha256 } from '../sha256.js';

/** The stored form of a session token (its SHA-256). */
export const sessionTokenHash = (token: string): string => sha256(token);
const newToken = (prefix: string): string => `${prefix}_${randomBytes(32).toString('base64url')}`;

function toActor(row: {
  id: number;
  login: string;
  full_name: string;
  role: Role;
  organisation_id: number | null;
  must_change_password: boolean;
}): UserActor {
  return {
    kind: 'user',
    id: row.id,
    login: row.login,
    fullName: row.full_name,
    role: row.role,
    organisationId: row.organisation_id,
    mustChangePassword: row.must_change_password,
  };
}

const USER_COLUMNS = [
  'users.id',
  'users.login',
  'users.full_name',
  'users.role',
  'users.organisation_id',
  'users.must_change_password',
] as const;

/**
 * Check a login and password and open a session.
 *
 * Failures are throttled per login, per client address and per both (`login-throttle.ts`, shared
 * by every process through the database).
 *
 * @returns the plain session token (for the cookie), its expiry, the user, and the failed sign-ins
 *   under this login since the last success (to tell the user), or null.
 * @throws AppError 401 `invalid_credentials` for an unknown login, a wrong password or a disabled user.
 * @throws AppError 429 `too_many_sign_in_attempts` while the login or the address is locked.
 */
export async function login(
  deps: Deps,
  input: { login: string; password: string },
  clientAddress = 'unknown',
): Promise<{
  token: string;
  expiresAt: Date;
  user: UserActor;
  failedSignIns: { count: number; lastAt: Date } | null;
}> {
  await assertSignInOpen(deps, input.login, clientAddress);
  const row = await deps.db
    .selectFrom('users')
    .select([...USER_COLUMNS, 'users.password_hash', 'users.active'])
    .where((eb) => eb(eb.fn('lower', ['login']), '=', input.login.trim().toLowerCase()))
    .executeTakeFirst();
  const ok = await verifyPassword(row?.active ? row.password_hash : null, input.password);
  if (!row || !ok) {
    await recordSignInFailure(deps, input.login, clientAddress);
    throw new AppError('invalid_credentials', 401, 'Wrong login or password.');
  }
  const failedSignIns = await clearAfterSignIn(deps, input.login, clientAddress);
  const token = newToken('ks');
  const expiresAt = new Date(deps.now().getTime() + deps.config.sessionHours * 3600_000);
  await deps.db
    .insertInto('sessions')
    .values({ token_hash: sha256(token), user_id: row.id, expires_at: expiresAt })
    .execute();
  return { token, expiresAt, user: toActor(row), failedSignIns };
}

/**
 * The staff member with `login`, as an actor (scripts and benchmarks act as a user without signing in).
 * @throws Error when no such user exists.
 */
export async function actorByLogin(deps: Deps, login: string): Promise<UserActor> {
  const row = await deps.db
    .selectFrom('users')
    .select(USER_COLUMNS)
    .where('users.login', '=', login)
    .executeTakeFirstOrThrow();
  return toActor(row);
}

/** End a session (logging out twice is harmless). */
export async function logout(deps: Deps, token: string): Promise<void> {
  const hash = sha256(token);
  await deps.db.deleteFrom('sessions').where('token_hash', '=', hash).execute();
  deps.sessions?.forgetToken(hash);
}

/**
 * The active user of a session token, or null when it is unknown or expired. With the process's
 * session cache (ADR 062) a token read within the last seconds is answered from memory; any change
 * of the user or of their sessions, in any process, empties it for that user.
 */
export async function userBySession(deps: Deps, token: string): Promise<UserActor | null> {
  const hash = sha256(token);
  const now = deps.now();
  const cached = deps.sessions?.get(hash, now);
  if (cached) return cached;
  const mark = deps.sessions?.mark();
  const row = await deps.db
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.user_id')
    .select([...USER_COLUMNS, 'sessions.expires_at'])
    .where('sessions.token_hash', '=', hash)
    .where('sessions.expires_at', '>', now)
    .where('users.active', '=', true)
    .executeTakeFirst();
  if (!row) return null;
  const actor = toActor(row);
  if (mark !== undefined) deps.sessions?.put(hash, actor, row.expires_at, now, mark);
  return actor;
}

/**
 * Issue an API token for `userId`; the token acts with that user's role and organisation.
 *
 * @returns the plain token (`kt_…`), shown once.
 */
export async function createApiToken(
  deps: Deps,
  userId: number,
  name: string,
): Promise<{ id: number; name: string; token: string }> {
  const token = newToken('kt');
  const row = await deps.db
    .insertInto('api_tokens')
    .values({ user_id: userId, name, token_hash: sha256(token) })
    .returning(['id', 'name'])
    .executeTakeFirstOrThrow();
  return { ...row, token };
}

/** Revoke one of a user's API tokens. @throws AppError 404 `api_token_not_found`. */
export async function revokeApiToken(deps: Deps, userId: number, id: number): Promise<void> {
  const result = await deps.db
    .updateTable('api_tokens')
    .set({ revoked_at: deps.now() })
    .where('id', '=', id)
    .where('user_id', '=', userId)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  if (result.numUpdatedRows === 0n) {
    throw new AppError('api_token_not_found', 404, `No active API token with id ${id}.`);
  }
}

/** The active user of an API token, or null. */
export async function userByApiToken(deps: Deps, token: string): Promise<UserActor | null> {
  const row = await deps.db
    .selectFrom('api_tokens')
    .innerJoin('users', 'users.id', 'api_tokens.user_id')
    .select([...USER_COLUMNS, 'api_tokens.id as token_id'])
    .where('api_tokens.token_hash', '=', sha256(token))
    .where('api_tokens.revoked_at', 'is', null)
    .where('users.active', '=', true)
    .executeTakeFirst();
  if (!row) return null;
  await deps.db
    .updateTable('api_tokens')
    .set({ last_used_at: deps.now() })
    .where('id', '=', row.token_id)
    .execute();
  return toActor(row);
}
