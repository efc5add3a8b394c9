/**
 * Applicants as records the centre keeps (issue 14, item 8): search by name, phone, e-mail or
 * address in their normal forms (phones as E.164 keys, text folded by `kontakt_fold`: apostrophes
 * and Latin look-alikes), edit with history (audit entries before → after), proposals of likely
 * duplicates, and merging them — undoably. A merged applicant stays as a row marked `merged_into`;
 * its appeals move to the survivor, so Art. 8 of Law 393/96-ВР (a repeated appeal on a decided
 * question) sees the person's whole history.
 *
 * This file holds the reads (search, the applicant's page, history, duplicate proposals, merges);
 * the edits are `update-applicant.ts`, `merge-applicants.ts` and `undo-merge.ts`.
 */
import { sql, type Kysely } from 'kysely';
import type { z } from 'zod';
import { addressKey } from '../../domain/addresses/address-normal-form.js';
import { matchKey, normalisePhone } from '../../domain/text.js';
import { foldKey } from '../../domain/normal-forms.js';
import type {
  applicantHistoryEntry,
  applicantListItem,
  duplicateProposal,
} from '../../contract/applicants.schemas.js';
import type { Actor, Deps } from '../context.js';
import type { DB } from '../db/schema.js';
import { notFound } from '../errors.js';
import { logPersonalDataRead } from '../audit/personal-data-reads.js';
import { presentApplicant } from './applicants.service.js';
import { presentMerge, type MergeView } from './applicant-record-steps.js';

export type ListItem = z.infer<typeof applicantListItem>;
type Proposal = z.infer<typeof duplicateProposal>;

const COLUMNS = [
  'ap.id',
  'ap.full_name',
  'ap.phones',
  'ap.email',
  'ap.address',
  'ap.privileged_category',
  'ap.social_status',
] as const;

/** The SQL twin of `matchKey` for names and addresses: quotes, spaces, apostrophes, look-alikes. */
const foldedName = (column: 'ap.full_name' | 'ap.address') =>
  sql<string>`kontakt_fold(btrim(regexp_replace(translate(${sql.ref(column)}, '«»“”„', '"""""'), '\\s+', ' ', 'g')))`;

const escapeLike = (text: string) => text.replace(/[\\%_]/g, '\\$&');

/** Applicants not merged into another, with their appeals' count (the registry's own query). */
export function recordsQuery(db: Kysely<DB>) {
  return db
    .selectFrom('applicants as ap')
    .select(COLUMNS)
    .select((eb) =>
      eb
        .selectFrom('appeals as a')
        .select(eb.fn.countAll<string>().as('n'))
        .whereRef('a.applicant_id', '=', 'ap.id')
        .as('appeal_count'),
    )
    .where('ap.merged_into', 'is', null);
}

type Row = Awaited<ReturnType<ReturnType<typeof recordsQuery>['execute']>>[number];
/** An applicant's row as the API lists it. */
export const presentRecord = (r: Row): ListItem => ({
  ...presentApplicant(r),
  appealCount: Number(r.appeal_count ?? 0),
});

/**
 * Applicants matching `q` (up to 50): a phone in any spelling when `q` reads as one, else words
 * found in the folded name, e-mail or address. The read is logged (who read whose data).
 * Full scan over applicants (no trigram index yet; ~0.5 s at 650,000 applicants on PostgreSQL).
 */
export async function searchApplicants(deps: Deps, actor: Actor, q: string): Promise<ListItem[]> {
  const phone = /^[+\d\s().\-/]+$/.test(q) ? normalisePhone(q) : null;
  let query = recordsQuery(deps.db);
  if (phone) {
    query = query.where('ap.phone_keys', '@>', sql<string[]>`ARRAY[${phone}]::text[]`);
  } else {
    const pattern = `%${escapeLike(matchKey(q))}%`;
    query = query.where((eb) =>
      eb.or([
        eb(foldedName('ap.full_name'), 'like', pattern),
        eb(foldedName('ap.address'), 'like', pattern),
        eb(sql<string>`lower(ap.email)`, 'like', `%${escapeLike(q.toLowerCase())}%`),
      ]),
    );
  }
  const rows = await query.orderBy('ap.full_name').orderBy('ap.id').limit(50).execute();
  const items = rows.map(presentRecord);
  await logPersonalDataRead(
    deps.db,
    deps.now(),
    actor,
    items.map((i) => i.id),
    { via: 'applicant_search' },
  );
  return items;
}

/** One applicant for their page (the read is logged). @throws 404 `applicant_not_found`. */
export async function readApplicant(deps: Deps, actor: Actor, id: number): Promise<ListItem> {
  const row = await recordsQuery(deps.db).where('ap.id', '=', id).executeTakeFirst();
  if (!row) throw notFound('applicant', id);
  await logPersonalDataRead(deps.db, deps.now(), actor, [id], { via: 'applicant_page' });
  return presentRecord(row);
}

