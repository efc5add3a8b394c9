import { streetKey } from '../../domain/addresses/address-normal-form.js';
import type { Actor, Deps } from '../context.js';
import { badRequest, notFound } from '../errors.js';
import { bumpRegistryVersion } from './registry-version.js';
import { streetsByIds, type StreetView } from './registry-keeper.queries.js';
import { recordRegistryEdit } from './registry-keeper-steps.js';

/**
 * Rename a street: the new name becomes current; the old one stays as a former name valid until
 * `date` (the day of the council's decision), so callers who still say it are understood.
 *
 * @throws AppError 404 `street_not_found`, 400 `same_name`.
 */
export async function renameStreet(
  deps: Deps,
  actor: Actor,
  streetId: number,
  input: { name: string; type?: string | null | undefined; date: string },
): Promise<StreetView> {
  await deps.db.transaction().execute(async (trx) => {
    const street = await trx
      .selectFrom('streets')
      .select(['id', 'type', 'name'])
      .where('id', '=', streetId)
      .forUpdate()
      .executeTakeFirst();
    if (!street) throw notFound('street', streetId);
    const parsed = streetKey(input.name);
    const type = input.type === undefined ? (parsed.type ?? street.type) : input.type;
    const bare = parsed.type ? input.name.trim().replace(/^\S+\s+/, '') : input.name.trim();
    if (parsed.key === streetKey(street.name).key)
      throw badRequest('same_name', 'The new name is the street’s current name.');
    // The current name becomes former (valid until the date); a former name equal to the new one
    // is taken back as current.
    await trx
      .deleteFrom('street_names')
      .where('street_id', '=', streetId)
      .where('is_current', '=', false)
      .where('name_key', '=', parsed.key)
      .execute();
    await trx
      .deleteFrom('street_names')
      .where('street_id', '=', streetId)
      .where('is_current', '=', false)
      .where('name_key', '=', streetKey(street.name).key)
      .execute();
    await trx
      .updateTable('street_names')
      .set({ is_current: false, valid_to: input.date })
      .where('street_id', '=', streetId)
      .where('is_current', '=', true)
      .execute();
    await trx
      .insertInto('street_names')
      .values({
        street_id: streetId,
        type,
        name: bare,
        name_key: parsed.key,
        is_current: true,
        valid_from: input.date,
      })
      .execute();
    await trx
      .updateTable('streets')
      .set({ name: bare, type, updated_at: new Date() })
      .where('id', '=', streetId)
      .execute();
    await recordRegistryEdit(trx, deps, actor, {
      entity: 'street',
      entityId: streetId,
      action: 'rename',
      before: { type: street.type, name: street.name },
      after: { type, name: bare, date: input.date },
    });
    await bumpRegistryVersion(trx);
  });
  return (await streetsByIds(deps, [streetId]))[0]!;
}
