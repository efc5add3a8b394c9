import { normalisePhone } from '../../domain/text.js';
import type { Deps, UserActor } from '../context.js';
import { conflict, notFound } from '../errors.js';
import { writeAudit } from '../admin/audit-trail.js';
import { phoneKeys } from './applicants.service.js';
import {
  lockApplicant,
  presentMerge,
  type Contacts,
  type MergeView,
} from './applicant-record-steps.js';

/**
 * Undo a merge: the appeals that moved go back (those registered for the survivor since stay),
 * the merged applicant stands on its own again, and the contacts the merge added to the survivor
 * are taken away (a field the merge filled returns to empty unless edited since).
 * @throws 404 `merge_not_found`; 409 `merge_undone`, `applicant_merged` (the survivor was merged
 *   since: undo that merge first).
 */
export async function undoMerge(deps: Deps, actor: UserActor, mergeId: number): Promise<MergeView> {
  return deps.db.transaction().execute(async (trx) => {
    const merge = await trx
      .selectFrom('applicant_merges')
      .selectAll()
      .where('id', '=', mergeId)
      .forUpdate()
      .executeTakeFirst();
    if (!merge) throw notFound('merge', mergeId);
    if (merge.undone_at) throw conflict('merge_undone', `Merge ${mergeId} was already undone.`);
    const [first, second] = [merge.survivor_id, merge.merged_id].sort((a, b) => a - b);
    const a = await lockApplicant(trx, first!);
    const b = await lockApplicant(trx, second!);
    const survivor = a.id === merge.survivor_id ? a : b;
    const merged = a.id === merge.survivor_id ? b : a;
    if (survivor.merged_into !== null)
      throw conflict(
        'applicant_merged',
        `Applicant ${survivor.id} was merged into ${survivor.merged_into} since: undo that merge first.`,
      );
    if (merge.appeal_ids.length > 0)
      await trx
        .updateTable('appeals')
        .set({ applicant_id: merged.id })
        .where('id', 'in', merge.appeal_ids)
        .where('applicant_id', '=', survivor.id)
        .execute();
    const before = (
      typeof merge.survivor_before === 'string'
        ? JSON.parse(merge.survivor_before)
        : merge.survivor_before
    ) as Contacts;
    const beforePhones = new Set(phoneKeys((before.phones as string[] | null) ?? []));
    const mergedPhones = new Set(phoneKeys(merged.phones));
    const phones = survivor.phones.filter((p) => {
      const key = normalisePhone(p);
      return key === null || beforePhones.has(key) || !mergedPhones.has(key);
    });
    const restore = <T>(
      field: 'email' | 'address' | 'privileged_category' | 'social_status',
      now: T,
    ) => (before[field] === null && now === merged[field] ? null : now);
    await trx
      .updateTable('applicants')
      .set({
        phones,
        phone_keys: phoneKeys(phones),
        email: restore('email', survivor.email),
        address: restore('address', survivor.address),
        privileged_category: restore('privileged_category', survivor.privileged_category),
        social_status: restore('social_status', survivor.social_status),
        updated_at: deps.now(),
      })
      .where('id', '=', survivor.id)
      .execute();
    await trx
      .updateTable('applicants')
      .set({ merged_into: null, updated_at: deps.now() })
      .where('id', '=', merged.id)
      .execute();
    const done = await trx
      .updateTable('applicant_merges')
      .set({ undone_at: deps.now(), undone_by: actor.id })
      .where('id', '=', mergeId)
      .returning(['id', 'survivor_id', 'merged_id', 'appeal_ids', 'merged_at', 'undone_at'])
      .executeTakeFirstOrThrow();
    for (const target of [survivor.id, merged.id])
      await writeAudit(trx, deps.now(), actor, {
        action: 'undoApplicantMerge',
        target: `/applicants/${target}`,
        data: {
          mergeId,
          survivorId: survivor.id,
          mergedId: merged.id,
          appealIds: merge.appeal_ids,
        },
      });
    return presentMerge(done);
  });
}
