/**
 * Applicants (заявники): the people behind appeals. Phones are searchable in canonical form.
 */
import { type Kysely, sql } from 'kysely';
import { normalisePhone, matchKey } from '../../domain/text.js';
import type { ApplicantInput } from '../../contract/applicants.schemas.js';
import type { AuthorSex } from '../../domain/classifier-858.js';
import type { Deps } from '../context.js';
import type { DB } from '../db/schema.js';
import { notFound } from '../errors.js';
import { prepared } from '../db/prepared.js';

export interface ApplicantView {
  id: number;
  fullName: string;
  phones: string[];
  email: string | null;
  address: string | null;
  privilegedCategory: string | null;
  socialStatus: string | null;
  /** Issue 17: the sex the last intake recorded (Classifier No. 858, I.4), to prefill the next. */
  sex?: AuthorSex | null;
}

type ApplicantRow = {
  id: number;
  full_name: string;
  phones: string[];
  email: string | null;
  address: string | null;
  privileged_category: string | null;
  social_status: string | null;
  sex?: string | null;
};

export function presentApplicant(row: ApplicantRow): ApplicantView {
  return {
    id: row.id,
    fullName: row.full_name,
    phones: row.phones,
    email: row.email,
    address: row.address,
    privilegedCategory: row.privileged_category,
    socialStatus: row.social_status,
    ...(row.sex === undefined ? {} : { sex: row.sex as AuthorSex | null }),
  };
}

const COLUMNS = [
  'id',
  'full_name',
  'phones',
  'email',
  'address',
  'privileged_category',
  'social_status',
  'sex',
] as const;

/** The canonical digits (380XXXXXXXXX) of `phones`, without duplicates: what phone search matches. */
export function phoneKeys(phones: readonly string[]): string[] {
  return [...new Set(phones.map(normalisePhone).filter((p): p is string => p !== null))];
}

/** Insert an applicant (inside the caller's transaction). */
export async function insertApplicant(
  db: Kysely<DB>,
  input: ApplicantInput,
): Promise<ApplicantView> {
  const row = await db
    .insertInto('applicants')
    .values({
      full_name: input.fullName,
      phones: input.phones,
      phone_keys: phoneKeys(input.phones),
      email: input.email ?? null,
      address: input.address ?? null,
      privileged_category: input.privilegedCategory ?? null,
      social_status: input.socialStatus ?? null,
    })
    .returning(COLUMNS)
    .executeTakeFirstOrThrow();
  return presentApplicant(row);
}

/** Applicants whose phones match `phone` in any spelling (caller lookup by phone first). */
export async function findApplicantsByPhone(deps: Deps, phone: string): Promise<ApplicantView[]> {
  const key = normalisePhone(phone);
  if (!key) return [];
  const rows = await deps.db
    .selectFrom('applicants')
    .select(COLUMNS)
    .where('phone_keys', '@>', sql<string[]>`ARRAY[${key}]::text[]`)
    // A merged applicant (issue 14) is found through its survivor.
    .where('merged_into', 'is', null)
    .orderBy('updated_at', 'desc')
    .limit(20)
    .execute();
  return rows.map(presentApplicant);
}

/**
 * The applicant on record who is this person: the same name (whatever its apostrophes, spaces or
 * case) and a shared contact — a phone in any spelling, or the e-mail. Internet appeals find their
 * applicant this way, so Art. 8 (a repeated appeal on a decided question) sees the person's earlier
 * appeals whatever channel they came by. A name alone, or a contact alone, is not enough: families
 * share phones, and namesakes are common.
 *
 * @returns the most recently updated match, or null.
 */
export async function findSameApplicant(
  db: Kysely<DB>,
  person: { fullName: string; phone?: string | null; email?: string | null },
): Promise<ApplicantView | null> {
  const phone = person.phone ? normalisePhone(person.phone) : null;
  const email = person.email?.trim().toLowerCase() || null;
  if ((!phone && !email) || !person.fullName.trim()) return null;
  const rows = await db
    .selectFrom('applicants')
    .select(COLUMNS)
    .where('merged_into', 'is', null)
    .where((eb) =>
      eb.or([
        ...(phone ? [eb('phone_keys', '@>', sql<string[]>`ARRAY[${phone}]::text[]`)] : []),
        ...(email ? [eb(sql<string>`lower(email)`, '=', email)] : []),
      ]),
    )
    .orderBy('updated_at', 'desc')
    .limit(50)
    .modifyEnd(prepared)
    .execute();
  const name = matchKey(person.fullName);
  const same = rows.find((r) => matchKey(r.full_name) === name);
  return same ? presentApplicant(same) : null;
}

/** One applicant. @throws AppError 404 `applicant_not_found`. */
export async function getApplicant(db: Kysely<DB>, id: number): Promise<ApplicantView> {
  const row = await db
    .selectFrom('applicants')
    .select(COLUMNS)
    .where('id', '=', id)
    .executeTakeFirst();
  if (!row) throw notFound('applicant', id);
  return presentApplicant(row);
}
