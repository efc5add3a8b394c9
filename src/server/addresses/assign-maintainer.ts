import { sql } from 'kysely';
import { type Actor, actorId, actorLabel, type Deps } from '../context.js';
import { bumpRegistryVersion } from './registry-version.js';
import { assertMaintainer } from './registry-keeper-steps.js';

/**
 * Assign one maintainer to many buildings at once (a selection on the map or in the list).
 *
 * @throws AppError 400 `unknown_executor`.
 */
export async function assignMaintainer(
  deps: Deps,
  actor: Actor,
  input: { buildingIds: number[]; maintainerId: number | null },
): Promise<{ updated: number }> {
  await assertMaintainer(deps, input.maintainerId);
  return deps.db.transaction().execute(async (trx) => {
    // Each building's history row says what its maintainer was (one statement for the lot).
    await sql`INSERT INTO registry_edits (at, actor_id, actor_label, entity, entity_id, action, before, after)
              SELECT ${deps.now()}, ${actorId(actor)}::integer, ${actorLabel(actor)}, 'building', b.id,
                     'maintainer', jsonb_build_object('maintainerId', b.maintainer_id),
                     jsonb_build_object('maintainerId', ${input.maintainerId}::integer)
                FROM buildings b
               WHERE b.id = ANY(${input.buildingIds}::integer[])
                 AND b.maintainer_id IS DISTINCT FROM ${input.maintainerId}::integer`.execute(trx);
    const result = await trx
      .updateTable('buildings')
      .set({ maintainer_id: input.maintainerId, updated_at: new Date() })
      .where('id', 'in', input.buildingIds)
      .executeTakeFirst();
    await bumpRegistryVersion(trx);
    return { updated: Number(result.numUpdatedRows) };
  });
}
