/**
 * Confirming a mass appeal (issue 16, item 4; ADR 035): a controller confirms a proposed group, which
 * is then worked through one executor assignment: the lead appeal's (the earliest member still
 * waiting); the other members' own assignments are withdrawn, and every later step on the lead is
 * followed by each member (`appeals/follow-mass-lead.ts`), each keeping its own number, history
 * and tracking.
 */
import { isActiveAssignment, nextAssignmentState } from '../../domain/appeal-lifecycle.js';
import type { MassAppealView } from '../../contract/mass-appeals.schemas.js';
import type { Deps, UserActor } from '../context.js';
import { conflict, notFound } from '../errors.js';
import { recordAppealEvent } from '../appeals/appeal-history.js';
import { getMassAppeal } from './mass-appeals.queries.js';

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