/** The changes of an applicant (edits, merges, undos), newest first; reads are not listed. */
export async function applicantHistory(
  db: Kysely<DB>,
  id: number,
): Promise<z.infer<typeof applicantHistoryEntry>[]> {
  const rows = await db
    .selectFrom('audit_log')
    .select(['at', 'actor_label', 'action', 'data'])
    .where('target', '=', `/applicants/${id}`)
    .where('action', '!=', 'readApplicant')
    .orderBy('seq', 'desc')
    .limit(200)
    .execute();
  return rows.map((r) => ({
    at: new Date(r.at),
    actorLabel: r.actor_label,
    action: r.action,
    data: (typeof r.data === 'string' ? JSON.parse(r.data) : r.data) as Record<string, unknown>,
  }));
}

/**
 * Likely duplicates (up to 30 groups each): applicants sharing a phone number (E.164 key), and
 * applicants with the same name and address after folding (apostrophes, Latin look-alikes, quotes,
 * spaces; the address by its normal form, `12а` = `12-А`). With `applicantId`, only groups that
 * hold that applicant. A proposal only: families share phones, so a person confirms each merge.
 */
export async function duplicateProposals(
  deps: Deps,
  actor: Actor,
  applicantId?: number,
): Promise<Proposal[]> {
  const db = deps.db;
  let phoneGroups = db
    .selectFrom(
      sql<{
        id: number;
        k: string;
      }>`(SELECT ap.id, unnest(ap.phone_keys) AS k FROM applicants ap WHERE ap.merged_into IS NULL)`.as(
        'p',
      ),
    )
    .select(['p.k', sql<number[]>`array_agg(DISTINCT p.id)`.as('ids')])
    .groupBy('p.k')
    .having(sql<boolean>`count(DISTINCT p.id) > 1`);
  let nameGroups = db
    .selectFrom('applicants as ap')
    .select(sql<number[]>`array_agg(ap.id)`.as('ids'))
    .where('ap.merged_into', 'is', null)
    .where('ap.address', 'is not', null)
    .groupBy(foldedName('ap.full_name'))
    .having(sql<boolean>`count(*) > 1`);
  if (applicantId !== undefined) {
    phoneGroups = phoneGroups.having(sql<boolean>`${applicantId} = ANY(array_agg(p.id))`);
    nameGroups = nameGroups.having(sql<boolean>`${applicantId} = ANY(array_agg(ap.id))`);
  }
  const [byPhone, byName] = await Promise.all([
    phoneGroups.limit(30).execute(),
    nameGroups.limit(60).execute(),
  ]);
  const ids = [...new Set([...byPhone, ...byName].flatMap((g) => g.ids))];
  const rows = ids.length === 0 ? [] : await recordsQuery(db).where('ap.id', 'in', ids).execute();
  const byId = new Map(rows.map((r) => [r.id, r]));
  const proposals: Proposal[] = byPhone.map((g) => ({
    reason: 'phone' as const,
    applicants: g.ids.flatMap((id) => (byId.has(id) ? [presentRecord(byId.get(id)!)] : [])),
  }));
  // Same folded name: split by the address's normal form (the SQL fold cannot read house numbers).
  for (const g of byName) {
    const groups = new Map<string, ListItem[]>();
    for (const id of g.ids) {
      const row = byId.get(id);
      if (!row?.address) continue;
      const key = `${foldKey(matchKey(row.full_name))}|${addressKey(row.address) ?? foldKey(row.address)}`;
      groups.set(key, [...(groups.get(key) ?? []), presentRecord(row)]);
    }
    for (const list of groups.values())
      if (list.length > 1 && (applicantId === undefined || list.some((a) => a.id === applicantId)))
        proposals.push({ reason: 'name_address', applicants: list.slice(0, 10) });
  }
  const result = proposals
    .filter((p) => p.applicants.length > 1)
    .map((p) => ({ ...p, applicants: p.applicants.sort((a, b) => a.id - b.id) }));
  await logPersonalDataRead(
    db,
    deps.now(),
    actor,
    [...new Set(result.flatMap((p) => p.applicants.map((a) => a.id)))],
    { via: 'applicant_search' },
  );
  return result.slice(0, 30);
}

/** The merges an applicant took part in, newest first. */
export async function mergesOf(db: Kysely<DB>, applicantId: number): Promise<MergeView[]> {
  const rows = await db
    .selectFrom('applicant_merges')
    .select(['id', 'survivor_id', 'merged_id', 'appeal_ids', 'merged_at', 'undone_at'])
    .where((eb) => eb.or([eb('survivor_id', '=', applicantId), eb('merged_id', '=', applicantId)]))
    .orderBy('id', 'desc')
    .execute();
  return rows.map(presentMerge);
}
