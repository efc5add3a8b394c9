/**
 * Staff users: creation by an administrator (or the CLI), lookup, listing.
 */
import { ROLES, type Role } from '../../domain/vocabulary.js';
import type { Deps } from '../context.js';
import { badRequest, conflict } from '../errors.js';
import { hashPassword } from '../auth/password.js';
import { assertPasswordAcceptable } from '../admin/staff-passwords.js';
import { newUserSchema, type NewUser } from '../../contract/users.schemas.js';

export interface UserView {
  id: number;
  login: string;
  fullName: string;
  email: string | null;
  role: (typeof ROLES)[number];
  organisationId: number | null;
  active: boolean;
}

/**
 * Create a staff user with an argon2id password hash.
 *
 * @throws AppError 400 `organisation_required` (an executor without organisation),
 *   400 `unknown_organisation`, 409 `login_taken`.
 */
export async function createUser(deps: Deps, input: NewUser): Promise<UserView> {
  const user = newUserSchema.parse(input);
  const organisationId = user.organisationId ?? null;
  assertPasswordAcceptable(user.password, user);
  if (user.role === 'executor' && organisationId === null) {
    throw badRequest(
      'organisation_required',
      'An executor user must belong to an organisation: give organisationId (--org on the command line).',
    );
  }
  if (organisationId !== null) {
    const org = await deps.db
      .selectFrom('organisations')
      .select('id')
      .where('id', '=', organisationId)
      .executeTakeFirst();
    if (!org)
      throw badRequest('unknown_organisation', `No organisation with id ${organisationId}.`);
  }
  const taken = await deps.db
    .selectFrom('users')
    .select('id')
    .where((eb) => eb(eb.fn('lower', ['login']), '=', user.login.toLowerCase()))
    .executeTakeFirst();
  if (taken) throw conflict('login_taken', `The login "${user.login}" is already taken.`);

  const row = await deps.db
    .insertInto('users')
    .values({
      login: user.login,
      full_name: user.fullName,
      email: user.email ?? null,
      role: user.role,
      organisation_id: organisationId,
      password_hash: await hashPassword(user.password),
    })
    .returning(['id', 'login', 'full_name', 'email', 'role', 'organisation_id', 'active'])
    .executeTakeFirstOrThrow()
    .catch((error: unknown) => {
      if ((error as { code?: string }).code === '23505') {
        throw conflict('login_taken', `The login "${user.login}" is already taken.`);
      }
      throw error;
    });
  return presentUser(row);
}

export function presentUser(row: {
  id: number;
  login: string;
  full_name: string;
  email: string | null;
  role: Role;
  organisation_id: number | null;
  active: boolean;
}): UserView {
  return {
    id: row.id,
    login: row.login,
    fullName: row.full_name,
    email: row.email,
    role: row.role,
    organisationId: row.organisation_id,
    active: row.active,
  };
}

/** All users, by login. */
export async function listUsers(deps: Deps): Promise<UserView[]> {
  const rows = await deps.db
    .selectFrom('users')
    .select(['id', 'login', 'full_name', 'email', 'role', 'organisation_id', 'active'])
    .orderBy('login')
    .execute();
  return rows.map(presentUser);
}

// Deactivation: `admin/deactivate-staff-user.ts` (`deactivateStaffUser`; the last administrator kept).
