/**
 * Activate a deactivated staff user again (issue 14, item 1; ADR 025), with its audit entry in the
 * same transaction; their organisation must still be active, and no session or token comes back.
 */
import type { StaffUserView } from '../../contract/admin.schemas.js';
import type { Deps, UserActor } from '../context.js';
import { writeAudit } from './audit-trail.js';
import { assertOrganisation } from './staff-user-steps.js';
import { loadUser } from './staff-users.queries.js';

/** Activate a user again (no session or token comes back). @throws AppError 404 `user_not_found`. */
export async function reactivateStaffUser(
  deps: Deps,
  actor: UserActor,
  id: number,
): Promise<StaffUserView> {
  const result = await deps.db.transaction().execute(async (trx) => {
    const before = await loadUser(trx, id);
    if (before.organisationId !== null) await assertOrganisation(trx, before.organisationId);
    await trx.updateTable('users').set({ active: true }).where('id', '=', id).execute();
    await writeAudit(trx, deps.now(), actor, {
      action: 'reactivateUser',
      target: `/users/${id}`,
      before: { active: before.active },
      after: { active: true },
    });
    return loadUser(trx, id);
  });
  // Every process forgets the user's sessions (ADR 062); this one at once.
  deps.sessions?.forgetUser(id);
  return result;
}
