/**
 * Organisations (executors) from the administrator's screen (issue 14, item 2): the tree with the
 * open assignments and users of each node; create, rename and edit contacts and district, move in
 * the tree (a cycle refused), deactivate (refused while it holds open assignments) and reactivate.
 * Each change writes its audit entry in the same transaction (ADR 025).
 */
import type { Kysely } from 'kysely';
import { movesIntoOwnSubtree } from '../../domain/admin/organisation-tree.js';
import { matchKey } from '../../domain/text.js';
import { ukrainianTypography } from '../../domain/typography.js';
import type { Deps, UserActor } from '../context.js';
import type { DB } from '../db/schema.js';
import { badRequest, conflict, notFound } from '../errors.js';
import { writeAudit } from './audit-trail.js';
import type {
  AdminOrganisationView,
  NewAdminOrganisation,
  OrganisationChange,
} from '../../contract/admin.schemas.js';

export const OPEN_ASSIGNMENT_STATES = ['pending', 'in_work', 'responded', 'rework'] as const;

function organisationsQuery(db: Kysely<DB>) {
  return db.selectFrom('organisations as o').select((eb) => [
    'o.id',
    'o.parent_id',
    'o.name',
    'o.short_name',
    'o.type',
    'o.email',
    'o.phone',
    'o.district_id',
    'o.active',
    eb
      .selectFrom('assignments as a')
      .select((e) => e.fn.countAll<string>().as('n'))
      .whereRef('a.executor_id', '=', 'o.id')
      .where('a.state', 'in', OPEN_ASSIGNMENT_STATES)
      .as('open_assignments'),
    eb
      .selectFrom('users as u')
      .select((e) => e.fn.countAll<string>().as('n'))
      .whereRef('u.organisation_id', '=', 'o.id')
      .where('u.active', '=', true)
      .as('users'),
  ]);
}

type Row = Awaited<ReturnType<ReturnType<typeof organisationsQuery>['executeTakeFirstOrThrow']>>;

function present(row: Row): AdminOrganisationView {
  return {
    id: row.id,
    parentId: row.parent_id,
    name: row.name,
    shortName: row.short_name,
    type: row.type,
    email: row.email,
    phone: row.phone,
    districtId: row.district_id,
    active: row.active,
    openAssignments: Number(row.open_assignments ?? 0),
    users: Number(row.users ?? 0),
  };
}

function auditable(o: AdminOrganisationView): Record<string, unknown> {
  return {
    name: o.name,
    shortName: o.shortName,
    type: o.type,
    parentId: o.parentId,
    email: o.email,
    phone: o.phone,
    districtId: o.districtId,
    active: o.active,
  };
}

/** Every organisation with its counts, by name (the web client builds the tree by `parentId`). */
export async function listAdminOrganisations(db: Kysely<DB>): Promise<AdminOrganisationView[]> {
  const rows = await organisationsQuery(db).orderBy('o.name').execute();
  return rows.map(present);
}

async function load(db: Kysely<DB>, id: number): Promise<AdminOrganisationView> {
  const row = await organisationsQuery(db).where('o.id', '=', id).executeTakeFirst();
  if (!row) throw notFound('organisation', id);
  return present(row);
}

async function assertParent(db: Kysely<DB>, parentId: number | null | undefined): Promise<void> {
  if (!parentId) return;
  const parent = await db
    .selectFrom('organisations')
    .select('id')
    .where('id', '=', parentId)
    .executeTakeFirst();
  if (!parent) throw badRequest('unknown_organisation', `No organisation with id ${parentId}.`);
}

async function assertDistrict(
  db: Kysely<DB>,
  districtId: number | null | undefined,
): Promise<void> {
  if (!districtId) return;
  const district = await db
    .selectFrom('districts')
    .select('id')
    .where('id', '=', districtId)
    .executeTakeFirst();
  if (!district) throw badRequest('unknown_district', `No district with id ${districtId}.`);
}

async function assertNameFree(
  db: Kysely<DB>,
  name: string,
  exceptId: number | null,
): Promise<string> {
  const key = matchKey(name);
  let query = db.selectFrom('organisations').select('id').where('match_key', '=', key);
  if (exceptId !== null) query = query.where('id', '!=', exceptId);
  const existing = await query.executeTakeFirst();
  if (existing)
    throw conflict(
      'organisation_exists',
      `An organisation named "${name}" exists (id ${existing.id}).`,
    );
  return key;
}

/**
 * Create an organisation under `parentId`.
 * @throws AppError 400 `unknown_organisation`, `unknown_district`; 409 `organisation_exists`.
 */
