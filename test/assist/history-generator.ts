/**
 * Generated Ukrainian appeals of known question types, as a city's history for the suggestion
 * model's tests: each appeal joins an opening, a core phrase of its type and a detail, chosen by a
 * seeded random generator (the same seed gives the same appeals). The test phrase «не гріють
 * батареї у квартирі» itself is not among them.
 */
import { sql } from 'kysely';
import { seededRandom } from '../../src/domain/assist/evaluate.js';
import type { Deps } from '../../src/server/context.js';

/** Core phrases per seeded question type name. */
export const HISTORY_PHRASES: Readonly<Record<string, readonly string[]>> = {
  'Відсутність опалення в опалювальний період': [
    'холодні батареї', 'батареї ледь теплі', 'радіатори зовсім холодні', 'в квартирі дуже холодно, опалення немає',
    'батарея в кімнаті холодна', 'не гріє радіатор на кухні', 'опалення так і не дали', 'в будинку не гріє опалення',
  ],
  'Відсутність гарячого водопостачання': [
    'немає гарячої води', 'гарячу воду вимкнули без попередження', 'з крана йде тільки холодна вода',
    'гаряча вода відсутня третій день', 'не йде гаряча вода у ванній',
  ],
  'Відсутність холодного водопостачання': [
    'немає холодної води', 'вода з крана не йде взагалі', 'вимкнули воду в усьому будинку', 'немає води на кухні',
  ],
  'Не працює ліфт': [
    'ліфт не працює', 'ліфт зламався і стоїть', 'ліфт не їде на верхні поверхи', 'кабіна ліфта не відкривається',
  ],
  'Ямковий ремонт проїжджої частини': [
    'велика яма на дорозі', 'вибоїни на проїжджій частині', 'розбита дорога біля зупинки', 'пошкодив колесо в ямі на дорозі',
  ],
  'Несвоєчасне вивезення побутових відходів': [
    'сміття не вивезли', 'контейнери переповнені сміттям', 'тиждень не вивозять сміття', 'сміттєві баки повні, все навколо в смітті',
  ],
  'Не працює вуличне освітлення': [
    'не горять ліхтарі на вулиці', 'на вулиці темно, ліхтар не світить', 'вуличне освітлення не працює',
  ],
  'Порушення тиші в нічний час': [
    'сусіди шумлять вночі', 'гучна музика після опівночі', 'кричать під вікнами вночі',
  ],
}; // prettier-ignore

const OPENINGS = ['Добрий день.', 'Прошу допомогти:', 'Звертаюся повторно,', 'Терміново!', ''];
const DETAILS = [
  'вул. Січових Стрільців, 12',
  'під’їзд 3',
  'вже тиждень',
  'з понеділка',
  'мешканці скаржаться',
  'діти і літні люди',
  '',
];

/**
 * Insert `perType` appeals of each type in {@link HISTORY_PHRASES} (as imported history, closed).
 * @returns the question type id of each name.
 */
export async function insertGeneratedHistory(
  deps: Deps,
  perType: number,
  seed = 13,
): Promise<Map<string, number>> {
  const random = seededRandom(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const types = await deps.db
    .selectFrom('question_types')
    .select(['id', 'name'])
    .where('name', 'in', Object.keys(HISTORY_PHRASES))
    .execute();
  const ids = new Map(types.map((t) => [t.name, t.id]));
  const rows = [];
  let n = 0;
  for (const [name, phrases] of Object.entries(HISTORY_PHRASES)) {
    const questionTypeId = ids.get(name);
    if (questionTypeId === undefined) throw new Error(`No seeded question type «${name}».`);
    for (let i = 0; i < perType; i++) {
      n += 1;
      rows.push({
        number: `1990-${String(n).padStart(6, '0')}`,
        received_at: new Date(Date.UTC(2025, 0, 1 + (n % 300))),
        channel: 'import' as const,
        kind: 'application' as const,
        subject: 'individual' as const,
        question_type_id: questionTypeId,
        description: [pick(OPENINGS), pick(phrases), pick(DETAILS)].join(' ').trim(),
        status: 'closed' as const,
        result: 'done',
        closed_at: new Date(Date.UTC(2025, 0, 2 + (n % 300))),
        source: 'test-history',
        source_id: String(n),
      });
    }
  }
  await deps.db.insertInto('appeals').values(rows).execute();
  await sql`ANALYZE appeals`.execute(deps.db);
  return ids;
}
