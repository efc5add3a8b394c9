/**
 * The call log and per-operator figures (issue 20, item 4).
 */
import { sql } from 'kysely';
import type { CallState } from '../../domain/calls.js';
import type { CallView } from '../../contract/telephony.schemas.js';
import type { Deps } from '../context.js';

/**
 * Calls, newest first, each with the appeals and consultations registered during it.
 *
 * @param query.unregistered only calls that ended (answered or missed) with nothing registered.
 */
export async function listCalls(
  deps: Deps,
  query: { unregistered: boolean; operatorId?: number; from?: string; to?: string; limit: number },
): Promise<CallView[]> {
  let q = deps.db
    .selectFrom('calls as c')
    .leftJoin('users as u', 'u.id', 'c.operator_id')
    .selectAll('c')
    .select(['u.full_name as operator_name'])
    .orderBy('c.ringing_at', (ob) => ob.desc().nullsLast())
    .orderBy('c.id', 'desc')
    .limit(query.limit);
  if (query.unregistered) {
    q = q
      .where('c.state', 'in', ['ended', 'missed'])
      .where((eb) =>
        eb.not(
          eb.exists(
            eb
              .selectFrom('call_appeals as ca')
              .select('ca.call_id')
              .whereRef('ca.call_id', '=', 'c.id'),
          ),
        ),
      );
  }
  if (query.operatorId) q = q.where('c.operator_id', '=', query.operatorId);
  if (query.from) q = q.where('c.ringing_at', '>=', new Date(query.from));
  if (query.to) q = q.where('c.ringing_at', '<', new Date(query.to));
  const rows = await q.execute();
  const ids = rows.map((r) => r.id);
  const links =
    ids.length === 0
      ? []
      : await deps.db
          .selectFrom('call_appeals as ca')
          .innerJoin('appeals as a', 'a.id', 'ca.appeal_id')
          .select(['ca.call_id', 'a.id', 'a.number', 'a.kind'])
          .where('ca.call_id', 'in', ids)
          .orderBy('a.id')
          .execute();
  const iso = (d: Date | null) => d?.toISOString() ?? null;
  return rows.map((r) => ({
    id: r.id,
    source: r.source,
    externalId: r.external_id,
    state: r.state as CallState,
    callerNumber: r.caller_number,
    line: r.line,
    extension: r.extension,
    operator:
      r.operator_id !== null && r.operator_name !== null
        ? { id: r.operator_id, fullName: r.operator_name }
        : null,
    ringingAt: iso(r.ringing_at),
    answeredAt: iso(r.answered_at),
    endedAt: iso(r.ended_at),
    durationSeconds: r.duration_seconds,
    talkSeconds: r.talk_seconds,
    recordingRef: r.recording_ref,
    appeals: links
      .filter((l) => l.call_id === r.id)
      .map((l) => ({ id: l.id, number: l.number, kind: l.kind })),
  }));
}

/**
 * Per operator over [from, to): calls rung to them, answered, talk time and after-call time
 * (seconds; after-call periods clipped to the interval; an open period counts up to `now`).
 */
export async function operatorFigures(deps: Deps, range: { from: string; to: string }) {
  const from = new Date(range.from);
  const to = new Date(range.to);
  const now = deps.now();
  const calls = await deps.db
    .selectFrom('calls')
    .select([
      'operator_id',
      sql<number>`count(*)::int`.as('calls'),
      sql<number>`count(answered_at)::int`.as('answered'),
      sql<number>`coalesce(sum(talk_seconds), 0)::int`.as('talk'),
    ])
    .where('operator_id', 'is not', null)
    .where('ringing_at', '>=', from)
    .where('ringing_at', '<', to)
    .groupBy('operator_id')
    .execute();
  const afterCall = await deps.db
    .selectFrom('operator_presence')
    .select([
      'user_id',
      sql<number>`coalesce(sum(extract(epoch FROM (least(coalesce(ended_at, ${now}), ${to}) - greatest(started_at, ${from})))), 0)::int`.as(
        'seconds',
      ),
    ])
    .where('state', '=', 'after_call')
    .where('started_at', '<', to)
    .where((eb) => eb.or([eb('ended_at', 'is', null), eb('ended_at', '>', from)]))
    .groupBy('user_id')
    .execute();
  const ids = [
    ...new Set([...calls.map((c) => c.operator_id!), ...afterCall.map((a) => a.user_id)]),
  ];
  if (ids.length === 0) return [];
  const users = await deps.db
    .selectFrom('users')
    .select(['id', 'full_name'])
    .where('id', 'in', ids)
    .execute();
  return users
    .map((u) => {
      const c = calls.find((x) => x.operator_id === u.id);
      return {
        operatorId: u.id,
        fullName: u.full_name,
        calls: c?.calls ?? 0,
        answered: c?.answered ?? 0,
        talkSeconds: c?.talk ?? 0,
        afterCallSeconds: Math.max(0, afterCall.find((a) => a.user_id === u.id)?.seconds ?? 0),
      };
    })
    .sort((a, b) => a.fullName.localeCompare(b.fullName, 'uk') || a.operatorId - b.operatorId);
}
