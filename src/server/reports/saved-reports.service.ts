/**
 * Saved reports (issue 17, item 2): a definition with a relative period, owned by the staff user
 * who saved it, shared with roles that read reports, optionally e-mailed on a schedule. Who sees
 * one: its owner and every user whose role it is shared with; who changes or deletes it: its
 * owner only (another user who sees it gets 403, one who does not 404 — its existence is not
 * told). Each create, update and delete writes its audit entry in the same transaction (ADR 025).
 */
import { sql, type Kysely } from 'kysely';
import {
  savedReportDefinition,
  reportSchedule,
  type SavedReportInput,
  type SavedReportView,
} from '../../contract/report-constructor.schemas.js';
import { can } from '../../domain/policy.js';
import type { Role } from '../../domain/vocabulary.js';
import { writeAudit } from '../admin/audit-trail.js';
import type { Deps, UserActor } from '../context.js';
import type { DB } from '../db/schema.js';
import { AppError, badRequest, notFound } from '../errors.js';
import { checkDefinition } from './saved-report-run.js';

function visibleTo(db: Kysely<DB>, actor: UserActor) {
  return db
    .selectFrom('saved_reports as s')
    .innerJoin('users as u', 'u.id', 's.owner_id')
    .select([
      's.id',
      's.name',
      's.definition',
      's.shared_with_roles',
      's.schedule',
      's.owner_id',
      's.created_at',
      's.updated_at',
      'u.full_name as owner_name',
      (eb) =>
        eb
          .selectFrom('scheduled_report_runs as r')
          .select(
            sql<string>`json_build_object('at', r.made_at, 'from', to_char(r.period_from, 'YYYY-MM-DD'),
              'to', to_char(r.period_to, 'YYYY-MM-DD'))::text`.as('x'),
          )
          .whereRef('r.saved_report_id', '=', 's.id')
          .orderBy('r.made_at', 'desc')
          .orderBy('r.id', 'desc')
          .limit(1)
          .as('last_sent'),
    ])
    .where((eb) =>
      eb.or([
        eb('s.owner_id', '=', actor.id),
        eb(sql<string>`${actor.role}`, '=', sql<string>`ANY(s.shared_with_roles)`),
      ]),
    );
}

type Row = Awaited<ReturnType<ReturnType<typeof visibleTo>['executeTakeFirstOrThrow']>>;

function present(row: Row, actor: UserActor): SavedReportView {
  const last = row.last_sent
    ? (JSON.parse(row.last_sent) as { at: string; from: string; to: string })
    : null;
  return {
    id: row.id,
    name: row.name,
    definition: savedReportDefinition.parse(row.definition),
    sharedWithRoles: row.shared_with_roles as Role[],
    schedule: row.schedule ? reportSchedule.parse(row.schedule) : null,
    owner: { id: row.owner_id, name: row.owner_name },
    mine: row.owner_id === actor.id,
    createdAt: new Date(row.created_at).toISOString(),
    updatedAt: new Date(row.updated_at).toISOString(),
    lastSent: last ? { at: new Date(last.at).toISOString(), from: last.from, to: last.to } : null,
  };
}

/** The saved reports `actor` sees (own and shared with their role), by name. */
export async function listSavedReports(deps: Deps, actor: UserActor): Promise<SavedReportView[]> {
  const rows = await visibleTo(deps.db, actor).orderBy('s.name').orderBy('s.id').execute();
  return rows.map((r) => present(r, actor));
}

/**
 * One saved report `actor` sees.
 * @throws AppError 404 `saved_report_not_found` (missing, or neither owned nor shared with the role).
 */
export async function getSavedReport(
  db: Kysely<DB>,
  actor: UserActor,
  id: number,
): Promise<SavedReportView> {
  const row = await visibleTo(db, actor).where('s.id', '=', id).executeTakeFirst();
  if (!row) throw notFound('saved_report', id);
  return present(row, actor);
}

/**
 * The input's stored form, checked: sharing only with roles that read reports (400
 * `report_share_role_invalid`), the period and pivot as `checkDefinition` (400
 * `report_period_invalid`, `pivot_same_dimension`, `pivot_too_wide`). Days of a relative period
 * are dropped.
 */
