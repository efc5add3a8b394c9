/**
 * Binotel (a cloud PBX common in Ukrainian cities) webhook notifications → our call events
 * (issue 20, item 2; ADR 040).
 *
 * Binotel's "API CALL Settings" posts `application/x-www-form-urlencoded` bodies to a URL set in
 * its cabinet, one `requestType` per notification; the fields used here, from its published
 * description (developers.binotel.ua):
 *
 * - `receivedTheCall` — an incoming call rings an employee: `generalCallID`, `externalNumber`
 *   (the caller), `internalNumber` (the employee's extension), `pbxNumber` (our line), `srvTime`
 *   (Unix seconds);
 * - `answeredTheCall` — the employee answered: `generalCallID`, `internalNumber`, `srvTime`;
 * - `apiCallCompleted` — the call is over, in `callDetails[...]`: `generalCallID`, `startTime`
 *   (Unix seconds), `callType` (0 incoming), `externalNumber`, `internalNumber`,
 *   `pbxNumberData[number]`, `waitsec`, `billsec`, `disposition` (`ANSWER`, `NOANSWER`, `BUSY`,
 *   `CANCEL`, …), `linkToCallRecordInMyBusiness`.
 *
 * The completed notification alone describes the whole call, so a lost "received" or "answered"
 * changes nothing; together they fold into one call (domain/calls.ts).
 */
import type { CallEventInput } from '../../contract/telephony.schemas.js';

type Form = Record<string, string>;

const iso = (unixSeconds: number) => new Date(unixSeconds * 1000).toISOString();
const num = (v: string | undefined): number | null =>
  v !== undefined && /^\d+$/.test(v) ? Number(v) : null;
const opt = (v: string | undefined) => (v && v.trim() !== '' ? v.trim() : undefined);

/**
 * Our events for one Binotel notification (already parsed from the form). Unknown request types,
 * outgoing calls and notifications without a call id give none.
 */
export function binotelEvents(form: Form): CallEventInput[] {
  const type = form.requestType;
  if (type === 'receivedTheCall' || type === 'answeredTheCall') {
    const callId = opt(form.generalCallID);
    const at = num(form.srvTime);
    if (!callId || at === null) return [];
    const extension = opt(form.internalNumber);
    if (type === 'answeredTheCall') {
      return [{ callId, event: 'answered', at: iso(at), ...(extension ? { extension } : {}) }];
    }
    const callerNumber = opt(form.externalNumber);
    const line = opt(form.pbxNumber);
    return [
      {
        callId,
        event: 'ringing',
        at: iso(at),
        ...(callerNumber ? { callerNumber } : {}),
        ...(line ? { line } : {}),
        ...(extension ? { extension } : {}),
      },
    ];
  }
  if (type === 'apiCallCompleted') {
    const d = (key: string) => form[`callDetails[${key}]`];
    const callId = opt(d('generalCallID'));
    const start = num(d('startTime'));
    if (!callId || start === null || d('callType') !== '0') return [];
    const wait = num(d('waitsec')) ?? 0;
    const talk = num(d('billsec')) ?? 0;
    const extension = opt(d('internalNumber'));
    const callerNumber = opt(d('externalNumber'));
    const line = opt(form['callDetails[pbxNumberData][number]']);
    const recordingRef = opt(d('linkToCallRecordInMyBusiness'));
    const answered = d('disposition') === 'ANSWER' && talk > 0;
    const ringing: CallEventInput = {
      callId,
      event: 'ringing',
      at: iso(start),
      ...(callerNumber ? { callerNumber } : {}),
      ...(line ? { line } : {}),
      ...(extension ? { extension } : {}),
    };
    if (!answered) return [ringing, { callId, event: 'missed', at: iso(start + wait) }];
    return [
      ringing,
      {
        callId,
        event: 'answered',
        at: iso(start + wait),
        ...(extension ? { extension } : {}),
      },
      {
        callId,
        event: 'ended',
        at: iso(start + wait + talk),
        durationSeconds: wait + talk,
        ...(recordingRef ? { recordingRef } : {}),
      },
    ];
  }
  return [];
}
