/**
 * Executors: organisations in a hierarchy (departments, district administrations, utility
 * companies), and the routing rules question type → default main executor.
 */
import type { Kysely } from 'kysely';
import { matchKey } from '../../domain/text.js';
import { ukrainianTypography } from '../../domain/typography.js';
import type { OrganisationType } from '../../domain/vocabulary.js';
import type { Deps } from '../context.js';
import type { DB } from '../db/schema.js';
import { badRequest, conflict } from '../errors.js';
import type { NewOrganisation, OrganisationView } from '../../contract/executors.schemas.js';

const COLUMNS = [
  'id',
  'parent_id',
  'name',
  'short_name',
  'type',
  'email',
  'phone',
  'active',
] as const;

function present(row: {
  id: number;
  parent_id: number | null;
  name: string;
  short_name: string | null;
  type: OrganisationType;
  email: string | null;
  phone: string | null;
  active: boolean;
}): OrganisationView {
  return {
    id: row.id,
    parentId: row.parent_id,
    name: row.name,
    shortName: row.short_name,
    type: row.type,
    email: row.email,
    phone: row.phone,
    active: row.active,
  };
}

/** Every organisation, parents before children's siblings by name. */
export async function listOrganisations(deps: Deps): Promise<OrganisationView[]> {
  const rows = await deps.db.selectFrom('organisations').select(COLUMNS).orderBy('name').execute();
  return rows.map(present);
}

/**
 * Create an organisation.
 * @throws AppError 400 `unknown_organisation` (parent), 409 `organisation_exists` (same name).
 */
export async function createOrganisation(
  db: Kysely<DB>,
  input: NewOrganisation,
): Promise<OrganisationView> {
  if (input.parentId) {
    const parent = await db
      .selectFrom('organisations')
      .select('id')
      .where('id', '=', input.parentId)
      .executeTakeFirst();
    if (!parent)
      throw badRequest('unknown_organisation', `No organisation with id ${input.parentId}.`);
  }
  const key = matchKey(input.name);
  const existing = await db
    .selectFrom('organisations')
    .select('id')
    .where('match_key', '=', key)
    .executeTakeFirst();
  if (existing) {
    throw conflict(
      'organisation_exists',
      `An organisation named "${input.name}" exists (id ${existing.id}).`,
    );
  }
  const row = await db
    .insertInto('organisations')
    .values({
      name: ukrainianTypography(input.name),
      short_name: input.shortName ? ukrainianTypography(input.shortName) : null,
      type: input.type,
      parent_id: input.parentId ?? null,
      email: input.email ?? null,
      phone: input.phone ?? null,
      match_key: key,
    })
    .returning(COLUMNS)
    .executeTakeFirstOrThrow();
  return present(row);
}

/**
 * Find an organisation by name (apostrophe, quote and case tolerant) or create it under `parentId`.
 * Used by imports, which name executors by text.
 */
export async function findOrCreateOrganisation(
  db: Kysely<DB>,
  name: string,
  options: { parentId?: number | null; type?: OrganisationType } = {},
): Promise<{ id: number; created: boolean }> {
  const key = matchKey(name);
  const existing = await db
    .selectFrom('organisations')
    .select('id')
    .where('match_key', '=', key)
    .executeTakeFirst();
  if (existing) return { id: existing.id, created: false };
  const row = await db
    .insertInto('organisations')
    .values({
      name: ukrainianTypography(name),
      type: options.type ?? 'other',
      parent_id: options.parentId ?? null,
      match_key: key,
    })
    .onConflict((oc) => oc.column('match_key').doUpdateSet({ match_key: key }))
    .returning('id')
    .executeTakeFirstOrThrow();
  return { id: row.id, created: true };
}

/**
 * Set the default main executor of a question type (routing rule).
 * @throws AppError 400 `unknown_question_type`, `unknown_executor`.
 */
export async function setRoutingRule(
  db: Kysely<DB>,
  questionTypeId: number,
  executorId: number,
): Promise<void> {
  const qt = await db
    .selectFrom('question_types')
    .select('id')
    .where('id', '=', questionTypeId)
    .executeTakeFirst();
  if (!qt) throw badRequest('unknown_question_type', `No question type with id ${questionTypeId}.`);
  const org = await db
    .selectFrom('organisations')
    .select('id')
    .where('id', '=', executorId)
    .executeTakeFirst();
  if (!org) throw badRequest('unknown_executor', `No organisation with id ${executorId}.`);
  await db
    .insertInto('routing_rules')
    .values({ question_type_id: questionTypeId, executor_id: executorId })
    .onConflict((oc) =>
      oc
        .column('question_type_id')
        .doUpdateSet({ executor_id: executorId, updated_at: new Date() }),
    )
    .execute();
}
