/**
 * Today's appeals by district and question type (issue 18, item 4: the head's map), read from the
 * live counts — the hours since the city's midnight, a few hundred rows of `appeal_hour_counts`,
 * never a scan of `appeals`. Consultations are left out: the map shows where things happen.
 */
import { DateTime } from 'luxon';
import type { TodayByDistrictView } from '../../contract/monitoring.schemas.js';
import type { Deps } from '../context.js';

/**
 * Today's appeals (received since the city's midnight) per district, each with its question
 * types, most first; and the question types of the day, most first.
 *
 * @returns `districts` with `districtId` null for appeals in no known district; `outlined` tells
 *   whether the district has a boundary the map can draw.
 */
export async function todayByDistrict(deps: Deps): Promise<TodayByDistrictView> {
  const db = deps.db;
  const now = deps.now();
  const midnight = DateTime.fromJSDate(now, { zone: deps.config.timeZone }).startOf('day');
  const rows = await db
    .selectFrom('appeal_hour_counts as c')
    .innerJoin('question_types as q', 'q.id', 'c.question_type_id')
    .leftJoin('districts as d', 'd.id', 'c.district_id')
    .select((eb) => [
      'c.district_id',
      'd.name as district',
      'd.name_en as district_en',
      eb('d.boundary', 'is not', null).as('outlined'),
      'c.question_type_id',
      'q.name as question_type',
      'q.name_en as question_type_en',
      eb.fn.sum<string | number>('c.appeals').as('appeals'),
    ])
    .where('c.hour', '>=', midnight.toJSDate())
    .where('c.hour', '<=', now)
    .where('c.kind', '!=', 'consultation')
    .groupBy(['c.district_id', 'd.id', 'c.question_type_id', 'q.id'])
    .execute();

  const districts = new Map<number, TodayByDistrictView['districts'][number]>();
  const types = new Map<number, TodayByDistrictView['questionTypes'][number]>();
  for (const r of rows) {
    const appeals = Number(r.appeals);
    if (appeals === 0) continue;
    let district = districts.get(r.district_id);
    if (!district) {
      district = {
        districtId: r.district_id === 0 ? null : r.district_id,
        district: r.district_id === 0 ? null : r.district,
        districtEn: r.district_id === 0 ? null : r.district_en,
        outlined: r.district_id !== 0 && Boolean(r.outlined),
        appeals: 0,
        byType: [],
      };
      districts.set(r.district_id, district);
    }
    district.appeals += appeals;
    district.byType.push({ questionTypeId: r.question_type_id, appeals });
    const type = types.get(r.question_type_id) ?? {
      questionTypeId: r.question_type_id,
      questionType: r.question_type,
      questionTypeEn: r.question_type_en,
      appeals: 0,
    };
    type.appeals += appeals;
    types.set(r.question_type_id, type);
  }
  const byCount = <T extends { appeals: number }>(a: T, b: T) => b.appeals - a.appeals;
  return {
    since: midnight.toJSDate().toISOString(),
    countedAt: now.toISOString(),
    districts: [...districts.values()]
      .map((d) => ({ ...d, byType: d.byType.sort(byCount) }))
      .sort((a, b) => byCount(a, b) || (a.district ?? '').localeCompare(b.district ?? '', 'uk')),
    questionTypes: [...types.values()].sort(
      (a, b) => byCount(a, b) || a.questionType.localeCompare(b.questionType, 'uk'),
    ),
  };
}
