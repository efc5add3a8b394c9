/**
 * Dismissing a mass appeal (issue 16, item 4; ADR 035): a controller dismisses a proposed group; its
 * appeals go on one by one, each with its own executor, and are not proposed again.
 */
import type { MassAppealView } from '../../contract/mass-appeals.schemas.js';
import type { Deps, UserActor } from '../context.js';
import { conflict, notFound } from '../errors.js';
import { getMassAppeal } from './mass-appeals.queries.js';

/**
 * The controller dismisses a proposal: its appeals go on one by one (and are not proposed again).
 * Dismissing a dismissed one answers it unchanged. @throws 409 `mass_appeal_confirmed`.
 */
export async function dismissMassAppeal(
  deps: Deps,
  actor: UserActor,
  id: number,
): Promise<MassAppealView> {
  return deps.db.transaction().execute(async (trx) => {
    const group = await trx
      .selectFrom('mass_appeals')
      .select(['id', 'status'])
      .where('id', '=', id)
      .forUpdate()
      .executeTakeFirst();
    if (!group) throw notFound('mass_appeal', id);
    if (group.status === 'confirmed')
      throw conflict('mass_appeal_confirmed', 'The group is confirmed and is worked as one.');
    if (group.status === 'proposed')
      await trx
        .updateTable('mass_appeals')
        .set({ status: 'dismissed', decided_at: deps.now(), decided_by: actor.id })
        .where('id', '=', id)
        .execute();
    return getMassAppeal(deps, id, trx);
  });
}
