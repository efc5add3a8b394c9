/**
 * The works registry (issue 16, ADR 035): emergencies, planned works and scheduled outages that the
 * dispatcher (or a supervisor) registers with the area they affect. The area — buildings, whole
 * streets, districts and/or a polygon drawn on the map — is expanded to the buildings it covers
 * when the entry is saved (table work_buildings), so «which works cover this address» at intake is
 * one index lookup. Every change writes a history row (work_events) in its own transaction; an
 * expected end that moves, or the entry closing, tells each linked applicant with an e-mail
 * through the outbox.
 */
import type { Kysely } from 'kysely';
import type { WorkInput, WorkPatch, WorkView } from '../../contract/works.schemas.js';
import { type Actor, actorId, actorLabel, type Deps } from '../context.js';
import type { DB } from '../db/schema.js';
import { badRequest, notFound } from '../errors.js';
import { loadCalendar } from '../calendar/calendar.repository.js';
import { enqueueNotifications, type NewNotification } from '../notifications/outbox.js';
import { formatInZone } from '../notifications/templates.js';
import { coverOrRefuse, validateArea, writeCoverage } from './works-coverage.js';
import { getWork, loadRow } from './works.queries.js';

export { type CoveringTarget, resolveCoveredBuildings, worksCovering } from './works-coverage.js';
export {
  getWork,
  listPublicWorks,
  listWorks,
  publicWorkById,
  workHistory,
  type WorksReportRow,
  worksReport,
} from './works.queries.js';

type Db = Kysely<DB>;

function validateTimes(startsAt: Date, expectedEndAt: Date): void {
  if (expectedEndAt.getTime() <= startsAt.getTime()) {
    throw badRequest('works_end_before_start', 'The expected end must come after the start.', {
      field: 'expectedEndAt',
    });
  }
}

async function recordWorkEvent(
  trx: Db,
  deps: Deps,
  actor: Actor,
  workId: number,
  action: string,
  before: Record<string, unknown>,
  after: Record<string, unknown>,
): Promise<void> {
  await trx
    .insertInto('work_events')
    .values({
      work_id: workId,
      at: deps.now(),
      actor_id: actorId(actor),
      actor_label: actorLabel(actor),
      action,
      before: JSON.stringify(before),
      after: JSON.stringify(after),
    })
    .execute();
}

/**
 * Register an entry (status planned). 400 `works_area_required` without an area,
 * `works_end_before_start` when the expected end is not after the start, `works_cover_no_building`
 * when the area holds no registry building.
 */
