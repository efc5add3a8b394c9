/**
 * An administrator resets a staff user's password (issue 14, item 1; ADR 025): a one-time password,
 * returned once and stored only as a hash; the user must change it at the next sign-in and their
 * sessions end, with the audit entry in the same transaction.
 */
import type { StaffUserView } from '../../contract/admin.schemas.js';
import type { Deps, UserActor } from '../context.js';
import { hashPassword } from '../auth/password.js';
import { writeAudit } from './audit-trail.js';
import { oneTimePassword } from './staff-passwords.js';
import { loadUser } from './staff-users.queries.js';

/**
 * Reset a user's password to a one-time password (returned once, never stored in plain or
 * logged); the user must change it at the next sign-in; their sessions end.
 * @throws AppError 404 `user_not_found`.
 */
export async function resetStaffPassword(
  deps: Deps,
  actor: UserActor,
  id: number,
): Promise<{ user: StaffUserView; oneTimePassword: string }> {
  const password = oneTimePassword();
  const passwordHash = await hashPassword(password);
  const result = await deps.db.transaction().execute(async (trx) => {
    await loadUser(trx, id);
    await trx
      .updateTable('users')
      .set({
        password_hash: passwordHash,
        must_change_password: true,
        password_changed_at: deps.now(),
      })
      .where('id', '=', id)
      .execute();
    const sessions = await trx.deleteFrom('sessions').where('user_id', '=', id).executeTakeFirst();
    await writeAudit(trx, deps.now(), actor, {
      action: 'resetPassword',
      target: `/users/${id}`,
      after: { mustChangePassword: true },
      data: { sessionsEnded: Number(sessions.numDeletedRows) },
    });
    return { user: await loadUser(trx, id), oneTimePassword: password };
  });
  // Every process forgets the user's sessions (ADR 062); this one at once.
  deps.sessions?.forgetUser(id);
  return result;
}
