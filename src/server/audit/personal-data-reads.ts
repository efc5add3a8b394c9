/**
 * Reading an applicant's personal data is logged (issue 14, item 10; Law of Ukraine «Про захист
 * персональних даних», art. 10 and 14: a controller keeps account of who accessed personal data):
 * one `audit_log` entry per read, action `readApplicant`, target `/applicants/{id}`, with where
 * it was read (`via`: the appeal card, the applicant search, the applicant's page). The audit
 * screen filters by that action or target.
 */
import type { Kysely } from 'kysely';
import type { Actor } from '../context.js';
import type { DB } from '../db/schema.js';
import { writeAudits } from '../admin/audit-trail.js';

export async function logPersonalDataRead(
  db: Kysely<DB>,
  at: Date,
  actor: Actor,
  applicantIds: readonly number[],
  context: { via: 'appeal_card' | 'applicant_search' | 'applicant_page'; appealId?: number },
): Promise<void> {
  // One statement for all: atomic without a transaction's two extra round trips (the card
  // logs one read per view).
  await writeAudits(
    db,
    at,
    actor,
    applicantIds.map((id) => ({
      action: 'readApplicant',
      target: `/applicants/${id}`,
      data: { ...context },
    })),
  );
}
