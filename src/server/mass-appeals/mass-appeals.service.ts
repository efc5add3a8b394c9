/**
 * Mass appeals (issue 16, item 4; ADR 035): many appeals about one problem at one place — the same
 * question type at one building, or on one street, within a window, with no works linked — are
 * proposed as a group (`proposeMassAppeals`, run by the scheduler every minute and on request); a
 * controller confirms it (`confirmMassAppeal`) or dismisses it. A confirmed group is worked through
 * one executor assignment: the lead appeal's (the earliest member); the other members' own
 * assignments are withdrawn, and every later step on the lead is followed by each member
 * (`appeals/follow-mass-lead.ts`), each keeping its own number, history and tracking.
 */
import { type Kysely, sql } from 'kysely';
import {
  DEFAULT_MASS_RULES,
  type MassRules,
  proposeMassGroups,
} from '../../domain/mass-appeals.js';
import { isActiveAssignment, nextAssignmentState } from '../../domain/appeal-lifecycle.js';
import type { MassAppealView } from '../../contract/mass-appeals.schemas.js';
import type { Deps, UserActor } from '../context.js';
import type { DB } from '../db/schema.js';
import { conflict, notFound } from '../errors.js';
import { numberSetting } from '../settings.js';
import { recordAppealEvent } from '../appeals/appeal-history.js';

type Db = Kysely<DB>;

/** The proposal sweep's advisory lock: one process proposes at a time. */
const MASS_LOCK = 0x4d617373; // "Mass"

/** The rules in force: settings `mass_appeal_threshold` and `mass_appeal_window_minutes`. */
export async function massRules(db: Db): Promise<MassRules> {
  return {
    threshold: await numberSetting(db, 'mass_appeal_threshold', DEFAULT_MASS_RULES.threshold),
    windowMinutes: await numberSetting(
      db,
      'mass_appeal_window_minutes',
      DEFAULT_MASS_RULES.windowMinutes,
    ),
  };
}

/**
 * Find new groups among the appeals received within the window before now: registered (no
 * executor has accepted them), not consultations, not linked to works, placed at a registry
 * building, and in no group yet. A new group is stored as `proposed`; appeals of an open proposal's
 * question type and place join it. Idempotent; one process at a time (advisory lock).
 * @returns how many groups were proposed and how many appeals joined open proposals.
 */
