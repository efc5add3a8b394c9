/**
 * Deactivate a staff user (issue 14, item 1; ADR 025). The user's sessions are deleted and their
 * API tokens revoked in the same transaction as the audit entry. Tokens are checked against the
 * database on every request; sessions are remembered a few seconds per process and forgotten on the
 * change's notice (ADR 062): signed out at once on this process, on the others as the notice
 * arrives (milliseconds; at most 5 s should a process's listener be reconnecting). The last active
 * administrator is never deactivated (409 `last_administrator`).
 */
import type { StaffUserView } from '../../contract/admin.schemas.js';
import type { Deps, UserActor } from '../context.js';
import { conflict } from '../errors.js';
import { writeAudit } from './audit-trail.js';
import { assertNotLastAdministrator } from './staff-user-steps.js';
import { loadUser } from './staff-users.queries.js';

const OPEN_ASSIGNMENT_STATES = ['pending', 'in_work', 'responded', 'rework'] as const;

/**
 * Deactivate a user: sessions deleted, API tokens revoked (for good), in one transaction with the
 * audit entry; the answer counts the open assignments of their organisation that no active user
 * of it is left to work (to reassign).
 *
 * @throws AppError 404 `user_not_found`; 409 `last_administrator`, `cannot_deactivate_self`.
 */
export async function deactivateStaffUser(
  deps: Deps,
  actor: UserActor | null,
  id: number,
): Promise<{
  user: StaffUserView;
  sessionsEnded: number;
  tokensRevoked: number;
  orphanedAssignments: number;
  openWork: { appealId: number; number: string }[];
  duties: { executorIds: number[]; queues: string[] };
}> {
  if (actor && actor.id === id)
    throw conflict('cannot_deactivate_self', 'You cannot deactivate your own account.');
  const result = await deps.db.transaction().execute(async (trx) => {
    const before = await loadUser(trx, id);
    if (before.role === 'administrator') await assertNotLastAdministrator(trx, id);
    await trx.updateTable('users').set({ active: false }).where('id', '=', id).execute();
    const sessions = await trx.deleteFrom('sessions').where('user_id', '=', id).executeTakeFirst();
    const tokens = await trx
      .updateTable('api_tokens')
      .set({ revoked_at: deps.now() })
      .where('user_id', '=', id)
      .where('revoked_at', 'is', null)
      .executeTakeFirst();
    let orphanedAssignments = 0;
    let openWork: { appealId: number; number: string }[] = [];
    if (before.organisationId !== null && before.role === 'executor') {
      const others = await trx
        .selectFrom('users')
        .select('id')
        .where('organisation_id', '=', before.organisationId)
        .where('role', '=', 'executor')
        .where('active', '=', true)
        .executeTakeFirst();
      if (!others) {
        const open = await trx
          .selectFrom('assignments')
          .select((eb) => eb.fn.countAll<string>().as('n'))
          .where('executor_id', '=', before.organisationId)
          .where('state', 'in', OPEN_ASSIGNMENT_STATES)
          .executeTakeFirstOrThrow();
        orphanedAssignments = Number(open.n);
        openWork = (
          await trx
            .selectFrom('assignments as s')
            .innerJoin('appeals as a', 'a.id', 's.appeal_id')
            .select(['a.id as appealId', 'a.number'])
            .where('s.executor_id', '=', before.organisationId)
            .where('s.state', 'in', OPEN_ASSIGNMENT_STATES)
            .orderBy('s.control_date')
            .limit(50)
            .execute()
        ).map((w) => ({ appealId: w.appealId, number: w.number }));
      }
    }
    const after = await loadUser(trx, id);
    // Issue 14: the duties they held (controllers' executors, operators' queues) fall uncovered.
    const watched = await trx
      .selectFrom('controller_duties')
      .select('executor_id')
      .where('controller_id', '=', id)
      .execute();
    const queues = await trx
      .selectFrom('operator_duties')
      .select('queue')
      .where('user_id', '=', id)
      .execute();
    const result = {
      user: after,
      sessionsEnded: Number(sessions.numDeletedRows),
      tokensRevoked: Number(tokens.numUpdatedRows),
      orphanedAssignments,
      openWork,
      duties: {
        executorIds: watched.map((w) => w.executor_id),
        queues: queues.map((q) => q.queue),
      },
    };
    if (actor) {
      await writeAudit(trx, deps.now(), actor, {
        action: 'deactivateUser',
        target: `/users/${id}`,
        before: { active: before.active },
        after: { active: false },
        data: {
          sessionsEnded: result.sessionsEnded,
          tokensRevoked: result.tokensRevoked,
          orphanedAssignments,
        },
      });
    }
    return result;
  });
  // Every process forgets the user's sessions (ADR 062); this one at once.
  deps.sessions?.forgetUser(id);
  return result;
}
