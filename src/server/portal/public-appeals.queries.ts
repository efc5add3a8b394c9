/**
 * What the public sees of appeals (regulation 2.2.6–2.2.7: the portal shows the status and result
 * of every appeal): the list, the map (GeoJSON), districts, question types and statistics.
 *
 * Who is in the public list: appeals not marked confidential (Art. 18), of a public question type,
 * not consultations. What is shown: see `presentPublicAppeal` — never a name, phone, e-mail, flat
 * number or free text. An appeal's district is the district administration of its main executor
 * (the executor itself or its nearest ancestor of that type: view `organisation_districts`).
 */
import { type ExpressionBuilder, type Kysely, sql } from 'kysely';
import { DateTime } from 'luxon';
import { APPEAL_STATUSES, type AppealStatus } from '../../domain/vocabulary.js';
import { registryCity, streetIndex } from '../addresses/registry-search.js';
import type { Deps } from '../context.js';
import { onReader } from '../db/read-replica.js';
import type { AppealsTable, DB } from '../db/schema.js';
import { badRequest } from '../errors.js';
import type {
  PublicAppealsQuery,
  PublicAppealView,
  StatisticsView,
} from '../../contract/portal-appeals.schemas.js';
import type { PublicKindView } from '../../contract/portal.schemas.js';
import { type PublicAppealRow, presentPublicAppeal } from './portal.presenter.js';

/**
 * The latest main assignment of appeal `a` that was not returned as "not in competence": its
 * executor is the one the public and the applicant are shown.
 */
export function latestMainExecutor(eb: ExpressionBuilder<DB & { a: AppealsTable }, 'a'>) {
  return eb
    .selectFrom('assignments as m')
    .select('m.executor_id')
    .whereRef('m.appeal_id', '=', 'a.id')
    .where('m.role', '=', 'main')
    .where('m.state', '!=', 'returned')
    .orderBy('m.id', 'desc')
    .limit(1)
    .as('m');
}

/**
 * Appeals as the public may see them, with the main executor (the latest main assignment not
 * returned as "not in competence") and its district.
 */
export function publicAppealsBase(db: Kysely<DB>) {
  return db
    .selectFrom('appeals as a')
    .innerJoin('question_types as qt', 'qt.id', 'a.question_type_id')
    .innerJoin('classifier_kinds as k', 'k.id', 'qt.kind_id')
    .leftJoinLateral(latestMainExecutor, (join) => join.onTrue())
    .leftJoin('organisations as mo', 'mo.id', 'm.executor_id')
    .leftJoin('organisation_districts as od', 'od.organisation_id', 'm.executor_id')
    .leftJoin('organisations as d', 'd.id', 'od.district_id')
    .leftJoin('districts as rd', 'rd.id', 'a.district_id')
    .where('a.confidential', '=', false)
    .where('a.kind', '!=', 'consultation')
    .where('qt.is_public', '=', true)
    .select([
      'a.id',
      'a.number',
      'a.received_at',
      'a.status',
      'a.result',
      'a.address_text',
      'a.latitude',
      'a.longitude',
      'a.control_date',
      'a.closed_at',
      'a.updated_at',
      'a.channel',
      'qt.id as question_type_id',
      'qt.name as question_type_name',
      'qt.name_en as question_type_name_en',
      'k.id as kind_id',
      'k.name as kind_name',
      'k.name_en as kind_name_en',
      'mo.name as executor_name',
      'd.id as district_id',
      'd.name as district_name',
      'rd.id as registry_district_id',
      'rd.name as registry_district_name',
    ]);
}
type PublicBase = ReturnType<typeof publicAppealsBase>;

function parseBbox(bbox: string): [number, number, number, number] {
  const [minLon, minLat, maxLon, maxLat] = bbox.split(',').map(Number) as [
    number,
    number,
    number,
    number,
  ];
  if (minLon > maxLon || minLat > maxLat) {
    throw badRequest('invalid_bbox', 'bbox is minLon,minLat,maxLon,maxLat with min ≤ max.');
  }
  return [minLon, minLat, maxLon, maxLat];
}

/**
 * Whether the public district filter and answers use the address registry's districts (issue 15:
 * an appeal placed by its building or point) rather than the district administration of the main
 * executor — when the registry has districts.
 */
export async function registryDistrictsInUse(deps: Deps): Promise<boolean> {
  return (await streetIndex(deps.db)).districts.length > 0;
}

