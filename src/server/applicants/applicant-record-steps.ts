/**
 * What editing, merging and undoing a merge of applicants share: an applicant's row locked with
 * the contact fields the audit compares, those fields on their own, and a merge as the API shows it.
 */
import type { Kysely } from 'kysely';
import type { z } from 'zod';
import type { mergeView } from '../../contract/applicants.schemas.js';
import type { DB } from '../db/schema.js';
import { notFound } from '../errors.js';

export type MergeView = z.infer<typeof mergeView>;

export const CONTACT_FIELDS = [
  'full_name',
  'phones',
  'email',
  'address',
  'privileged_category',
  'social_status',
] as const;
export type Contacts = Record<(typeof CONTACT_FIELDS)[number], unknown>;

/** The applicant's row, locked. @throws 404 `applicant_not_found`. */
export async function lockApplicant(trx: Kysely<DB>, id: number) {
  const row = await trx
    .selectFrom('applicants')
    .select([...CONTACT_FIELDS, 'id', 'merged_into'])
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirst();
  if (!row) throw notFound('applicant', id);
  return row;
}
/** The contact fields of a row (missing ones as null). */
export const contactsOf = (row: Contacts): Contacts =>
  Object.fromEntries(CONTACT_FIELDS.map((f) => [f, row[f] ?? null])) as Contacts;

/** A row of `applicant_merges` as the API shows it. */
export const presentMerge = (m: {
  id: number;
  survivor_id: number;
  merged_id: number;
  appeal_ids: number[];
  merged_at: Date;
  undone_at: Date | null;
}): MergeView => ({
  id: m.id,
  survivorId: m.survivor_id,
  mergedId: m.merged_id,
  appealIds: m.appeal_ids,
  mergedAt: new Date(m.merged_at),
  undoneAt: m.undone_at ? new Date(m.undone_at) : null,
});
