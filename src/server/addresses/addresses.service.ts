/**
 * Addresses as the contact centre already knows them (until a street register is imported):
 * suggestions for the intake screen.
 */
import { sql } from 'kysely';
import { foldKey } from '../../domain/normal-forms.js';
import type { RoutingReason } from '../../domain/addresses/address-routing.js';
import { routingForAppeal } from '../appeals/route-appeal.js';
import type { Deps } from '../context.js';
import { type AddressFlag, placeAddress } from './place-address.js';
import { nearestBuilding } from './registry-search.js';

/**
 * Addresses already known, matching `q`, most used first (the intake screen's suggestions).
 * Compared folded (`kontakt_fold`, ADR 016): «Солом'ян» suggests «Солом’янська», «Сiчових» with a
 * Latin i suggests «Січових»; the address is shown as it was typed.
 */
export async function suggestAddresses(
  deps: Deps,
  q: string,
  limit = 10,
): Promise<{ address: string; count: number }[]> {
  const pattern = `%${foldKey(q).replace(/[\\%_]/g, '\\$&')}%`;
  const rows = await deps.db
    .selectFrom('appeals')
    .select(['address_text', (eb) => eb.fn.countAll<string>().as('n')])
    .where(sql<string>`kontakt_fold(address_text)`, 'like', pattern)
    .groupBy('address_text')
    .orderBy('n', 'desc')
    .orderBy('address_text')
    .limit(limit)
    .execute();
  return rows.flatMap((r) =>
    r.address_text ? [{ address: r.address_text, count: Number(r.n) }] : [],
  );
}

/**
 * What a point picked on a map names: the nearest building within 150 m and the district whose
 * boundary holds the point; a point in no district is flagged `outside_districts` (accepted).
 */
export async function placePoint(
  deps: Deps,
  latitude: number,
  longitude: number,
): Promise<{
  building: {
    id: number;
    label: string;
    latitude: number | null;
    longitude: number | null;
    distanceMetres: number;
  } | null;
  district: { id: number; name: string } | null;
  flags: AddressFlag[];
}> {
  const place = await placeAddress(deps.db, { latitude, longitude });
  const near = await nearestBuilding(deps.db, latitude, longitude);
  const districtId = place.districtId ?? near?.districtId ?? null;
  const district =
    districtId === null
      ? null
      : ((await deps.db
          .selectFrom('districts')
          .select(['id', 'name'])
          .where('id', '=', districtId)
          .executeTakeFirst()) ?? null);
  return {
    building: near
      ? {
          id: near.id,
          label: near.label,
          latitude: near.latitude,
          longitude: near.longitude,
          distanceMetres: near.distanceMetres,
        }
      : null,
    district,
    flags: place.flags,
  };
}

/** Why an appeal would go where the rules send it now: executor and rule, with names. */
export async function routingOfAppeal(
  deps: Deps,
  appealId: number,
): Promise<{
  executorId: number | null;
  executorName: string | null;
  rule: RoutingReason['rule'];
  districtName: string | null;
}> {
  const routed = await routingForAppeal(deps.db, appealId);
  const executor =
    routed.executorId === null
      ? null
      : await deps.db
          .selectFrom('organisations')
          .select('name')
          .where('id', '=', routed.executorId)
          .executeTakeFirst();
  const districtId =
    routed.reason.rule === 'district' || routed.reason.rule === 'maintainer'
      ? routed.reason.districtId
      : null;
  const district =
    districtId === null
      ? null
      : await deps.db
          .selectFrom('districts')
          .select('name')
          .where('id', '=', districtId)
          .executeTakeFirst();
  return {
    executorId: routed.executorId,
    executorName: executor?.name ?? null,
    rule: routed.reason.rule,
    districtName: district?.name ?? null,
  };
}