export async function createWork(deps: Deps, actor: Actor, input: WorkInput): Promise<WorkView> {
  const startsAt = new Date(input.startsAt);
  const expectedEndAt = new Date(input.expectedEndAt);
  validateArea(input.area);
  validateTimes(startsAt, expectedEndAt);
  const buildings = await coverOrRefuse(deps.db, input.area);
  return deps.db.transaction().execute(async (trx) => {
    const now = deps.now();
    const row = await trx
      .insertInto('works')
      .values({
        kind: input.kind,
        service: input.service,
        area: JSON.stringify(input.area),
        starts_at: startsAt,
        expected_end_at: expectedEndAt,
        reason: input.reason,
        organisation_id: input.organisationId,
        organisation_name: input.organisationName,
        public_text_uk: input.publicTextUk,
        public_text_en: input.publicTextEn,
        created_at: now,
        updated_at: now,
        created_by: actorId(actor),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await writeCoverage(trx, row.id, buildings);
    await recordWorkEvent(
      trx,
      deps,
      actor,
      row.id,
      'create',
      {},
      {
        kind: input.kind,
        service: input.service,
        startsAt: input.startsAt,
        expectedEndAt: input.expectedEndAt,
        buildings: buildings.length,
      },
    );
    return getWork(deps, row.id, trx);
  });
}

const FIELD_COLUMNS: Record<string, keyof DB['works']> = {
  kind: 'kind',
  service: 'service',
  reason: 'reason',
  organisationId: 'organisation_id',
  organisationName: 'organisation_name',
  publicTextUk: 'public_text_uk',
  publicTextEn: 'public_text_en',
};

/**
 * Edit an entry (not a closed one: 409 `works_closed`). A new area is re-resolved (the same
 * 400s as creating); an expected end that moves tells the linked applicants.
 */
export async function updateWork(
  deps: Deps,
  actor: Actor,
  id: number,
  patch: WorkPatch,
): Promise<WorkView> {
  const current = await loadRow(deps.db, id);
  if (!current) throw notFound('work', id);
  if (current.status === 'closed')
    throw badRequest('works_closed', 'A closed entry can no longer be edited.');
  const startsAt = patch.startsAt ? new Date(patch.startsAt) : current.starts_at;
  const expectedEndAt = patch.expectedEndAt
    ? new Date(patch.expectedEndAt)
    : current.expected_end_at;
  validateTimes(startsAt, expectedEndAt);
  const buildings = patch.area ? await coverOrRefuse(deps.db, patch.area) : null;
  return deps.db.transaction().execute(async (trx) => {
    const before: Record<string, unknown> = {};
    const after: Record<string, unknown> = {};
    const values: Record<string, unknown> = { updated_at: deps.now() };
    for (const [field, column] of Object.entries(FIELD_COLUMNS)) {
      const value = (patch as Record<string, unknown>)[field];
      if (value === undefined || value === current[column]) continue;
      before[field] = current[column];
      after[field] = value;
      values[column] = value;
    }
    if (startsAt.getTime() !== current.starts_at.getTime()) {
      before.startsAt = current.starts_at.toISOString();
      after.startsAt = startsAt.toISOString();
      values.starts_at = startsAt;
    }
    const endMoved = expectedEndAt.getTime() !== current.expected_end_at.getTime();
    if (endMoved) {
      before.expectedEndAt = current.expected_end_at.toISOString();
      after.expectedEndAt = expectedEndAt.toISOString();
      values.expected_end_at = expectedEndAt;
    }
    if (patch.area) {
      before.area = current.area;
      after.area = patch.area;
      values.area = JSON.stringify(patch.area);
      await writeCoverage(trx, id, buildings ?? []);
    }
    if (Object.keys(after).length === 0) return getWork(deps, id, trx);
    await trx.updateTable('works').set(values).where('id', '=', id).execute();
    await recordWorkEvent(trx, deps, actor, id, 'update', before, after);
    if (endMoved) await informLinkedApplicants(trx, deps, id, 'work_changed');
    return getWork(deps, id, trx);
  });
}

/**
 * planned → active → closed (planned → closed too: cancelled before it began). Closing an
 * already closed entry changes nothing and answers the entry (idempotent); activating a closed
 * one is 409 `works_closed`. Closing tells the linked applicants.
 */
export async function changeWorkStatus(
  deps: Deps,
  actor: Actor,
  id: number,
  change: { status: 'active' | 'closed'; actualEndAt?: string },
): Promise<WorkView> {
  return deps.db.transaction().execute(async (trx) => {
    const current = await trx
      .selectFrom('works')
      .selectAll()
      .where('id', '=', id)
      .forUpdate()
      .executeTakeFirst();
    if (!current) throw notFound('work', id);
    if (current.status === change.status) return getWork(deps, id, trx);
    if (current.status === 'closed')
      throw badRequest('works_closed', 'A closed entry can no longer change.');
    const now = deps.now();
    if (change.status === 'active') {
      await trx
        .updateTable('works')
        .set({ status: 'active', updated_at: now })
        .where('id', '=', id)
        .execute();
      await recordWorkEvent(
        trx,
        deps,
        actor,
        id,
        'activate',
        { status: current.status },
        { status: 'active' },
      );
      return getWork(deps, id, trx);
    }
    const actualEnd = change.actualEndAt ? new Date(change.actualEndAt) : now;
    await trx
      .updateTable('works')
      .set({ status: 'closed', actual_end_at: actualEnd, updated_at: now })
      .where('id', '=', id)
      .execute();
    await recordWorkEvent(
      trx,
      deps,
      actor,
      id,
      'close',
      { status: current.status },
      { status: 'closed', actualEndAt: actualEnd.toISOString() },
    );
    await informLinkedApplicants(trx, deps, id, 'work_closed');
    return getWork(deps, id, trx);
  });
}

/**
 * The consultation «informed about works»: the operator told a caller (or the portal showed a
 * citizen) about the entry. No executor; counted per entry (and in the reports).
 * 409 `works_closed` for a closed entry.
 */
export async function recordInformed(
  deps: Deps,
  actor: Actor | null,
  id: number,
  input: { buildingId: number | null; channel: 'phone' | 'portal' },
): Promise<{ workId: number; informedCount: number }> {
  const row = await loadRow(deps.db, id);
  if (!row) throw notFound('work', id);
  if (row.status === 'closed') throw badRequest('works_closed', 'The entry is closed.');
  await deps.db
    .insertInto('work_informed')
    .values({
      work_id: id,
      at: deps.now(),
      channel: input.channel,
      building_id: input.buildingId,
      actor_id: actor ? actorId(actor) : null,
    })
    .execute();
  const count = await deps.db
    .selectFrom('work_informed')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('work_id', '=', id)
    .executeTakeFirstOrThrow();
  return { workId: id, informedCount: Number(count.n) };
}

/**
 * Queue a message to every applicant of an appeal linked to the entry who left an e-mail
 * (`work_changed` when the expected end moved, `work_closed` when it closed). The dedupe key holds
 * the entry's end, so a second run of the same change queues nothing new. Non-emergencies wait
 * for service hours (the outbox's quiet hours).
 */
export async function informLinkedApplicants(
  trx: Db,
  deps: Deps,
  workId: number,
  kind: 'work_changed' | 'work_closed',
): Promise<number> {
  const work = await trx
    .selectFrom('works')
    .selectAll()
    .where('id', '=', workId)
    .executeTakeFirstOrThrow();
  const linked = await trx
    .selectFrom('appeals as a')
    .innerJoin('applicants as p', 'p.id', 'a.applicant_id')
    .select(['a.id', 'a.number', 'p.email'])
    .where('a.work_id', '=', workId)
    .where('p.email', 'is not', null)
    .execute();
  if (linked.length === 0) return 0;
  const when = kind === 'work_closed' ? (work.actual_end_at ?? deps.now()) : work.expected_end_at;
  const stamp = when.toISOString();
  const items: NewNotification[] = linked.map((a) => ({
    dedupeKey: `${kind}:${workId}:${a.id}:${stamp}`,
    kind,
    appealId: a.id,
    recipientEmail: a.email,
    params: {
      number: a.number,
      text: work.public_text_uk,
      deadline: formatInZone(when, deps.config.timeZone, 'uk'),
      link: `${deps.config.publicUrl}/portal/`,
    },
    emergency: work.kind === 'emergency',
  }));
  const calendar = await loadCalendar(trx, deps.config.timeZone, deps.now());
  return enqueueNotifications(trx, items, { now: deps.now(), calendar });
}

/**
 * The overdue escalation for works (issue 16, item 1): an active entry past its expected end is
 * reported to every supervisor once per expected end (moving the end re-arms it). Emergencies go
 * at once; other entries wait for service hours (the outbox's quiet hours). Idempotent: the
 * entry remembers the end it was reported for, and the dedupe key names it too.
 * @returns how many entries were reported.
 */
export async function sweepOverdueWorks(deps: Deps): Promise<number> {
  const now = deps.now();
  return deps.db.transaction().execute(async (trx) => {
    const overdue = await trx
      .selectFrom('works')
      .selectAll()
      .where('status', '=', 'active')
      .where('expected_end_at', '<', now)
      .where((eb) =>
        eb.or([
          eb('overdue_notified_for', 'is', null),
          eb('overdue_notified_for', '<>', eb.ref('expected_end_at')),
        ]),
      )
      .forUpdate()
      .skipLocked()
      .execute();
    if (overdue.length === 0) return 0;
    const supervisors = await trx
      .selectFrom('users')
      .select(['id'])
      .where('active', '=', true)
      .where('role', '=', 'supervisor')
      .execute();
    const items: NewNotification[] = [];
    for (const w of overdue) {
      for (const s of supervisors) {
        items.push({
          dedupeKey: `work_overdue:${w.id}:${w.expected_end_at.toISOString()}:${s.id}`,
          kind: 'work_overdue',
          recipientUserId: s.id,
          params: {
            number: `№ ${w.id}`,
            text: w.public_text_uk,
            deadline: formatInZone(w.expected_end_at, deps.config.timeZone, 'uk'),
            link: `${deps.config.publicUrl}/works/${w.id}`,
          },
          emergency: w.kind === 'emergency',
        });
      }
      await trx
        .updateTable('works')
        .set({ overdue_notified_for: w.expected_end_at })
        .where('id', '=', w.id)
        .execute();
      await trx
        .insertInto('work_events')
        .values({
          work_id: w.id,
          at: now,
          actor_id: null,
          actor_label: 'system',
          action: 'overdue',
          before: '{}',
          after: JSON.stringify({ expectedEndAt: w.expected_end_at.toISOString() }),
        })
        .execute();
    }
    const calendar = await loadCalendar(trx, deps.config.timeZone, now);
    await enqueueNotifications(trx, items, { now, calendar });
    return overdue.length;
  });
}
