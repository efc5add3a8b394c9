/**
 * Demo only: maintainers for the imported address registry. No public data links Kharkiv's
 * buildings to the organisations that maintain them (shared/data/README.md), so the demo INVENTS
 * one maintainer company per district — their names say so — gives it every building of its
 * district, and routes the building question types (lift, in-house systems, the house itself) to
 * the building's maintainer. Never used in production: a city loads its real maintainers.
 */
import { readFileSync } from 'node:fs';
import { sql } from 'kysely';
import { type Area, bboxOf } from '../../domain/addresses/geo.js';
import type { Deps } from '../context.js';
import { bumpRegistryVersion } from '../addresses/registry-version.js';

/** Kinds of the classifier whose questions concern one building (Kyiv 1551's kinds). */
const BUILDING_KINDS = [
  'Ліфт',
  'Обслуговування зовнішніх та внутрішньобудинкових систем',
  'Утримання будинку',
];

/**
 * Create the invented maintainers (one per district without one), assign them their district's
 * buildings that have no maintainer, and add the «to the building's maintainer» rules. Idempotent.
 *
 * @returns how many maintainers were created and buildings assigned.
 */
export async function seedDemoMaintainers(
  deps: Deps,
): Promise<{ maintainers: number; buildings: number; rules: number }> {
  return deps.db.transaction().execute(async (trx) => {
    const districts = await trx.selectFrom('districts').select(['id', 'name']).execute();
    let maintainers = 0;
    let buildings = 0;
    for (const d of districts) {
      const name = `ЖЕК «${d.name} житлосервіс» (вигадана демо-компанія)`;
      const key = `demo-maintainer:${d.id}`;
      let org = await trx
        .selectFrom('organisations')
        .select('id')
        .where('match_key', '=', key)
        .executeTakeFirst();
      if (!org) {
        org = await trx
          .insertInto('organisations')
          .values({
            name,
            short_name: `${d.name} житлосервіс`,
            type: 'utility_company',
            match_key: key,
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        maintainers++;
      }
      const updated = await trx
        .updateTable('buildings')
        .set({ maintainer_id: org.id })
        .where('district_id', '=', d.id)
        .where('maintainer_id', 'is', null)
        .executeTakeFirst();
      buildings += Number(updated.numUpdatedRows);
    }
    const rules = await sql<{ id: number }>`
      INSERT INTO address_routing_rules (question_type_id, to_maintainer)
      SELECT qt.id, true
        FROM question_types qt JOIN classifier_kinds k ON k.id = qt.kind_id
       WHERE k.name = ANY(${BUILDING_KINDS}::text[])
      ON CONFLICT DO NOTHING
      RETURNING id`.execute(trx);
    if (buildings > 0) await bumpRegistryVersion(trx);
    return { maintainers, buildings, rules: rules.rows.length };
  });
}

/**
 * The centre of the districts in a GeoJSON file, for the demo's maps: `[lat, lon]`, or null when
 * the file cannot be read.
 */
export function districtsCentre(file: string): [number, number] | null {
  try {
    const features = (JSON.parse(readFileSync(file, 'utf8')) as { features: { geometry: Area }[] })
      .features;
    const boxes = features.map((f) => bboxOf(f.geometry));
    const minLon = Math.min(...boxes.map((b) => b[0]));
    const minLat = Math.min(...boxes.map((b) => b[1]));
    const maxLon = Math.max(...boxes.map((b) => b[2]));
    const maxLat = Math.max(...boxes.map((b) => b[3]));
    if (!Number.isFinite(minLon + minLat + maxLon + maxLat)) return null;
    return [(minLat + maxLat) / 2, (minLon + maxLon) / 2];
  } catch {
    return null;
  }
}