function checked(deps: Deps, input: SavedReportInput) {
  const refused = input.sharedWithRoles.filter((r) => !can(r, 'monitoring.read'));
  if (refused.length > 0)
    throw badRequest(
      'report_share_role_invalid',
      `Reports can be shared only with roles that read them (monitoring.read); not with: ${refused.join(', ')}.`,
      { roles: refused },
    );
  const d = input.definition;
  const definition = d.period === 'fixed' ? d : { ...d, from: undefined, to: undefined };
  checkDefinition(deps, definition, deps.now());
  return {
    name: input.name,
    definition: JSON.stringify(definition),
    shared_with_roles: [...new Set(input.sharedWithRoles)],
    schedule: input.schedule ? JSON.stringify(input.schedule) : null,
  };
}

/** Audit's view of a stored row (the definition and schedule as objects). */
const auditable = (r: ReturnType<typeof checked>) => ({
  name: r.name,
  definition: JSON.parse(r.definition) as unknown,
  sharedWithRoles: r.shared_with_roles,
  schedule: r.schedule === null ? null : (JSON.parse(r.schedule) as unknown),
});

/**
 * Saves a new report owned by `actor`.
 * @throws AppError 400 as {@link checked}.
 */
export async function createSavedReport(
  deps: Deps,
  actor: UserActor,
  input: SavedReportInput,
): Promise<SavedReportView> {
  const values = checked(deps, input);
  const id = await deps.db.transaction().execute(async (trx) => {
    const now = deps.now();
    const row = await trx
      .insertInto('saved_reports')
      .values({ ...values, owner_id: actor.id, created_at: now, updated_at: now })
      .returning('id')
      .executeTakeFirstOrThrow();
    await writeAudit(trx, now, actor, {
      action: 'createSavedReport',
      target: `/reports/saved/${row.id}`,
      after: auditable(values),
    });
    return row.id;
  });
  return getSavedReport(deps.db, actor, id);
}

/** The row `actor` may change: 404 when they do not see it, 403 when they see it but don't own it. */
async function ownRow(trx: Kysely<DB>, actor: UserActor, id: number) {
  const row = await trx
    .selectFrom('saved_reports')
    .selectAll()
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirst();
  if (!row || (row.owner_id !== actor.id && !row.shared_with_roles.includes(actor.role)))
    throw notFound('saved_report', id);
  if (row.owner_id !== actor.id)
    throw new AppError(
      'saved_report_not_owner',
      403,
      'Only the owner of a saved report may change or delete it; save a copy of your own instead.',
    );
  return row;
}

const storedAuditable = (row: {
  name: string;
  definition: unknown;
  shared_with_roles: string[];
  schedule: unknown;
}) => ({
  name: row.name,
  definition: row.definition,
  sharedWithRoles: row.shared_with_roles,
  schedule: row.schedule ?? null,
});

/**
 * Replaces a saved report's name, definition, sharing and schedule (its owner only).
 * @throws AppError 404 `saved_report_not_found`, 403 `saved_report_not_owner`, 400 as {@link checked}.
 */
export async function updateSavedReport(
  deps: Deps,
  actor: UserActor,
  id: number,
  input: SavedReportInput,
): Promise<SavedReportView> {
  await deps.db.transaction().execute(async (trx) => {
    const before = await ownRow(trx, actor, id);
    const values = checked(deps, input);
    const now = deps.now();
    await trx
      .updateTable('saved_reports')
      .set({ ...values, updated_at: now })
      .where('id', '=', id)
      .execute();
    await writeAudit(trx, now, actor, {
      action: 'updateSavedReport',
      target: `/reports/saved/${id}`,
      before: storedAuditable(before),
      after: auditable(values),
    });
  });
  return getSavedReport(deps.db, actor, id);
}

/**
 * Deletes a saved report and its runs (its owner only).
 * @throws AppError 404 `saved_report_not_found`, 403 `saved_report_not_owner`.
 */
export async function deleteSavedReport(deps: Deps, actor: UserActor, id: number): Promise<void> {
  await deps.db.transaction().execute(async (trx) => {
    const before = await ownRow(trx, actor, id);
    await trx.deleteFrom('saved_reports').where('id', '=', id).execute();
    await writeAudit(trx, deps.now(), actor, {
      action: 'deleteSavedReport',
      target: `/reports/saved/${id}`,
      before: storedAuditable(before),
    });
  });
}
