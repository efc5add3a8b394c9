/**
 * A capital's executors: the reference organisations plus generated district-level units (housing
 * maintenance sections, heating and water districts, road, green-space and lighting crews, schools
 * and clinics) under the ten district administrations, up to a target count (about 480 as in Kyiv).
 * Idempotent: names are unique by `match_key`, so a second run adds nothing.
 */
import type { Kysely } from 'kysely';
import { matchKey } from '../../domain/text.js';
import type { OrganisationType } from '../../domain/vocabulary.js';
import type { DB } from '../db/schema.js';

/** The ten districts: the administration's name (as seeded) and the genitive for unit names. */
const DISTRICTS: readonly (readonly [string, string])[] = [
  ['Голосіївська районна державна адміністрація', 'Голосіївського'],
  ['Дарницька районна державна адміністрація', 'Дарницького'],
  ['Деснянська районна державна адміністрація', 'Деснянського'],
  ['Дніпровська районна державна адміністрація', 'Дніпровського'],
  ['Оболонська районна державна адміністрація', 'Оболонського'],
  ['Печерська районна державна адміністрація', 'Печерського'],
  ['Подільська районна державна адміністрація', 'Подільського'],
  ['Святошинська районна державна адміністрація', 'Святошинського'],
  ["Солом'янська районна державна адміністрація", "Солом'янського"],
  ['Шевченківська районна державна адміністрація', 'Шевченківського'],
];

/** Kinds of district unit, in the order they are created, and how many per district. */
const UNITS: readonly { count: number; type: OrganisationType; name: (d: string, n: number) => string }[] = [
  { count: 24, type: 'utility_company', name: (d, n) => `Житлово-експлуатаційна дільниця №${n} ${d} району` },
  { count: 4, type: 'utility_company', name: (d, n) => `Район теплових мереж №${n} ${d} району` },
  { count: 3, type: 'utility_company', name: (d, n) => `Район водопровідної мережі №${n} ${d} району` },
  { count: 2, type: 'utility_company', name: (d, n) => `Шляхово-експлуатаційна дільниця №${n} ${d} району` },
  { count: 2, type: 'utility_company', name: (d, n) => `Дільниця зеленого господарства №${n} ${d} району` },
  { count: 1, type: 'utility_company', name: (d) => `Дільниця зовнішнього освітлення ${d} району` },
  { count: 3, type: 'other', name: (d, n) => `Загальноосвітній навчальний заклад №${n} ${d} району` },
  { count: 2, type: 'other', name: (d, n) => `Центр первинної медичної допомоги №${n} ${d} району` },
  { count: 1, type: 'department', name: (d) => `Управління соціального захисту населення ${d} району` },
  { count: 1, type: 'department', name: (d) => `Управління освіти ${d} району` },
  { count: 1, type: 'department', name: (d) => `Управління житлово-комунального господарства ${d} району` },
]; // prettier-ignore

/**
 * Make sure at least `target` active executor organisations exist (the contact centre and the
 * council are not executors and are not counted).
 *
 * @returns the ids of all active executors, ordered by id.
 */
export async function ensureExecutors(db: Kysely<DB>, target: number): Promise<number[]> {
  const list = async () =>
    (
      await db
        .selectFrom('organisations')
        .select('id')
        .where('active', '=', true)
        .where('type', 'not in', ['contact_centre', 'council'])
        .orderBy('id')
        .execute()
    ).map((r) => r.id);
  let ids = await list();
  if (ids.length >= target) return ids;

  const parents = new Map<string, number>();
  for (const row of await db.selectFrom('organisations').select(['id', 'match_key']).execute()) {
    if (row.match_key) parents.set(row.match_key, row.id);
  }
  const wanted: { name: string; type: OrganisationType; parent: number | null }[] = [];
  for (const unit of UNITS) {
    for (let n = 1; n <= unit.count; n++) {
      for (const [administration, genitive] of DISTRICTS) {
        wanted.push({
          name: unit.name(genitive, n),
          type: unit.type,
          parent: parents.get(matchKey(administration)) ?? null,
        });
      }
    }
  }
  const missing = wanted
    .filter((w) => !parents.has(matchKey(w.name)))
    .slice(0, target - ids.length);
  for (let i = 0; i < missing.length; i += 200) {
    await db
      .insertInto('organisations')
      .values(
        missing.slice(i, i + 200).map((w) => ({
          name: w.name,
          type: w.type,
          parent_id: w.parent,
          match_key: matchKey(w.name),
        })),
      )
      .onConflict((oc) => oc.column('match_key').doNothing())
      .execute();
  }
  ids = await list();
  return ids;
}
