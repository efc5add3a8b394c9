import { parseHouseNumber } from '../../domain/addresses/address-normal-form.js';
import type { Actor, Deps } from '../context.js';
import { badRequest, notFound } from '../errors.js';
import { bumpRegistryVersion } from './registry-version.js';
import {
  assertMaintainer,
  changedFields,
  houseWithoutBlock,
  recordRegistryEdit,
} from './registry-keeper-steps.js';

/**
 * Edit a building: its house number and block (re-keyed together), kind, point, district,
 * maintainer. The change and its row in the registry's history are one transaction.
 *
 * @throws AppError 404 `building_not_found`, 400 `bad_house_number`, `unknown_executor`.
 */
export async function updateBuilding(
  deps: Deps,
  actor: Actor,
  id: number,
  input: {
    houseNumber?: string | undefined;
    block?: string | null | undefined;
    kind?: 'residential' | 'other' | undefined;
    latitude?: number | null | undefined;
    longitude?: number | null | undefined;
    districtId?: number | null | undefined;
    maintainerId?: number | null | undefined;
  },
): Promise<void> {
  if (input.maintainerId !== undefined) await assertMaintainer(deps, input.maintainerId);
  await deps.db.transaction().execute(async (trx) => {
    const row = await trx
      .selectFrom('buildings')
      .select([
        'house_number',
        'block',
        'kind',
        'latitude',
        'longitude',
        'district_id',
        'maintainer_id',
      ])
      .where('id', '=', id)
      .forUpdate()
      .executeTakeFirst();
    if (!row) throw notFound('building', id);
    let house: ReturnType<typeof parseHouseNumber> | undefined;
    if (input.houseNumber !== undefined || input.block !== undefined) {
      const number = input.houseNumber ?? houseWithoutBlock(row.house_number, row.block);
      const block = input.block === undefined ? row.block : input.block?.trim() || null;
      const text = block ? `${number} корп. ${block}` : number;
      house = parseHouseNumber(text);
      if (house === null)
        throw badRequest(
          'bad_house_number',
          `«${text}» is not a house number (12, 12-А, 20/2, 7 корп. 3).`,
        );
    }
    const before = {
      houseNumber: row.house_number,
      block: row.block,
      kind: row.kind,
      latitude: row.latitude,
      longitude: row.longitude,
      districtId: row.district_id,
      maintainerId: row.maintainer_id,
    };
    const after = {
      houseNumber: house?.label,
      block: house ? house.block.toUpperCase() || null : undefined,
      kind: input.kind,
      latitude: input.latitude,
      longitude: input.longitude,
      districtId: input.districtId,
      maintainerId: input.maintainerId,
    };
    const changed = changedFields(before, after);
    if (Object.keys(changed.after).length === 0) return;
    await trx
      .updateTable('buildings')
      .set({
        ...(house
          ? {
              house_number: house.label,
              house_key: house.key,
              block: house.block.toUpperCase() || null,
            }
          : {}),
        ...(input.kind ? { kind: input.kind } : {}),
        ...(input.latitude !== undefined ? { latitude: input.latitude } : {}),
        ...(input.longitude !== undefined ? { longitude: input.longitude } : {}),
        ...(input.districtId !== undefined ? { district_id: input.districtId } : {}),
        ...(input.maintainerId !== undefined ? { maintainer_id: input.maintainerId } : {}),
        updated_at: new Date(),
      })
      .where('id', '=', id)
      .execute();
    await recordRegistryEdit(trx, deps, actor, {
      entity: 'building',
      entityId: id,
      action: 'update',
      ...changed,
    });
    await bumpRegistryVersion(trx);
  });
}
