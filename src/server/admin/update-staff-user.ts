/**
 * Change a staff user's name, contacts, role or organisation (issue 14, item 1; ADR 025), with its
 * audit entry (before and after) in the same transaction; the last active administrator is never
 * demoted.
 */
import type { StaffUserChange, StaffUserView } from '../../contract/admin.schemas.js';
import type { Deps, UserActor } from '../context.js';
import { badRequest } from '../errors.js';
import { writeAudit } from './audit-trail.js';
import { assertNotLastAdministrator, assertOrganisation, auditable } from './staff-user-steps.js';
import { loadUser } from './staff-users.queries.js';

/**
 * Change a user's name, contacts, role or organisation.
 * @throws AppError 404 `user_not_found`; 400 `organisation_required`, `unknown_organisation`;
 *   409 `last_administrator` (the last administrator's role changed).
 */
export async function updateStaffUser(
  deps: Deps,
  actor: UserActor,
  id: number,
  change: StaffUserChange,
): Promise<StaffUserView> {
  const result = await deps.db.transaction().execute(async (trx) => {
    const before = await loadUser(trx, id);
    const role = change.role ?? before.role;
    const organisationId =
      change.organisationId === undefined ? before.organisationId : change.organisationId;
    if (role === 'executor' && organisationId === null)
      throw badRequest('organisation_required', 'An executor user must belong to an organisation.');
    if (change.organisationId !== undefined && change.organisationId !== before.organisationId)
      await assertOrganisation(trx, organisationId);
    if (before.role === 'administrator' && role !== 'administrator' && before.active)
      await assertNotLastAdministrator(trx, id);
    await trx
      .updateTable('users')
      .set({
        ...(change.fullName !== undefined ? { full_name: change.fullName } : {}),
        ...(change.email !== undefined ? { email: change.email } : {}),
        ...(change.phone !== undefined ? { phone: change.phone } : {}),
        role,
        organisation_id: organisationId,
      })
      .where('id', '=', id)
      .execute();
    const after = await loadUser(trx, id);
    await writeAudit(trx, deps.now(), actor, {
      action: 'updateUser',
      target: `/users/${id}`,
      before: auditable(before),
      after: auditable(after),
    });
    return after;
  });
  // Every process forgets the user's sessions (ADR 062); this one at once.
  deps.sessions?.forgetUser(id);
  return result;
}
