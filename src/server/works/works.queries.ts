/**
 * The works registry's reads (issue 16, ADR 035): an entry's staff and public views, the staff
 * list, an entry's history, the portal's map list and the works report.
 */
import { type Kysely, sql } from 'kysely';
import type {
  PublicWorkMapView,
  PublicWorkView,
  WorkArea,
  WorkView,
} from '../../contract/works.schemas.js';
import type { Deps } from '../context.js';
import type { DB } from '../db/schema.js';
import { notFound } from '../errors.js';

type Db = Kysely<DB>;
type WorkRow = Awaited<ReturnType<typeof loadRow>>;

export function loadRow(db: Db, id: number) {
  return db.selectFrom('works').selectAll().where('id', '=', id).executeTakeFirst();
}

export function publicView(row: NonNullable<WorkRow>): PublicWorkView {
  return {
    id: row.id,
    kind: row.kind,
    service: row.service as PublicWorkView['service'],
    status: row.status,
    startsAt: row.starts_at.toISOString(),
    expectedEndAt: row.expected_end_at.toISOString(),
    publicTextUk: row.public_text_uk,
    publicTextEn: row.public_text_en,
    organisationName: row.organisation_name,
  };
}

/** An entry's public view by id (closed ones too: an appeal card or tracking shows its linked entry). */
export async function publicWorkById(db: Db, id: number): Promise<PublicWorkView | null> {
  const row = await loadRow(db, id);
  return row ? publicView(row) : null;
}

/** The staff view of an entry with its counts (buildings, callers informed, linked appeals). */
export async function getWork(deps: Deps, id: number, db: Db = deps.db): Promise<WorkView> {
  const row = await loadRow(db, id);
  if (!row) throw notFound('work', id);
  const [counts] = (
    await sql<{ buildings: number; informed: number; linked: number }>`
      SELECT (SELECT count(*)::int FROM work_buildings WHERE work_id = ${id}) AS buildings,
             (SELECT count(*)::int FROM work_informed WHERE work_id = ${id}) AS informed,
             (SELECT count(*)::int FROM appeals WHERE work_id = ${id}) AS linked`.execute(db)
  ).rows;
  return {
    ...publicView(row),
    area: row.area as unknown as WorkArea,
    buildingCount: counts?.buildings ?? 0,
    actualEndAt: row.actual_end_at?.toISOString() ?? null,
    reason: row.reason,
    organisationId: row.organisation_id,
    overdue: row.status === 'active' && row.expected_end_at.getTime() < deps.now().getTime(),
    informedCount: counts?.informed ?? 0,
    linkedAppeals: counts?.linked ?? 0,
    updatedAt: row.updated_at.toISOString(),
  };
}

/** The registry's entries, open ones first, newest first; filtered by status and service. */
export async function listWorks(
  deps: Deps,
  query: { status?: string; service?: string; limit: number },
): Promise<WorkView[]> {
  let q = deps.db.selectFrom('works').select('id');
  if (query.status) q = q.where('status', '=', query.status as 'planned');
  if (query.service) q = q.where('service', '=', query.service);
  const ids = await q
    .orderBy(sql`status = 'closed'`)
    .orderBy('starts_at', 'desc')
    .orderBy('id', 'desc')
    .limit(query.limit)
    .execute();
  const out: WorkView[] = [];
  for (const { id } of ids) out.push(await getWork(deps, id));
  return out;
}

/** The entry's history, newest first. */
export async function workHistory(deps: Deps, id: number) {
  const exists = await loadRow(deps.db, id);
  if (!exists) throw notFound('work', id);
  const rows = await deps.db
    .selectFrom('work_events')
    .selectAll()
    .where('work_id', '=', id)
    .orderBy('at', 'desc')
    .orderBy('id', 'desc')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    at: r.at.toISOString(),
    actor: r.actor_label,
    action: r.action,
    before: r.before,
    after: r.after,
  }));
}

/**
 * The portal's list of current and planned works with up to 200 covered-building points each
 * ([lat, lon]) and the drawn polygon, for the map. Public texts only; soonest end first.
 */
export async function listPublicWorks(db: Db): Promise<PublicWorkMapView[]> {
  const rows = await db
    .selectFrom('works')
    .selectAll()
    .where('status', '<>', 'closed')
    .orderBy('expected_end_at')
    .orderBy('id')
    .limit(500)
    .execute();
  const out: PublicWorkMapView[] = [];
  for (const row of rows) {
    const points = await db
      .selectFrom('work_buildings as wb')
      .innerJoin('buildings as b', 'b.id', 'wb.building_id')
      .select(['b.latitude', 'b.longitude'])
      .where('wb.work_id', '=', row.id)
      .where('b.latitude', 'is not', null)
      .orderBy('b.id')
      .limit(200)
      .execute();
    const area = row.area as unknown as WorkArea;
    out.push({
      ...publicView(row),
      points: points.map((p) => [p.latitude ?? 0, p.longitude ?? 0] as [number, number]),
      polygon: area.polygon ?? null,
    });
  }
  return out;
}

/** One line of the works report: a service in a district (null: buildings without a district). */
export interface WorksReportRow {
  service: string;
  districtId: number | null;
  districtName: string | null;
  entries: number;
  /** Mean length in hours, start to actual end (or expected end while open). */
  meanHours: number;
  /** Consultations «informed about works» the entries drew. */
  informed: number;
  /** Appeals linked to the entries. */
  linkedAppeals: number;
}

/**
 * Works by service and district for entries starting in [from, to): how many, how long, how
 * many callers each drew (informed + linked appeals). An entry spanning two districts counts in
 * both. For the reports issue (a table, not a screen).
 */
export async function worksReport(db: Db, from: Date, to: Date): Promise<WorksReportRow[]> {
  const { rows } = await sql<{
    service: string;
    district_id: number | null;
    district_name: string | null;
    entries: number;
    mean_hours: number;
    informed: number;
    linked: number;
  }>`
    WITH entry_districts AS (
      SELECT DISTINCT w.id, w.service, b.district_id,
             extract(epoch FROM coalesce(w.actual_end_at, w.expected_end_at) - w.starts_at) / 3600 AS hours
        FROM works w JOIN work_buildings wb ON wb.work_id = w.id JOIN buildings b ON b.id = wb.building_id
       WHERE w.starts_at >= ${from} AND w.starts_at < ${to}
    )
    SELECT e.service, e.district_id, d.name AS district_name, count(*)::int AS entries,
           round(avg(e.hours)::numeric, 1)::float8 AS mean_hours,
           coalesce(sum((SELECT count(*) FROM work_informed i WHERE i.work_id = e.id)), 0)::int AS informed,
           coalesce(sum((SELECT count(*) FROM appeals a WHERE a.work_id = e.id)), 0)::int AS linked
      FROM entry_districts e LEFT JOIN districts d ON d.id = e.district_id
     GROUP BY e.service, e.district_id, d.name
     ORDER BY e.service, d.name NULLS LAST`.execute(db);
  return rows.map((r) => ({
    service: r.service,
    districtId: r.district_id,
    districtName: r.district_name,
    entries: r.entries,
    meanHours: Number(r.mean_hours),
    informed: r.informed,
    linkedAppeals: r.linked,
  }));
}
