import { normaliseText } from '../../domain/text.js';
import type { ApplicantChange } from '../../contract/applicants.schemas.js';
import type { Deps, UserActor } from '../context.js';
import { conflict } from '../errors.js';
import { writeAudit } from '../admin/audit-trail.js';
import { type ListItem, presentRecord, recordsQuery } from './applicant-records.queries.js';
import { phoneKeys } from './applicants.service.js';
import { CONTACT_FIELDS, contactsOf, lockApplicant } from './applicant-record-steps.js';

/**
 * Edit an applicant; the audit entry (before → after) is the history.
 * @throws 404 `applicant_not_found`; 409 `applicant_merged` (edit the survivor instead).
 */
export async function updateApplicant(
  deps: Deps,
  actor: UserActor,
  id: number,
  change: ApplicantChange,
): Promise<ListItem> {
  await deps.db.transaction().execute(async (trx) => {
    const before = await lockApplicant(trx, id);
    if (before.merged_into !== null)
      throw conflict('applicant_merged', `Applicant ${id} was merged into ${before.merged_into}.`);
    const next = {
      ...(change.fullName !== undefined ? { full_name: normaliseText(change.fullName) } : {}),
      ...(change.phones !== undefined
        ? { phones: change.phones, phone_keys: phoneKeys(change.phones) }
        : {}),
      ...(change.email !== undefined ? { email: change.email ?? null } : {}),
      ...(change.address !== undefined ? { address: change.address ?? null } : {}),
      ...(change.privilegedCategory !== undefined
        ? { privileged_category: change.privilegedCategory ?? null }
        : {}),
      ...(change.socialStatus !== undefined ? { social_status: change.socialStatus ?? null } : {}),
    };
    if (Object.keys(next).length === 0) return;
    const after = await trx
      .updateTable('applicants')
      .set({ ...next, updated_at: deps.now() })
      .where('id', '=', id)
      .returning([...CONTACT_FIELDS])
      .executeTakeFirstOrThrow();
    await writeAudit(trx, deps.now(), actor, {
      action: 'updateApplicant',
      target: `/applicants/${id}`,
      before: contactsOf(before),
      after: contactsOf(after),
    });
  });
  const row = await recordsQuery(deps.db).where('ap.id', '=', id).executeTakeFirstOrThrow();
  return presentRecord(row);
}
