/**
 * Create a staff user (issue 14, item 1; ADR 025): the password checked by NIST SP 800-63B, the
 * login unique regardless of case, the user and its audit entry written in one transaction.
 */
import type { NewStaffUser, StaffUserView } from '../../contract/admin.schemas.js';
import type { Deps, UserActor } from '../context.js';
import { badRequest, conflict } from '../errors.js';
import { hashPassword } from '../auth/password.js';
import { writeAudit } from './audit-trail.js';
import { assertPasswordAcceptable } from './staff-passwords.js';
import { auditable, assertOrganisation } from './staff-user-steps.js';
import { loadUser } from './staff-users.queries.js';

/**
 * Create a staff user. @throws AppError 400 `organisation_required`, `unknown_organisation`,
 * `organisation_inactive`, a password refusal; 409 `login_taken`.
 */
export async function createStaffUser(
  deps: Deps,
  actor: UserActor,
  input: NewStaffUser,
): Promise<StaffUserView> {
  const organisationId = input.organisationId ?? null;
  if (input.role === 'executor' && organisationId === null)
    throw badRequest('organisation_required', 'An executor user must belong to an organisation.');
  assertPasswordAcceptable(input.password, input);
  const passwordHash = await hashPassword(input.password);
  return deps.db.transaction().execute(async (trx) => {
    await assertOrganisation(trx, organisationId);
    const taken = await trx
      .selectFrom('users')
      .select('id')
      .where((eb) => eb(eb.fn('lower', ['login']), '=', input.login.toLowerCase()))
      .executeTakeFirst();
    if (taken) throw conflict('login_taken', `The login "${input.login}" is already taken.`);
    const row = await trx
      .insertInto('users')
      .values({
        login: input.login,
        full_name: input.fullName,
        email: input.email ?? null,
        phone: input.phone ?? null,
        role: input.role,
        organisation_id: organisationId,
        password_hash: passwordHash,
        password_changed_at: deps.now(),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const user = await loadUser(trx, row.id);
    await writeAudit(trx, deps.now(), actor, {
      action: 'createUser',
      target: `/users/${user.id}`,
      before: null,
      after: auditable(user),
    });
    return user;
  });
}
