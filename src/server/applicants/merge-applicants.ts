import { normalisePhone } from '../../domain/text.js';
import type { Deps, UserActor } from '../context.js';
import { badRequest, conflict } from '../errors.js';
import { writeAudit } from '../admin/audit-trail.js';
import { phoneKeys } from './applicants.service.js';
import {
  contactsOf,
  lockApplicant,
  presentMerge,
  type MergeView,
} from './applicant-record-steps.js';

/**
 * Merge `mergedId` into `survivorId`: its appeals move to the survivor, its phones join the
 * survivor's, its e-mail, address and categories fill the survivor's empty ones; the merged row
 * is kept, marked. Recorded in `applicant_merges` (to undo) and the audit log, in one transaction.
 * @throws 400 `same_applicant`; 404 `applicant_not_found`; 409 `applicant_merged`.
 */
export async function mergeApplicants(
  deps: Deps,
  actor: UserActor,
  input: { survivorId: number; mergedId: number },
): Promise<MergeView> {
  if (input.survivorId === input.mergedId)
    throw badRequest('same_applicant', 'An applicant cannot be merged into itself.');
  return deps.db.transaction().execute(async (trx) => {
    // Lock in id order, so two merges of the same pair cannot deadlock.
    const [first, second] = [input.survivorId, input.mergedId].sort((a, b) => a - b);
    const a = await lockApplicant(trx, first!);
    const b = await lockApplicant(trx, second!);
    const survivor = a.id === input.survivorId ? a : b;
    const merged = a.id === input.survivorId ? b : a;
    for (const row of [survivor, merged])
      if (row.merged_into !== null)
        throw conflict(
          'applicant_merged',
          `Applicant ${row.id} was already merged into ${row.merged_into}.`,
        );
    const moved = await trx
      .updateTable('appeals')
      .set({ applicant_id: survivor.id })
      .where('applicant_id', '=', merged.id)
      .returning('id')
      .execute();
    const phones = [...survivor.phones];
    for (const p of merged.phones) {
      const key = normalisePhone(p);
      if (!phones.some((q) => normalisePhone(q) === key)) phones.push(p);
    }
    await trx
      .updateTable('applicants')
      .set({
        phones,
        phone_keys: phoneKeys(phones),
        email: survivor.email ?? merged.email,
        address: survivor.address ?? merged.address,
        privileged_category: survivor.privileged_category ?? merged.privileged_category,
        social_status: survivor.social_status ?? merged.social_status,
        updated_at: deps.now(),
      })
      .where('id', '=', survivor.id)
      .execute();
    await trx
      .updateTable('applicants')
      .set({ merged_into: survivor.id, updated_at: deps.now() })
      .where('id', '=', merged.id)
      .execute();
    const appealIds = moved.map((m) => m.id).sort((x, y) => x - y);
    const merge = await trx
      .insertInto('applicant_merges')
      .values({
        survivor_id: survivor.id,
        merged_id: merged.id,
        appeal_ids: appealIds,
        survivor_before: JSON.stringify(contactsOf(survivor)),
        merged_at: deps.now(),
        merged_by: actor.id,
      })
      .returning(['id', 'survivor_id', 'merged_id', 'appeal_ids', 'merged_at', 'undone_at'])
      .executeTakeFirstOrThrow();
    for (const [target, role] of [
      [survivor.id, 'survivor'],
      [merged.id, 'merged'],
    ] as const)
      await writeAudit(trx, deps.now(), actor, {
        action: 'mergeApplicants',
        target: `/applicants/${target}`,
        data: { mergeId: merge.id, role, survivorId: survivor.id, mergedId: merged.id, appealIds },
      });
    return presentMerge(merge);
  });
}