function applyPublicFilter(
  q: PublicBase,
  filter: PublicAppealsQuery,
  byRegistry = false,
): PublicBase {
  if (filter.questionTypeId) q = q.where('a.question_type_id', '=', filter.questionTypeId);
  if (filter.kindId) q = q.where('qt.kind_id', '=', filter.kindId);
  if (filter.status) q = q.where('a.status', '=', filter.status);
  if (filter.districtId)
    q = byRegistry
      ? q.where('a.district_id', '=', filter.districtId)
      : q.where('od.district_id', '=', filter.districtId);
  if (filter.bbox) {
    const [minLon, minLat, maxLon, maxLat] = parseBbox(filter.bbox);
    q = q
      .where('a.longitude', '>=', minLon)
      .where('a.longitude', '<=', maxLon)
      .where('a.latitude', '>=', minLat)
      .where('a.latitude', '<=', maxLat);
  }
  return q;
}

function encodeCursor(row: { received_at: Date; id: number }): string {
  return Buffer.from(JSON.stringify([row.received_at.toISOString(), row.id])).toString('base64url');
}

function afterCursor(q: PublicBase, cursor: string): PublicBase {
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    value = null;
  }
  if (
    !Array.isArray(value) ||
    typeof value[0] !== 'string' ||
    Number.isNaN(Date.parse(value[0])) ||
    !Number.isInteger(value[1])
  ) {
    throw badRequest(
      'invalid_cursor',
      'The cursor is not one this server gave; start from the first page.',
    );
  }
  const at = new Date(value[0]);
  const id = value[1] as number;
  return q.where((eb) =>
    eb.or([
      eb('a.received_at', '<', at),
      eb.and([eb('a.received_at', '=', at), eb('a.id', '<', id)]),
    ]),
  );
}

/**
 * One page of public appeals, newest first (keyset: received_at, id — stable across pages).
 * @param onlyWithPoint the map: only appeals with coordinates.
 * @throws AppError 400 `invalid_cursor`, `invalid_bbox`.
 */
export async function listPublicAppeals(
  deps: Deps,
  query: PublicAppealsQuery,
  onlyWithPoint = false,
): Promise<{ items: PublicAppealView[]; nextCursor: string | null }> {
  const byRegistry = await registryDistrictsInUse(deps);
  let q = applyPublicFilter(publicAppealsBase(deps.db), query, byRegistry);
  if (onlyWithPoint) q = q.where('a.latitude', 'is not', null);
  if (query.cursor) q = afterCursor(q, query.cursor);
  const rows = await q
    .orderBy('a.received_at', 'desc')
    .orderBy('a.id', 'desc')
    .limit(query.limit + 1)
    .execute();
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  return {
    items: page.map((r: PublicAppealRow) => presentPublicAppeal(r)),
    nextCursor: rows.length > query.limit && last ? encodeCursor(last) : null,
  };
}

/** The same page as GeoJSON (RFC 7946: coordinates are [longitude, latitude]). */
export async function publicAppealsGeoJson(deps: Deps, query: PublicAppealsQuery) {
  const page = await listPublicAppeals(deps, query, true);
  return {
    type: 'FeatureCollection' as const,
    features: page.items.flatMap(({ location, ...properties }) =>
      location
        ? [
            {
              type: 'Feature' as const,
              geometry: {
                type: 'Point' as const,
                coordinates: [location.lon, location.lat] as [number, number],
              },
              properties,
            },
          ]
        : [],
    ),
    nextCursor: page.nextCursor,
  };
}

/** The districts for the district filter: the registry's when it has some, else the district administrations. */
export async function listDistricts(deps: Deps) {
  if (await registryDistrictsInUse(deps)) {
    const city = await registryCity(deps.db);
    let query = deps.db.selectFrom('districts').select(['id', 'name']);
    if (city) query = query.where('city', '=', city);
    const districts = await query.orderBy('name').execute();
    return districts.map((r) => ({ id: r.id, name: r.name, shortName: null }));
  }
  const rows = await deps.db
    .selectFrom('organisations')
    .select(['id', 'name', 'short_name'])
    .where('type', '=', 'district_administration')
    .where('active', '=', true)
    .orderBy('name')
    .execute();
  return rows.map((r) => ({ id: r.id, name: r.name, shortName: r.short_name }));
}