export async function proposeMassAppeals(
  deps: Deps,
  rules?: MassRules,
): Promise<{ proposed: number; joined: number }> {
  return deps.db.transaction().execute(async (trx) => {
    const lock = await sql<{
      locked: boolean;
    }>`SELECT pg_try_advisory_xact_lock(${MASS_LOCK}) AS locked`.execute(trx);
    if (!lock.rows[0]?.locked) return { proposed: 0, joined: 0 };
    const now = deps.now();
    const r = rules ?? (await massRules(trx));
    const since = new Date(now.getTime() - r.windowMinutes * 60_000);
    const candidates = (
      await trx
        .selectFrom('appeals as a')
        .innerJoin('buildings as b', 'b.id', 'a.building_id')
        .select(['a.id', 'a.question_type_id', 'a.building_id', 'b.street_id', 'a.received_at'])
        .where('a.status', '=', 'registered')
        .where('a.kind', '<>', 'consultation')
        .where('a.work_id', 'is', null)
        .where('a.received_at', '>=', since)
        .where('a.received_at', '<=', now)
        .where((eb) =>
          eb.not(
            eb.exists(
              eb
                .selectFrom('mass_appeal_members as m')
                .select(sql`1`.as('one'))
                .whereRef('m.appeal_id', '=', 'a.id'),
            ),
          ),
        )
        .orderBy('a.received_at')
        .orderBy('a.id')
        .execute()
    ).map((c) => ({
      appealId: c.id,
      questionTypeId: c.question_type_id,
      buildingId: c.building_id,
      streetId: c.street_id,
      receivedAt: c.received_at,
    }));
    if (candidates.length === 0) return { proposed: 0, joined: 0 };

    // Appeals of an open proposal's question type and place join it, whatever their number.
    const open = await trx
      .selectFrom('mass_appeals')
      .select(['id', 'question_type_id', 'building_id', 'street_id', 'last_received_at'])
      .where('status', '=', 'proposed')
      .execute();
    let joined = 0;
    const left = [];
    for (const c of candidates) {
      const group =
        open.find(
          (g) => g.question_type_id === c.questionTypeId && g.building_id === c.buildingId,
        ) ??
        open.find(
          (g) =>
            g.question_type_id === c.questionTypeId &&
            g.building_id === null &&
            g.street_id === c.streetId,
        );
      if (!group) {
        left.push(c);
        continue;
      }
      await trx
        .insertInto('mass_appeal_members')
        .values({ mass_appeal_id: group.id, appeal_id: c.appealId })
        .execute();
      if (c.receivedAt > group.last_received_at) {
        group.last_received_at = c.receivedAt;
        await trx
          .updateTable('mass_appeals')
          .set({ last_received_at: c.receivedAt })
          .where('id', '=', group.id)
          .execute();
      }
      joined += 1;
    }

    const groups = proposeMassGroups(left, r);
    for (const g of groups) {
      const row = await trx
        .insertInto('mass_appeals')
        .values({
          question_type_id: g.questionTypeId,
          building_id: g.buildingId,
          street_id: g.streetId,
          first_received_at: g.firstReceivedAt,
          last_received_at: g.lastReceivedAt,
          proposed_at: now,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await trx
        .insertInto('mass_appeal_members')
        .values(g.appealIds.map((appeal_id) => ({ mass_appeal_id: row.id, appeal_id })))
        .execute();
    }
    return { proposed: groups.length, joined };
  });
}

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

/**
 * The controller confirms a proposal. Members no longer waiting (an executor took one up, it
 * closed or was linked to works meanwhile) leave the group; the earliest remaining member becomes
 * the lead and keeps its main assignment; every other member's active assignments are withdrawn
 * and its history gets `mass_appeal_joined` (with the lead). Confirming a confirmed group answers
 * it unchanged (idempotent).
 * @throws 404 `mass_appeal_not_found`; 409 `mass_appeal_dismissed`, `mass_appeal_too_small`
 *   (fewer than two members still waiting).
 */
export async function confirmMassAppeal(
  deps: Deps,
  actor: UserActor,
  id: number,
): Promise<MassAppealView> {
  return deps.db.transaction().execute(async (trx) => {
    const group = await trx
      .selectFrom('mass_appeals')
      .selectAll()
      .where('id', '=', id)
      .forUpdate()
      .executeTakeFirst();
    if (!group) throw notFound('mass_appeal', id);
    if (group.status === 'confirmed') return getMassAppeal(deps, id, trx);
    if (group.status === 'dismissed')
      throw conflict(
        'mass_appeal_dismissed',
        'The proposal was dismissed; it can no longer be confirmed.',
      );
    const now = deps.now();
    const members = await trx
      .selectFrom('appeals as a')
      .innerJoin('mass_appeal_members as m', 'm.appeal_id', 'a.id')
      .select(['a.id', 'a.status', 'a.work_id', 'a.received_at'])
      .where('m.mass_appeal_id', '=', id)
      .orderBy('a.id')
      .forUpdate()
      .execute();
    const waiting = members
      .filter((m) => m.status === 'registered' && m.work_id === null)
      .sort((a, b) => a.received_at.getTime() - b.received_at.getTime() || a.id - b.id);
    if (waiting.length < 2)
      throw conflict(
        'mass_appeal_too_small',
        'Fewer than two of the proposed appeals still wait for an executor; there is nothing to group.',
      );
    const gone = members.filter((m) => !waiting.includes(m)).map((m) => m.id);
    if (gone.length > 0)
      await trx
        .deleteFrom('mass_appeal_members')
        .where('mass_appeal_id', '=', id)
        .where('appeal_id', 'in', gone)
        .execute();
    const lead = waiting[0]!;
    const assignments = await trx
      .selectFrom('assignments')
      .selectAll()
      .where(
        'appeal_id',
        'in',
        waiting.map((m) => m.id),
      )
      .orderBy('id')
      .execute();
    for (const member of waiting) {
      const withdrawn: number[] = [];
      if (member.id !== lead.id) {
        for (const a of assignments) {
          if (a.appeal_id !== member.id || !isActiveAssignment(a.state)) continue;
          const to = nextAssignmentState(a.state, 'withdraw');
          if (to === null) continue;
          await trx
            .updateTable('assignments')
            .set({ state: to, finished_at: now })
            .where('id', '=', a.id)
            .execute();
          withdrawn.push(a.id);
        }
      }
      await recordAppealEvent(trx, {
        appealId: member.id,
        actor,
        at: now,
        type: 'mass_appeal_joined',
        data: {
          massAppealId: id,
          leadAppealId: lead.id,
          lead: member.id === lead.id,
          members: waiting.length,
          ...(withdrawn.length > 0 ? { withdrawnAssignmentIds: withdrawn } : {}),
        },
      });
    }
    await trx
      .updateTable('mass_appeals')
      .set({ status: 'confirmed', lead_appeal_id: lead.id, decided_at: now, decided_by: actor.id })
      .where('id', '=', id)
      .execute();
    return getMassAppeal(deps, id, trx);
  });
}

/**
 * The controller dismisses a proposal: its appeals go on one by one (and are not proposed again).
 * Dismissing a dismissed one answers it unchanged. @throws 409 `mass_appeal_confirmed`.
 */
export async function dismissMassAppeal(
  deps: Deps,
  actor: UserActor,
  id: number,
): Promise<MassAppealView> {
  return deps.db.transaction().execute(async (trx) => {
    const group = await trx
      .selectFrom('mass_appeals')
      .select(['id', 'status'])
      .where('id', '=', id)
      .forUpdate()
      .executeTakeFirst();
    if (!group) throw notFound('mass_appeal', id);
    if (group.status === 'confirmed')
      throw conflict('mass_appeal_confirmed', 'The group is confirmed and is worked as one.');
    if (group.status === 'proposed')
      await trx
        .updateTable('mass_appeals')
        .set({ status: 'dismissed', decided_at: deps.now(), decided_by: actor.id })
        .where('id', '=', id)
        .execute();
    return getMassAppeal(deps, id, trx);
  });
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
