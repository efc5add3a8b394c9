/**
 * Record one event from the telephone system (issue 20, item 1; ADR 040).
 *
 * Idempotent by the PBX's call id: the call's row is found or made by (source, call id); the event
 * is stored once under a key made of its content (a replay or a duplicate is recognised and
 * changes nothing); the record is then folded again from all stored events by the pure rules of
 * `domain/calls.ts`, so events in any order give the same call. In the same transaction: the
 * operator is found by extension, their presence follows the call (answered → on a call, ended →
 * after-call work), and appeals the operator registered while the call was active are linked.
 */
import { createHash } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import { type CallEvent, type CallRecord, foldCallEvents } from '../../domain/calls.js';
import { phoneE164 } from '../../domain/normal-forms.js';
import type { CallEventInput } from '../../contract/telephony.schemas.js';
import type { Deps } from '../context.js';
import type { DB } from '../db/schema.js';
import { setPresence } from './presence.service.js';

export interface RecordedCallEvent {
  callId: number;
  applied: boolean;
  call: CallRecord;
  /** The operator the call now rings or talks to (by extension), if known. */
  operatorId: number | null;
  /** True when this event made a new ringing known (the moment for the screen pop). */
  newlyRinging: boolean;
}

function toEvent(input: CallEventInput): CallEvent {
  return {
    kind: input.event,
    at: new Date(input.at),
    // One number, however the PBX writes it (067…, 38067…, +38067…): E.164 when possible.
    callerNumber: input.callerNumber ? (phoneE164(input.callerNumber) ?? input.callerNumber) : null,
    line: input.line ?? null,
    extension: input.extension ?? null,
    durationSeconds: input.durationSeconds ?? null,
    recordingRef: input.recordingRef ?? null,
  };
}

/** The event's identity: its content without the call id (already the row), canonical JSON. */
function eventKey(input: CallEventInput): string {
  const canonical = JSON.stringify(
    Object.fromEntries(
      Object.entries({ ...input, at: new Date(input.at).toISOString() })
        .filter(([key]) => key !== 'callId')
        .sort(([a], [b]) => a.localeCompare(b)),
    ),
  );
  return createHash('sha256').update(canonical).digest('hex');
}

async function operatorByExtension(
  db: Kysely<DB>,
  extension: string | null,
): Promise<number | null> {
  if (!extension) return null;
  const row = await db
    .selectFrom('operator_extensions')
    .select('user_id')
    .where('extension', '=', extension)
    .executeTakeFirst();
  return row?.user_id ?? null;
}

/**
 * @param source which adapter sent it: `api`, `asterisk`, `binotel`.
 * @returns the call's id, whether the event was new, and the folded record.
 */
export async function recordCallEvent(
  deps: Deps,
  source: string,
  input: CallEventInput,
): Promise<RecordedCallEvent> {
  return deps.db.transaction().execute(async (trx) => {
    const now = deps.now();
    await trx
      .insertInto('calls')
      .values({ source, external_id: input.callId, state: 'ringing', updated_at: now })
      .onConflict((oc) => oc.columns(['source', 'external_id']).doNothing())
      .execute();
    const row = await trx
      .selectFrom('calls')
      .selectAll()
      .where('source', '=', source)
      .where('external_id', '=', input.callId)
      .forUpdate()
      .executeTakeFirstOrThrow();
    const inserted = await trx
      .insertInto('call_events')
      .values({
        call_id: row.id,
        event_key: eventKey(input),
        kind: input.event,
        at: new Date(input.at),
        payload: JSON.stringify(input),
        received_at: now,
        applied: true,
      })
      .onConflict((oc) => oc.columns(['call_id', 'event_key']).doNothing())
      .returning('id')
      .executeTakeFirst();
    const stored = await trx
      .selectFrom('call_events')
      .select('payload')
      .where('call_id', '=', row.id)
      .orderBy('id')
      .execute();
    const call = foldCallEvents(stored.map((e) => toEvent(e.payload as CallEventInput)));
    if (!inserted) {
      return {
        callId: row.id,
        applied: false,
        call,
        operatorId: row.operator_id,
        newlyRinging: false,
      };
    }
    const operatorId = (await operatorByExtension(trx, call.extension)) ?? row.operator_id;
    await trx
      .updateTable('calls')
      .set({
        state: call.state,
        caller_number: call.callerNumber,
        line: call.line,
        extension: call.extension,
        operator_id: operatorId,
        ringing_at: call.ringingAt,
        answered_at: call.answeredAt,
        ended_at: call.endedAt,
        duration_seconds: call.durationSeconds,
        talk_seconds: call.talkSeconds,
        recording_ref: call.recordingRef,
        transfers: JSON.stringify(
          call.transfers.map((t) => ({ at: t.at.toISOString(), to: t.to })),
        ),
        updated_at: now,
      })
      .where('id', '=', row.id)
      .execute();
    if (operatorId !== null) {
      await followCall(trx, row.state, call, operatorId, now);
      await linkAppeals(trx, row.id, call, operatorId, now);
    }
    return {
      callId: row.id,
      applied: true,
      call,
      operatorId,
      newlyRinging: row.ringing_at === null && call.state === 'ringing' && call.ringingAt !== null,
    };
  });
}

/** Presence by call events: answered → on_call; ended after an answer → after_call. */
async function followCall(
  trx: Transaction<DB>,
  before: string,
  call: CallRecord,
  operatorId: number,
  now: Date,
): Promise<void> {
  if (call.state === before) return;
  if (call.state === 'answered') {
    await setPresence(trx, operatorId, 'on_call', 'call', call.answeredAt ?? now);
  } else if (call.state === 'ended') {
    await setPresence(trx, operatorId, 'after_call', 'call', call.endedAt ?? now);
  }
}

/**
 * Link the appeals and consultations the operator registered while the call was active (between
 * the answer and the end, or since the answer while it lasts). Run at every applied event, so an
 * appeal registered during the call is linked at the latest when the call ends.
 */
export async function linkAppeals(
  trx: Kysely<DB>,
  callId: number,
  call: Pick<CallRecord, 'answeredAt' | 'endedAt'>,
  operatorId: number,
  now: Date,
): Promise<void> {
  if (!call.answeredAt) return;
  let query = trx
    .selectFrom('appeals')
    .select('id')
    .where('registered_by', '=', operatorId)
    .where('registered_at', '>=', call.answeredAt);
  if (call.endedAt) query = query.where('registered_at', '<=', call.endedAt);
  const appeals = await query.execute();
  if (appeals.length === 0) return;
  await trx
    .insertInto('call_appeals')
    .values(appeals.map((a) => ({ call_id: callId, appeal_id: a.id, linked_at: now })))
    .onConflict((oc) => oc.columns(['call_id', 'appeal_id']).doNothing())
    .execute();
}
