import type { Actor, Deps } from '../context.js';
import { conflict, notFound } from '../errors.js';
import { bumpRegistryVersion } from './registry-version.js';
import { recordRegistryEdit } from './registry-keeper-steps.js';

/**
 * Merge two buildings that are one: `fromId` is retired and points at `intoId`; its appeals move
 * to `intoId` (so Art. 8 repeats and duplicates see one house).
 *
 * @throws AppError 404 `building_not_found`, 409 `same_building`, `building_merged`.
 */
export async function mergeBuildings(
  deps: Deps,
  actor: Actor,
  input: { fromId: number; intoId: number },
): Promise<{ movedAppeals: number }> {
  if (input.fromId === input.intoId)
    throw conflict('same_building', 'A building cannot be merged into itself.');
  return deps.db.transaction().execute(async (trx) => {
    const rows = await trx
      .selectFrom('buildings')
      .select(['id', 'active'])
      .where('id', 'in', [input.fromId, input.intoId])
      .forUpdate()
      .execute();
    for (const id of [input.fromId, input.intoId]) {
      const row = rows.find((r) => r.id === id);
      if (!row) throw notFound('building', id);
      if (!row.active)
        throw conflict('building_merged', `Building ${id} was already merged into another one.`);
    }
    await trx
      .updateTable('buildings')
      .set({ active: false, merged_into_id: input.intoId, updated_at: new Date() })
      .where('id', '=', input.fromId)
      .execute();
    // Earlier merges into the retired building now point at the surviving one.
    await trx
      .updateTable('buildings')
      .set({ merged_into_id: input.intoId })
      .where('merged_into_id', '=', input.fromId)
      .execute();
    const moved = await trx
      .updateTable('appeals')
      .set({ building_id: input.intoId })
      .where('building_id', '=', input.fromId)
      .executeTakeFirst();
    const movedAppeals = Number(moved.numUpdatedRows);
    await recordRegistryEdit(trx, deps, actor, {
      entity: 'building',
      entityId: input.fromId,
      action: 'merge',
      before: { active: true, mergedIntoId: null },
      after: { active: false, mergedIntoId: input.intoId, movedAppeals },
    });
    await recordRegistryEdit(trx, deps, actor, {
      entity: 'building',
      entityId: input.intoId,
      action: 'merge',
      before: {},
      after: { mergedFromId: input.fromId, movedAppeals },
    });
    await bumpRegistryVersion(trx);
    return { movedAppeals };
  });
}