export async function createAdminOrganisation(
  deps: Deps,
  actor: UserActor,
  input: NewAdminOrganisation,
): Promise<AdminOrganisationView> {
  return deps.db.transaction().execute(async (trx) => {
    await assertParent(trx, input.parentId);
    await assertDistrict(trx, input.districtId);
    const key = await assertNameFree(trx, input.name, null);
    const row = await trx
      .insertInto('organisations')
      .values({
        name: ukrainianTypography(input.name),
        short_name: input.shortName ? ukrainianTypography(input.shortName) : null,
        type: input.type,
        parent_id: input.parentId ?? null,
        email: input.email ?? null,
        phone: input.phone ?? null,
        district_id: input.districtId ?? null,
        match_key: key,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const created = await load(trx, row.id);
    await writeAudit(trx, deps.now(), actor, {
      action: 'createOrganisation',
      target: `/organisations/${row.id}`,
      before: null,
      after: auditable(created),
    });
    return created;
  });
}

/**
 * Rename an organisation, change its type, contacts or district.
 * @throws AppError 404 `organisation_not_found`; 400 `unknown_district`; 409 `organisation_exists`.
 */
export async function updateAdminOrganisation(
  deps: Deps,
  actor: UserActor,
  id: number,
  change: OrganisationChange,
): Promise<AdminOrganisationView> {
  return deps.db.transaction().execute(async (trx) => {
    const before = await load(trx, id);
    const key = change.name !== undefined ? await assertNameFree(trx, change.name, id) : undefined;
    if (change.districtId !== undefined) await assertDistrict(trx, change.districtId);
    await trx
      .updateTable('organisations')
      .set({
        ...(change.name !== undefined
          ? { name: ukrainianTypography(change.name), match_key: key }
          : {}),
        ...(change.shortName !== undefined
          ? { short_name: change.shortName ? ukrainianTypography(change.shortName) : null }
          : {}),
        ...(change.type !== undefined ? { type: change.type } : {}),
        ...(change.email !== undefined ? { email: change.email } : {}),
        ...(change.phone !== undefined ? { phone: change.phone } : {}),
        ...(change.districtId !== undefined ? { district_id: change.districtId } : {}),
      })
      .where('id', '=', id)
      .execute();
    const after = await load(trx, id);
    await writeAudit(trx, deps.now(), actor, {
      action: 'updateOrganisation',
      target: `/organisations/${id}`,
      before: auditable(before),
      after: auditable(after),
    });
    return after;
  });
}

/**
 * Move an organisation under another (or to the top).
 * @throws AppError 404 `organisation_not_found`; 400 `unknown_organisation`;
 *   409 `organisation_cycle` (under itself or one of its descendants).
 */
export async function moveAdminOrganisation(
  deps: Deps,
  actor: UserActor,
  id: number,
  parentId: number | null,
): Promise<AdminOrganisationView> {
  return deps.db.transaction().execute(async (trx) => {
    const before = await load(trx, id);
    await assertParent(trx, parentId);
    // The whole tree is small (hundreds of rows); read it under a lock so two moves serialise.
    const rows = await trx
      .selectFrom('organisations')
      .select(['id', 'parent_id'])
      .forUpdate()
      .execute();
    const parentOf = new Map(rows.map((r) => [r.id, r.parent_id]));
    if (movesIntoOwnSubtree(parentOf, id, parentId))
      throw conflict(
        'organisation_cycle',
        'An organisation cannot be moved under itself or one of its own subordinates.',
      );
    await trx
      .updateTable('organisations')
      .set({ parent_id: parentId })
      .where('id', '=', id)
      .execute();
    const after = await load(trx, id);
    await writeAudit(trx, deps.now(), actor, {
      action: 'moveOrganisation',
      target: `/organisations/${id}`,
      before: { parentId: before.parentId },
      after: { parentId: after.parentId },
    });
    return after;
  });
}

/**
 * Deactivate (refused while it holds open assignments: the count is in `details`) or reactivate.
 * @throws AppError 404 `organisation_not_found`; 409 `organisation_has_open_assignments`.
 */
export async function setOrganisationActive(
  deps: Deps,
  actor: UserActor,
  id: number,
  active: boolean,
): Promise<AdminOrganisationView> {
  return deps.db.transaction().execute(async (trx) => {
    await trx.selectFrom('organisations').select('id').where('id', '=', id).forUpdate().execute();
    const before = await load(trx, id);
    if (!active && before.openAssignments > 0)
      throw conflict(
        'organisation_has_open_assignments',
        `The organisation holds ${before.openAssignments} open assignments: reassign them first.`,
        { openAssignments: before.openAssignments, executorId: id },
      );
    await trx.updateTable('organisations').set({ active }).where('id', '=', id).execute();
    const after = await load(trx, id);
    await writeAudit(trx, deps.now(), actor, {
      action: active ? 'reactivateOrganisation' : 'deactivateOrganisation',
      target: `/organisations/${id}`,
      before: { active: before.active },
      after: { active },
    });
    return after;
  });
}