/** The question types a citizen may choose, grouped by kind in classifier order. */
export async function listPublicQuestionTypes(deps: Deps) {
  const rows = await deps.db
    .selectFrom('question_types as qt')
    .innerJoin('classifier_kinds as k', 'k.id', 'qt.kind_id')
    .select([
      'k.id as kind_id',
      'k.name as kind_name',
      'k.name_en as kind_name_en',
      'qt.id',
      'qt.name',
      'qt.name_en',
      'qt.term_days',
      'qt.is_emergency',
    ])
    .where('qt.active', '=', true)
    .where('qt.is_public', '=', true)
    .where('k.active', '=', true)
    .orderBy('k.position')
    .orderBy('k.id')
    .orderBy('qt.id')
    .execute();
  const kinds = new Map<number, PublicKindView>();
  for (const r of rows) {
    let kind = kinds.get(r.kind_id);
    if (!kind) {
      kind = { id: r.kind_id, name: r.kind_name, nameEn: r.kind_name_en, questionTypes: [] };
      kinds.set(r.kind_id, kind);
    }
    kind.questionTypes.push({
      id: r.id,
      name: r.name,
      nameEn: r.name_en,
      termDays: r.term_days,
      emergency: r.is_emergency,
    });
  }
  return [...kinds.values()];
}

/**
 * Counts of appeals received in the months `from`–`to` (city time), by question type, by status
 * and by month. Every appeal counts (aggregates disclose no one), confidential ones included.
 * Read from the replica when one is configured and keeps up (`onReader`, ADR 054).
 *
 * @throws AppError 400 `invalid_period` (from after to, or more than 60 months).
 */
export async function publicStatistics(
  deps: Deps,
  query: { from?: string | undefined; to?: string | undefined },
): Promise<StatisticsView> {
  const zone = deps.config.timeZone;
  const toMonth = query.to
    ? DateTime.fromFormat(query.to, 'yyyy-MM', { zone })
    : DateTime.fromJSDate(deps.now(), { zone }).startOf('month');
  const fromMonth = query.from
    ? DateTime.fromFormat(query.from, 'yyyy-MM', { zone })
    : toMonth.minus({ months: 11 });
  const months = toMonth.diff(fromMonth, 'months').months;
  if (!fromMonth.isValid || !toMonth.isValid || months < 0 || months > 59) {
    throw badRequest('invalid_period', 'Give from ≤ to, as YYYY-MM, at most 60 months apart.');
  }
  const start = fromMonth.startOf('month').toJSDate();
  const end = toMonth.plus({ months: 1 }).startOf('month').toJSDate();
  const [byType, byStatus, byMonth] = await onReader(deps, (db) => {
    const inPeriod = db
      .selectFrom('appeals as a')
      .where('a.received_at', '>=', start)
      .where('a.received_at', '<', end);
    return Promise.all([
      inPeriod
        .innerJoin('question_types as qt', 'qt.id', 'a.question_type_id')
        .innerJoin('classifier_kinds as k', 'k.id', 'qt.kind_id')
        .select((eb) => [
          'qt.id',
          'qt.name',
          'qt.name_en',
          'k.name as kind_name',
          'k.name_en as kind_name_en',
          eb.fn.countAll<string>().as('n'),
        ])
        .groupBy(['qt.id', 'qt.name', 'qt.name_en', 'k.name', 'k.name_en'])
        .orderBy('n', 'desc')
        .orderBy('qt.id')
        .execute(),
      inPeriod
        .select((eb) => ['a.status', eb.fn.countAll<string>().as('n')])
        .groupBy('a.status')
        .execute(),
      inPeriod
        .select((eb) => [
          sql<string>`to_char(a.received_at AT TIME ZONE ${zone}, 'YYYY-MM')`.as('month'),
          eb.fn.countAll<string>().as('n'),
        ])
        // By position: the month expression carries a parameter, so it cannot be repeated here.
        .groupBy(sql`1`)
        .execute(),
    ]);
  });
  const monthCounts = new Map(byMonth.map((r) => [r.month, Number(r.n)]));
  const allMonths: { month: string; count: number }[] = [];
  for (let m = fromMonth.startOf('month'); m <= toMonth; m = m.plus({ months: 1 })) {
    const key = m.toFormat('yyyy-MM');
    allMonths.push({ month: key, count: monthCounts.get(key) ?? 0 });
  }
  const statusCounts = new Map(byStatus.map((r) => [r.status, Number(r.n)]));
  return {
    from: fromMonth.toFormat('yyyy-MM'),
    to: toMonth.toFormat('yyyy-MM'),
    total: allMonths.reduce((sum, m) => sum + m.count, 0),
    byQuestionType: byType.map((r) => ({
      questionType: { id: r.id, name: r.name, nameEn: r.name_en },
      kind: r.kind_name,
      kindEn: r.kind_name_en,
      count: Number(r.n),
    })),
    byStatus: APPEAL_STATUSES.map((status: AppealStatus) => ({
      status,
      count: statusCounts.get(status) ?? 0,
    })),
    byMonth: allMonths,
  };
}
