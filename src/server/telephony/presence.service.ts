/**
 * Operators' presence (issue 20, item 5): available, on a call, after-call work, break, signed out.
 * Set by the operator or by call events; each change closes the current period and opens a new one
 * (the history gives after-call time). Also each operator's extension.
 */
import type { Kysely } from 'kysely';
import type { PresenceState, PresenceView } from '../../contract/telephony.schemas.js';
import type { Deps, UserActor } from '../context.js';
import type { DB } from '../db/schema.js';
import { conflict } from '../errors.js';
import { publishLive } from '../live/live-bus.js';

/** The live topic of a presence change; the head's presence board listens to it (ADR 038, 040). */
export const PRESENCE_TOPIC = 'telephony.presence';

/**
 * Close the operator's current period and open one in `state` at `at` (no change when the state is
 * the same). Call inside the caller's transaction.
 */
export async function setPresence(
  db: Kysely<DB>,
  userId: number,
  state: PresenceState,
  setBy: 'operator' | 'call',
  at: Date,
): Promise<void> {
  const current = await db
    .selectFrom('operator_presence')
    .select(['id', 'state', 'started_at'])
    .where('user_id', '=', userId)
    .where('ended_at', 'is', null)
    .forUpdate()
    .executeTakeFirst();
  if (current?.state === state) return;
  // A late call event never moves an operator back in time: the period starts no earlier than
  // the current one.
  const start = current && current.started_at > at ? current.started_at : at;
  if (current) {
    await db
      .updateTable('operator_presence')
      .set({ ended_at: start })
      .where('id', '=', current.id)
      .execute();
  }
  await db
    .insertInto('operator_presence')
    .values({ user_id: userId, state, started_at: start, ended_at: null, set_by: setBy })
    .execute();
  // Leaves on the commit of the caller's transaction (NOTIFY is transactional), never on rollback.
  await publishLive(
    db,
    PRESENCE_TOPIC,
    { userId, state, since: start.toISOString() },
    // The head's board, and the operator's own header (a call moved them to "on a call").
    { userIds: [userId], permission: 'calls.monitor' },
    at,
  );
}

/**
 * What the operator sets: presence and/or the extension of their desk.
 *
 * @throws AppError 409 `extension_taken` when another operator holds the extension.
 */
export async function updateMyTelephony(
  deps: Deps,
  user: UserActor,
  input: { state?: PresenceState; extension?: string | null },
): Promise<PresenceView> {
  await deps.db.transaction().execute(async (trx) => {
    const now = deps.now();
    if (input.extension !== undefined) {
      if (input.extension === null) {
        await trx.deleteFrom('operator_extensions').where('user_id', '=', user.id).execute();
      } else {
        const holder = await trx
          .selectFrom('operator_extensions')
          .select('user_id')
          .where('extension', '=', input.extension)
          .executeTakeFirst();
        if (holder && holder.user_id !== user.id) {
          throw conflict('extension_taken', 'This extension belongs to another operator.');
        }
        await trx
          .insertInto('operator_extensions')
          .values({ user_id: user.id, extension: input.extension, updated_at: now })
          .onConflict((oc) =>
            oc.column('user_id').doUpdateSet({ extension: input.extension!, updated_at: now }),
          )
          .execute();
      }
    }
    if (input.state) await setPresence(trx, user.id, input.state, 'operator', now);
  });
  const [mine] = await listPresence(deps, user.id);
  return mine!;
}

/**
 * Operators' current presence (staff of the centre who can register appeals and have ever had an
 * extension or a presence), or one user's. No period → `signed_out`.
 */
export async function listPresence(deps: Deps, userId?: number): Promise<PresenceView[]> {
  let query = deps.db
    .selectFrom('users as u')
    .leftJoin('operator_extensions as x', 'x.user_id', 'u.id')
    .leftJoin('operator_presence as p', (j) =>
      j.onRef('p.user_id', '=', 'u.id').on('p.ended_at', 'is', null),
    )
    .select(['u.id', 'u.full_name', 'x.extension', 'p.state', 'p.started_at'])
    .orderBy('u.full_name')
    .orderBy('u.id');
  query =
    userId === undefined
      ? query.where((eb) => eb.or([eb('x.user_id', 'is not', null), eb('p.id', 'is not', null)]))
      : query.where('u.id', '=', userId);
  const rows = await query.execute();
  return rows.map((r) => ({
    userId: r.id,
    fullName: r.full_name,
    extension: r.extension,
    state: (r.state ?? 'signed_out') as PresenceState,
    since: r.started_at?.toISOString() ?? null,
  }));
}
