/**
 * Steps the staff user use cases share (issue 14, item 1; ADR 025): what the audit keeps of a user,
 * the check that an organisation exists and is active, and the lock that keeps the last active
 * administrator from being deactivated or demoted.
 */
import { sql, type Kysely } from 'kysely';
import type { StaffUserView } from '../../contract/admin.schemas.js';
import type { DB } from '../db/schema.js';
import { badRequest, conflict } from '../errors.js';

/** What the audit keeps of a user: no password, no hash. */
export function auditable(user: StaffUserView): Record<string, unknown> {
  return {
    login: user.login,
    fullName: user.fullName,
    email: user.email,
    phone: user.phone,
    role: user.role,
    organisationId: user.organisationId,
    active: user.active,
  };
}

/**
 * Refuse an organisation that does not exist or is deactivated (null: no organisation, accepted).
 * @throws AppError 400 `unknown_organisation`, `organisation_inactive`.
 */
export async function assertOrganisation(
  db: Kysely<DB>,
  organisationId: number | null,
): Promise<void> {
  if (organisationId === null) return;
  const org = await db
    .selectFrom('organisations')
    .select(['id', 'active'])
    .where('id', '=', organisationId)
    .executeTakeFirst();
  if (!org) throw badRequest('unknown_organisation', `No organisation with id ${organisationId}.`);
  if (!org.active)
    throw badRequest('organisation_inactive', `The organisation ${organisationId} is deactivated.`);
}

/**
 * Lock the active administrators and refuse when `userId` is the last of them.
 * @throws AppError 409 `last_administrator`.
 */
export async function assertNotLastAdministrator(trx: Kysely<DB>, userId: number): Promise<void> {
  const admins = await sql<{ id: number }>`
    SELECT id FROM users WHERE role = 'administrator' AND active ORDER BY id FOR UPDATE`.execute(
    trx,
  );
  const ids = admins.rows.map((r) => r.id);
  if (ids.length <= 1 && ids.includes(userId)) {
    throw conflict(
      'last_administrator',
      'This is the last active administrator: make another user an administrator first.',
    );
  }
}
