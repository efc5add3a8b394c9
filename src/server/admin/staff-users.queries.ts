/**
 * The staff users' reads (issue 14, item 1): the administrator's filtered list and one user by id,
 * both shaped into `StaffUserView` (no password hash ever leaves this file). The use cases of the
 * folder (`create-staff-user.ts`, `update-staff-user.ts`, …) load the user before and after a
 * change through `loadUser`, inside their transaction.
 */
import type { Kysely } from 'kysely';
import type { z } from 'zod';
import type { StaffUserView, staffUserFilter } from '../../contract/admin.schemas.js';
import type { DB } from '../db/schema.js';
import { notFound } from '../errors.js';

function usersQuery(db: Kysely<DB>) {
  return db
    .selectFrom('users as u')
    .leftJoin('organisations as o', 'o.id', 'u.organisation_id')
    .select([
      'u.id',
      'u.login',
      'u.full_name',
      'u.email',
      'u.phone',
      'u.role',
      'u.organisation_id',
      'o.name as organisation_name',
      'u.active',
      'u.must_change_password',
      'u.created_at',
    ]);
}

type UserRow = Awaited<ReturnType<ReturnType<typeof usersQuery>['executeTakeFirstOrThrow']>>;

function present(row: UserRow): StaffUserView {
  return {
    id: row.id,
    login: row.login,
    fullName: row.full_name,
    email: row.email,
    phone: row.phone,
    role: row.role,
    organisationId: row.organisation_id,
    organisationName: row.organisation_name,
    active: row.active,
    mustChangePassword: row.must_change_password,
    createdAt: new Date(row.created_at),
  };
}

/** Users matching the filter, by login. */
export async function listStaffUsers(
  db: Kysely<DB>,
  filter: z.infer<typeof staffUserFilter>,
): Promise<StaffUserView[]> {
  let query = usersQuery(db);
  if (filter.q) {
    const pattern = `%${filter.q.replace(/[\\%_]/g, '\\$&')}%`;
    query = query.where((eb) =>
      eb.or([
        eb('u.login', 'ilike', pattern),
        eb('u.full_name', 'ilike', pattern),
        eb('u.email', 'ilike', pattern),
      ]),
    );
  }
  if (filter.role) query = query.where('u.role', '=', filter.role);
  if (filter.organisationId) query = query.where('u.organisation_id', '=', filter.organisationId);
  if (filter.active) query = query.where('u.active', '=', filter.active === 'true');
  const rows = await query.orderBy('u.login').limit(1000).execute();
  return rows.map(present);
}

/** One user by id, in `db` (a transaction's, when a use case holds one). @throws AppError 404 `user_not_found`. */
export async function loadUser(db: Kysely<DB>, id: number): Promise<StaffUserView> {
  const row = await usersQuery(db).where('u.id', '=', id).executeTakeFirst();
  if (!row) throw notFound('user', id);
  return present(row);
}
