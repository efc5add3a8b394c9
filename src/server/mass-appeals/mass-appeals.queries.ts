/**
 * Mass appeals' reads (issue 16, item 4; ADR 035): the groups for the controller's list, one group
 * with its place and members, and the confirmed group an appeal belongs to (for its card). A group
 * gathers appeals about one problem at one place — the same question type at one building, or on
 * one street — proposed by `propose-mass-appeals.ts`, confirmed by `confirm-mass-appeal.ts` or
 * dismissed by `dismiss-mass-appeal.ts`.
 */
import type { Kysely } from 'kysely';
import type { MassAppealView } from '../../contract/mass-appeals.schemas.js';
import type { Deps } from '../context.js';
import type { DB } from '../db/schema.js';
import { notFound } from '../errors.js';

type Db = Kysely<DB>;

/** The groups (newest first), filtered by status; with their places and member counts. */
export async function listMassAppeals(
  deps: Deps,
  query: { status?: 'proposed' | 'confirmed' | 'dismissed'; limit: number },
): Promise<MassAppealView[]> {
  let q = deps.db.selectFrom('mass_appeals').select('id');
  if (query.status) q = q.where('status', '=', query.status);
  const ids = await q
    .orderBy('proposed_at', 'desc')
    .orderBy('id', 'desc')
    .limit(query.limit)
    .execute();
  const out: MassAppealView[] = [];
  for (const { id } of ids) out.push(await getMassAppeal(deps, id));
  return out;
}

/** One group with its members (number, status, received). @throws 404 `mass_appeal_not_found`. */
export async function getMassAppeal(
  deps: Deps,
  id: number,
  db: Db = deps.db,
): Promise<MassAppealView> {
  const row = await db
    .selectFrom('mass_appeals as g')
    .innerJoin('question_types as q', 'q.id', 'g.question_type_id')
    .leftJoin('buildings as b', 'b.id', 'g.building_id')
    .leftJoin('streets as s', (j) =>
      j.on((eb) =>
        eb.or([eb('s.id', '=', eb.ref('g.street_id')), eb('s.id', '=', eb.ref('b.street_id'))]),
      ),
    )
    .leftJoin('appeals as l', 'l.id', 'g.lead_appeal_id')
    .select([
      'g.id',
      'g.status',
      'g.question_type_id',
      'q.name as question_type_name',
      'q.name_en as question_type_name_en',
      'g.building_id',
      'g.street_id',
      's.type as street_type',
      's.name as street_name',
      'b.house_number',
      'g.lead_appeal_id',
      'l.number as lead_number',
      'g.first_received_at',
      'g.last_received_at',
      'g.proposed_at',
      'g.decided_at',
    ])
    .where('g.id', '=', id)
    .executeTakeFirst();
  if (!row) throw notFound('mass_appeal', id);
  const members = await db
    .selectFrom('mass_appeal_members as m')
    .innerJoin('appeals as a', 'a.id', 'm.appeal_id')
    .select(['a.id', 'a.number', 'a.status', 'a.received_at', 'a.address_text'])
    .where('m.mass_appeal_id', '=', id)
    .orderBy('a.received_at')
    .orderBy('a.id')
    .execute();
  const street = row.street_name ? `${row.street_type ?? ''} ${row.street_name}`.trim() : null;
  return {
    id: row.id,
    status: row.status,
    questionTypeId: row.question_type_id,
    questionTypeName: row.question_type_name,
    questionTypeNameEn: row.question_type_name_en,
    buildingId: row.building_id,
    streetId: row.street_id,
    place: street
      ? row.building_id !== null
        ? `${street}, ${row.house_number ?? ''}`
        : street
      : null,
    leadAppealId: row.lead_appeal_id,
    leadNumber: row.lead_number,
    firstReceivedAt: row.first_received_at.toISOString(),
    lastReceivedAt: row.last_received_at.toISOString(),
    proposedAt: row.proposed_at.toISOString(),
    decidedAt: row.decided_at?.toISOString() ?? null,
    memberCount: members.length,
    members: members.map((m) => ({
      id: m.id,
      number: m.number,
      status: m.status,
      receivedAt: m.received_at.toISOString(),
      address: m.address_text,
    })),
  };
}

/** The confirmed group an appeal belongs to, for its card (null when none). */
export async function massAppealOf(
  db: Db,
  appealId: number,
): Promise<{
  id: number;
  leadAppealId: number | null;
  leadNumber: string | null;
  members: number;
} | null> {
  const row = await db
    .selectFrom('mass_appeal_members as m')
    .innerJoin('mass_appeals as g', 'g.id', 'm.mass_appeal_id')
    .leftJoin('appeals as l', 'l.id', 'g.lead_appeal_id')
    .select(['g.id', 'g.lead_appeal_id', 'l.number as lead_number'])
    .select((eb) =>
      eb
        .selectFrom('mass_appeal_members as mm')
        .select((e) => e.fn.countAll<number>().as('n'))
        .whereRef('mm.mass_appeal_id', '=', 'g.id')
        .as('members'),
    )
    .where('m.appeal_id', '=', appealId)
    .where('g.status', '=', 'confirmed')
    .executeTakeFirst();
  if (!row) return null;
  return {
    id: row.id,
    leadAppealId: row.lead_appeal_id,
    leadNumber: row.lead_number,
    members: Number(row.members ?? 0),
  };
}
