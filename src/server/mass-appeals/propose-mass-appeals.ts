/**
 * Proposing mass appeals (issue 16, item 4; ADR 035): many appeals about one problem at one place —
 * the same question type at one building, or on one street, within a window, with no works linked —
 * are proposed as a group (`proposeMassAppeals`, run by the scheduler every minute and on request),
 * and later appeals of an open proposal's question type and place join it. The grouping rule is
 * pure (`domain/mass-appeals.ts`); its threshold and window are settings (`massRules`).
 */
import { type Kysely, sql } from 'kysely';
import {
  DEFAULT_MASS_RULES,
  type MassRules,
  proposeMassGroups,
} from '../../domain/mass-appeals.js';
import type { Deps } from '../context.js';
import type { DB } from '../db/schema.js';
import { numberSetting } from '../settings.js';
import { tryJobLock } from '../db/advisory-locks.js';

type Db = Kysely<DB>;

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
    if (!(await tryJobLock(trx, 'massAppeals'))) return { proposed: 0, joined: 0 };
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
