/**
 * A signed-in user changes their own password (issue 14; ADR 025), also the way out of a reset: the
 * current password verified, the new one checked by NIST SP 800-63B, the user's other sessions
 * ended, with the audit entry in the same transaction.
 */
import type { Deps, UserActor } from '../context.js';
import { AppError, badRequest } from '../errors.js';
import { hashPassword, verifyPassword } from '../auth/password.js';
import { writeAudit } from './audit-trail.js';
import { assertPasswordAcceptable } from './staff-passwords.js';

/**
 * The signed-in user changes their own password (also the way out of a reset).
 * Other sessions of the user end; this one stays.
 * @throws AppError 400 `wrong_current_password`, a password refusal, `password_unchanged`.
 */
export async function changeOwnPassword(
  deps: Deps,
  user: UserActor,
  input: { currentPassword: string; newPassword: string },
  keepSessionHash: string | null,
): Promise<void> {
  const row = await deps.db
    .selectFrom('users')
    .select(['password_hash', 'login', 'full_name'])
    .where('id', '=', user.id)
    .executeTakeFirstOrThrow();
  if (!(await verifyPassword(row.password_hash, input.currentPassword)))
    throw new AppError('wrong_current_password', 400, 'The current password is wrong.');
  if (input.currentPassword === input.newPassword)
    throw badRequest('password_unchanged', 'The new password must differ from the current one.');
  assertPasswordAcceptable(input.newPassword, { login: row.login, fullName: row.full_name });
  const passwordHash = await hashPassword(input.newPassword);
  await deps.db.transaction().execute(async (trx) => {
    await trx
      .updateTable('users')
      .set({
        password_hash: passwordHash,
        must_change_password: false,
        password_changed_at: deps.now(),
      })
      .where('id', '=', user.id)
      .execute();
    let others = trx.deleteFrom('sessions').where('user_id', '=', user.id);
    if (keepSessionHash) others = others.where('token_hash', '!=', keepSessionHash);
    await others.execute();
    await writeAudit(trx, deps.now(), user, {
      action: 'changeOwnPassword',
      target: `/users/${user.id}`,
      after: { mustChangePassword: false },
    });
  });
  // Every process forgets the user's sessions (ADR 062); this one at once.
  deps.sessions?.forgetUser(user.id);
}
