/**
 * Staff users from the administrator's screen (issue 14, item 1): list with filters, create, edit,
 * deactivate and reactivate, reset a password; and the user's own password change. Every change
 * writes its audit entry in the same transaction (ADR 025).
 *
 * Deactivation deletes the user's sessions and revokes their API tokens in that transaction; every
 * request checks the session and the token against the database (`auth.service.ts`), so the user
 * is signed out on every app process at once. The last active administrator is never deactivated
 * or demoted (409 `last_administrator`).
 */
import { randomInt } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import { passwordProblem } from '../../domain/admin/password-policy.js';
import type { Deps, UserActor } from '../context.js';
import type { DB } from '../db/schema.js';
import { AppError, badRequest, conflict, notFound } from '../errors.js';
import { hashPassword, verifyPassword } from '../auth/password.js';
import { BREACHED_PASSWORDS } from './breached-passwords.js';
import { writeAudit } from './audit-trail.js';
import type {
  NewStaffUser,
  StaffUserChange,
  StaffUserView,
  staffUserFilter,
} from '../../contract/admin.schemas.js';
import type { z } from 'zod';

const OPEN_ASSIGNMENT_STATES = ['pending', 'in_work', 'responded', 'rework'] as const;

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

/** What the audit keeps of a user: no password, no hash. */
function auditable(user: StaffUserView): Record<string, unknown> {
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
 * Refuse a password by NIST SP 800-63B (length, breached list, the login or name).
 * @throws AppError 400 `password_too_short`, `password_breached`, `password_like_login`.
 */
export function assertPasswordAcceptable(
  password: string,
  context: { login?: string | null; fullName?: string | null },
): void {
  const problem = passwordProblem(password, context, BREACHED_PASSWORDS);
  if (problem === null) return;
  if (problem === 'breached')
    throw badRequest(
      'password_breached',
      'This password is in a list of passwords known from breaches, or is too easy to guess: choose another (a few unrelated words make a good one).',
    );
  if (problem === 'like_login')
    throw badRequest('password_like_login', 'The password must not be the login or the name.');
  throw badRequest(
    'password_too_short',
    'The password must be 8 to 200 characters long (any characters, spaces included).',
  );
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

async function loadUser(db: Kysely<DB>, id: number): Promise<StaffUserView> {
  const row = await usersQuery(db).where('u.id', '=', id).executeTakeFirst();
  if (!row) throw notFound('user', id);
  return present(row);
}

async function assertOrganisation(db: Kysely<DB>, organisationId: number | null): Promise<void> {
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
async function assertNotLastAdministrator(trx: Kysely<DB>, userId: number): Promise<void> {
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

/**
 * Create a staff user. @throws AppError 400 `organisation_required`, `unknown_organisation`,
 * `organisation_inactive`, a password refusal; 409 `login_taken`.
 */
export async function createStaffUser(
  deps: Deps,
  actor: UserActor,
  input: NewStaffUser,
): Promise<StaffUserView> {
  const organisationId = input.organisationId ?? null;
  if (input.role === 'executor' && organisationId === null)
    throw badRequest('organisation_required', 'An executor user must belong to an organisation.');
  assertPasswordAcceptable(input.password, input);
  const passwordHash = await hashPassword(input.password);
  return deps.db.transaction().execute(async (trx) => {
    await assertOrganisation(trx, organisationId);
    const taken = await trx
      .selectFrom('users')
      .select('id')
      .where((eb) => eb(eb.fn('lower', ['login']), '=', input.login.toLowerCase()))
      .executeTakeFirst();
    if (taken) throw conflict('login_taken', `The login "${input.login}" is already taken.`);
    const row = await trx
      .insertInto('users')
      .values({
        login: input.login,
        full_name: input.fullName,
        email: input.email ?? null,
        phone: input.phone ?? null,
        role: input.role,
        organisation_id: organisationId,
        password_hash: passwordHash,
        password_changed_at: deps.now(),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const user = await loadUser(trx, row.id);
    await writeAudit(trx, deps.now(), actor, {
      action: 'createUser',
      target: `/users/${user.id}`,
      before: null,
      after: auditable(user),
    });
    return user;
  });
}

/**
 * Change a user's name, contacts, role or organisation.
 * @throws AppError 404 `user_not_found`; 400 `organisation_required`, `unknown_organisation`;
 *   409 `last_administrator` (the last administrator's role changed).
 */
export async function updateStaffUser(
  deps: Deps,
  actor: UserActor,
  id: number,
  change: StaffUserChange,
): Promise<StaffUserView> {
  return deps.db.transaction().execute(async (trx) => {
    const before = await loadUser(trx, id);
    const role = change.role ?? before.role;
    const organisationId =
      change.organisationId === undefined ? before.organisationId : change.organisationId;
    if (role === 'executor' && organisationId === null)
      throw badRequest('organisation_required', 'An executor user must belong to an organisation.');
    if (change.organisationId !== undefined && change.organisationId !== before.organisationId)
      await assertOrganisation(trx, organisationId);
    if (before.role === 'administrator' && role !== 'administrator' && before.active)
      await assertNotLastAdministrator(trx, id);
    await trx
      .updateTable('users')
      .set({
        ...(change.fullName !== undefined ? { full_name: change.fullName } : {}),
        ...(change.email !== undefined ? { email: change.email } : {}),
        ...(change.phone !== undefined ? { phone: change.phone } : {}),
        role,
        organisation_id: organisationId,
      })
      .where('id', '=', id)
      .execute();
    const after = await loadUser(trx, id);
    await writeAudit(trx, deps.now(), actor, {
      action: 'updateUser',
      target: `/users/${id}`,
      before: auditable(before),
      after: auditable(after),
    });
    return after;
  });
}

/**
 * Deactivate a user: sessions deleted, API tokens revoked (for good), in one transaction with the
 * audit entry; the answer counts the open assignments of their organisation that no active user
 * of it is left to work (to reassign).
 *
 * @throws AppError 404 `user_not_found`; 409 `last_administrator`, `cannot_deactivate_self`.
 */
export async function deactivateStaffUser(
  deps: Deps,
  actor: UserActor | null,
  id: number,
): Promise<{
  user: StaffUserView;
  sessionsEnded: number;
  tokensRevoked: number;
  orphanedAssignments: number;
  openWork: { appealId: number; number: string }[];
  duties: { executorIds: number[]; queues: string[] };
}> {
  if (actor && actor.id === id)
    throw conflict('cannot_deactivate_self', 'You cannot deactivate your own account.');
  return deps.db.transaction().execute(async (trx) => {
    const before = await loadUser(trx, id);
    if (before.role === 'administrator') await assertNotLastAdministrator(trx, id);
    await trx.updateTable('users').set({ active: false }).where('id', '=', id).execute();
    const sessions = await trx.deleteFrom('sessions').where('user_id', '=', id).executeTakeFirst();
    const tokens = await trx
      .updateTable('api_tokens')
      .set({ revoked_at: deps.now() })
      .where('user_id', '=', id)
      .where('revoked_at', 'is', null)
      .executeTakeFirst();
    let orphanedAssignments = 0;
    let openWork: { appealId: number; number: string }[] = [];
    if (before.organisationId !== null && before.role === 'executor') {
      const others = await trx
        .selectFrom('users')
        .select('id')
        .where('organisation_id', '=', before.organisationId)
        .where('role', '=', 'executor')
        .where('active', '=', true)
        .executeTakeFirst();
      if (!others) {
        const open = await trx
          .selectFrom('assignments')
          .select((eb) => eb.fn.countAll<string>().as('n'))
          .where('executor_id', '=', before.organisationId)
          .where('state', 'in', OPEN_ASSIGNMENT_STATES)
          .executeTakeFirstOrThrow();
        orphanedAssignments = Number(open.n);
        openWork = (
          await trx
            .selectFrom('assignments as s')
            .innerJoin('appeals as a', 'a.id', 's.appeal_id')
            .select(['a.id as appealId', 'a.number'])
            .where('s.executor_id', '=', before.organisationId)
            .where('s.state', 'in', OPEN_ASSIGNMENT_STATES)
            .orderBy('s.control_date')
            .limit(50)
            .execute()
        ).map((w) => ({ appealId: w.appealId, number: w.number }));
      }
    }
    const after = await loadUser(trx, id);
    // Issue 14: the duties they held (controllers' executors, operators' queues) fall uncovered.
    const watched = await trx
      .selectFrom('controller_duties')
      .select('executor_id')
      .where('controller_id', '=', id)
      .execute();
    const queues = await trx
      .selectFrom('operator_duties')
      .select('queue')
      .where('user_id', '=', id)
      .execute();
    const result = {
      user: after,
      sessionsEnded: Number(sessions.numDeletedRows),
      tokensRevoked: Number(tokens.numUpdatedRows),
      orphanedAssignments,
      openWork,
      duties: {
        executorIds: watched.map((w) => w.executor_id),
        queues: queues.map((q) => q.queue),
      },
    };
    if (actor) {
      await writeAudit(trx, deps.now(), actor, {
        action: 'deactivateUser',
        target: `/users/${id}`,
        before: { active: before.active },
        after: { active: false },
        data: {
          sessionsEnded: result.sessionsEnded,
          tokensRevoked: result.tokensRevoked,
          orphanedAssignments,
        },
      });
    }
    return result;
  });
}

/** Activate a user again (no session or token comes back). @throws AppError 404 `user_not_found`. */
export async function reactivateStaffUser(
  deps: Deps,
  actor: UserActor,
  id: number,
): Promise<StaffUserView> {
  return deps.db.transaction().execute(async (trx) => {
    const before = await loadUser(trx, id);
    if (before.organisationId !== null) await assertOrganisation(trx, before.organisationId);
    await trx.updateTable('users').set({ active: true }).where('id', '=', id).execute();
    await writeAudit(trx, deps.now(), actor, {
      action: 'reactivateUser',
      target: `/users/${id}`,
      before: { active: before.active },
      after: { active: true },
    });
    return loadUser(trx, id);
  });
}

// Unambiguous letters and digits (no 0/O, 1/l/I), in groups: easy to read out over the phone.
const ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789';

/** A one-time password of 4 groups of 4 (about 79 bits). */
export function oneTimePassword(): string {
  const groups = Array.from({ length: 4 }, () =>
    Array.from({ length: 4 }, () => ALPHABET[randomInt(ALPHABET.length)]).join(''),
  );
  return groups.join('-');
}

/**
 * Reset a user's password to a one-time password (returned once, never stored in plain or
 * logged); the user must change it at the next sign-in; their sessions end.
 * @throws AppError 404 `user_not_found`.
 */
export async function resetStaffPassword(
  deps: Deps,
  actor: UserActor,
  id: number,
): Promise<{ user: StaffUserView; oneTimePassword: string }> {
  const password = oneTimePassword();
  const passwordHash = await hashPassword(password);
  return deps.db.transaction().execute(async (trx) => {
    await loadUser(trx, id);
    await trx
      .updateTable('users')
      .set({
        password_hash: passwordHash,
        must_change_password: true,
        password_changed_at: deps.now(),
      })
      .where('id', '=', id)
      .execute();
    const sessions = await trx.deleteFrom('sessions').where('user_id', '=', id).executeTakeFirst();
    await writeAudit(trx, deps.now(), actor, {
      action: 'resetPassword',
      target: `/users/${id}`,
      after: { mustChangePassword: true },
      data: { sessionsEnded: Number(sessions.numDeletedRows) },
    });
    return { user: await loadUser(trx, id), oneTimePassword: password };
  });
}

/**
 * The signed-in user changes their own password (also the way out of a reset).
 * Other sessions of the user end; this one stays.
 * @throws AppError 400 `wrong_current_password`, a password refusal, `password_unchanged`.
 */
export async function changeOwnPassword(
  deps: Deps,
  user: UserActor,
  input: { currentPassword: string; newPassword: string },
  keepSessionHash: string | null,
): Promise<void> {
  const row = await deps.db
    .selectFrom('users')
    .select(['password_hash', 'login', 'full_name'])
    .where('id', '=', user.id)
    .executeTakeFirstOrThrow();
  if (!(await verifyPassword(row.password_hash, input.currentPassword)))
    throw new AppError('wrong_current_password', 400, 'The current password is wrong.');
  if (input.currentPassword === input.newPassword)
    throw badRequest('password_unchanged', 'The new password must differ from the current one.');
  assertPasswordAcceptable(input.newPassword, { login: row.login, fullName: row.full_name });
  const passwordHash = await hashPassword(input.newPassword);
  await deps.db.transaction().execute(async (trx) => {
    await trx
      .updateTable('users')
      .set({
        password_hash: passwordHash,
        must_change_password: false,
        password_changed_at: deps.now(),
      })
      .where('id', '=', user.id)
      .execute();
    let others = trx.deleteFrom('sessions').where('user_id', '=', user.id);
    if (keepSessionHash) others = others.where('token_hash', '!=', keepSessionHash);
    await others.execute();
    await writeAudit(trx, deps.now(), user, {
      action: 'changeOwnPassword',
      target: `/users/${user.id}`,
      after: { mustChangePassword: false },
    });
  });
}
