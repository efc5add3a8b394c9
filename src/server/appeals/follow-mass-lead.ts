/**
 * Members of a confirmed mass appeal follow its lead (issue 16, item 4; ADR 035): the group is
 * worked through one executor assignment — the lead appeal's main assignment — and when the lead
 * takes a step of the lifecycle, every open member takes the same step in the same transaction:
 * the pure lifecycle decides it for the member (`decideTransition`, the group's assignment counting
 * as the member's main one), the member's status, rework count and result change, the executor's
 * answer and the controller's review are recorded for the member too (so its card and public
 * tracking show them), and the member's own history gets its event, marked with the group.
 * A member the lifecycle refuses (closed or cancelled meanwhile) is left where it is.
 */
import type { Kysely } from 'kysely';
import { type AppealAction, decideTransition } from '../../domain/appeal-lifecycle.js';
import type { ResultCode } from '../../domain/results.js';
import type { AppealStatus } from '../../domain/vocabulary.js';
import type { Actor } from '../context.js';
import type { DB } from '../db/schema.js';
import { reworkLimit } from '../settings.js';
import { type AppealEventType, recordAppealEvent } from './appeal-history.js';

/** The lead's step that members follow, with what it wrote on the lead. */
export type LeadStep =
  | { action: 'assign'; assignmentId: number; executorId: number; instruction: string | null }
  | { action: 'accept' | 'return_not_in_competence'; assignmentId: number; comment: string | null }
  | {
      action: 'respond';
      assignmentId: number;
      responseId: number;
      text: string;
      proposedResult: string | null;
      authorId: number | null;
    }
  | {
      action: 'review_accept' | 'review_rework';
      result: ResultCode | null;
      comment: string | null;
      reviewerId: number | null;
    };

const EVENT: Record<LeadStep['action'], AppealEventType> = {
  assign: 'assigned',
  accept: 'accepted',
  return_not_in_competence: 'returned_not_in_competence',
  respond: 'responded',
  review_accept: 'review_accepted',
  review_rework: 'returned_for_rework',
};

/** A member moved with the lead. */
export interface FollowedMember {
  id: number;
  number: string;
  status: AppealStatus;
}

/**
 * Apply the lead's step to every open member of the confirmed group it leads (nothing when the
 * appeal leads none). Call inside the lead's transaction, after the lead's own change.
 * @returns the members moved (the caller tells closed members' applicants the result).
 */
export async function followMassLead(
  trx: Kysely<DB>,
  actor: Actor,
  leadAppealId: number,
  step: LeadStep,
  now: Date,
): Promise<FollowedMember[]> {
  const group = await trx
    .selectFrom('mass_appeals')
    .select(['id'])
    .where('lead_appeal_id', '=', leadAppealId)
    .where('status', '=', 'confirmed')
    .executeTakeFirst();
  if (!group) return [];
  const members = await trx
    .selectFrom('appeals as a')
    .innerJoin('mass_appeal_members as m', 'm.appeal_id', 'a.id')
    .select(['a.id', 'a.number', 'a.status', 'a.rework_count'])
    .where('m.mass_appeal_id', '=', group.id)
    .where('a.id', '<>', leadAppealId)
    .where('a.status', '<>', 'closed')
    .orderBy('a.id')
    .forUpdate()
    .execute();
  const limit = await reworkLimit(trx);
  const action: AppealAction = step.action;
  const moved: FollowedMember[] = [];
  for (const member of members) {
    const decision = decideTransition(
      {
        status: member.status,
        reworkCount: member.rework_count,
        // The group's one assignment is the lead's; members have none of their own.
        hasMainAssignment: step.action !== 'assign',
      },
      action,
      { reworkLimit: limit },
    );
    if (!decision.ok) continue;
    const result =
      step.action === 'review_accept'
        ? step.result
        : step.action === 'assign' || step.action === 'return_not_in_competence'
          ? null
          : undefined;
    await trx
      .updateTable('appeals')
      .set({
        status: decision.to,
        rework_count: decision.reworkCount,
        updated_at: now,
        closed_at: decision.to === 'closed' ? now : null,
        ...(result !== undefined ? { result } : {}),
      })
      .where('id', '=', member.id)
      .execute();
    const data: Record<string, unknown> = { massAppealId: group.id, leadAppealId };
    let comment: string | null = null;
    if (step.action === 'assign') {
      Object.assign(data, { assignmentId: step.assignmentId, executorId: step.executorId });
      comment = step.instruction;
    } else if (step.action === 'accept' || step.action === 'return_not_in_competence') {
      Object.assign(data, { assignmentId: step.assignmentId, role: 'main' });
      comment = step.comment;
    } else if (step.action === 'respond') {
      const response = await trx
        .insertInto('responses')
        .values({
          appeal_id: member.id,
          assignment_id: step.assignmentId,
          author_id: step.authorId,
          text: step.text,
          proposed_result: step.proposedResult,
          created_at: now,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      Object.assign(data, {
        assignmentId: step.assignmentId,
        role: 'main',
        responseId: response.id,
        leadResponseId: step.responseId,
      });
    } else if (step.action === 'review_accept' || step.action === 'review_rework') {
      const lastResponse = await trx
        .selectFrom('responses')
        .select('id')
        .where('appeal_id', '=', member.id)
        .orderBy('id', 'desc')
        .executeTakeFirst();
      const accept = step.action === 'review_accept';
      await trx
        .insertInto('reviews')
        .values({
          appeal_id: member.id,
          response_id: lastResponse?.id ?? null,
          reviewer_id: step.reviewerId,
          decision: accept ? 'accept' : 'rework',
          result: accept ? step.result : null,
          comment: step.comment,
          created_at: now,
        })
        .execute();
      Object.assign(
        data,
        accept
          ? { result: step.result, responseId: lastResponse?.id ?? null }
          : { reworkCount: decision.reworkCount, responseId: lastResponse?.id ?? null },
      );
      comment = step.comment;
    }
    await recordAppealEvent(trx, {
      appealId: member.id,
      actor,
      at: now,
      type: EVENT[step.action],
      from: member.status,
      to: decision.to,
      comment,
      data,
    });
    moved.push({ id: member.id, number: member.number, status: decision.to });
  }
  return moved;
}
