/**
 * The appeal's history: one row per change, written in the same transaction as the change
 * (CONVENTIONS.md habit 7). It drives the timeline, reports and disputes.
 */
import type { Kysely } from 'kysely';
import type { AppealStatus } from '../../domain/vocabulary.js';
import { actorId, actorLabel, type Actor } from '../context.js';
import type { DB } from '../db/schema.js';

export type AppealEventType =
  | 'registered'
  | 'imported'
  | 'assigned'
  | 'assignment_ended'
  | 'accepted'
  | 'responded'
  | 'returned_not_in_competence'
  | 'review_accepted'
  | 'returned_for_rework'
  | 'cancelled'
  | 'closed'
  | 'attachment_added'
  | 'deadline_due_soon'
  | 'deadline_overdue'
  | 'extension_requested'
  | 'extension_approved'
  | 'extension_refused'
  | 'explanation_requested'
  | 'explanation_given'
  | 'submission_registered'
  | 'submission_merged'
  | 'confirmed_by_applicant'
  | 'disputed_by_applicant'
  // Issue 19: a call-back survey's "not solved" answer, and a consultation's answering article(s).
  | 'not_solved_on_callback'
  | 'consultation_answered'
  // issue 16: linked to (or unlinked from) a works entry
  | 'works_linked'
  | 'works_unlinked'
  // issue 16: joined a confirmed mass appeal (data: massAppealId, leadAppealId)
  | 'mass_appeal_joined';

export interface AppealEvent {
  appealId: number;
  actor: Actor;
  type: AppealEventType;
  at: Date;
  from?: AppealStatus | null;
  to?: AppealStatus | null;
  comment?: string | null;
  data?: Record<string, unknown>;
}

/** Append one event to an appeal's history (call inside the change's transaction). */
export async function recordAppealEvent(db: Kysely<DB>, event: AppealEvent): Promise<void> {
  await db
    .insertInto('appeal_events')
    .values({
      appeal_id: event.appealId,
      at: event.at,
      actor_id: actorId(event.actor),
      actor_label: actorLabel(event.actor),
      type: event.type,
      from_status: event.from ?? null,
      to_status: event.to ?? null,
      comment: event.comment ?? null,
      data: JSON.stringify(event.data ?? {}),
    })
    .execute();
}
