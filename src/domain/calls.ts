/**
 * A telephone call as the sum of its events (issue 20, item 1; ADR 040).
 *
 * The PBX reports a call by events: ringing, answered, transferred, ended, missed. Networks replay,
 * duplicate and reorder them, so the call record is a fold that does not depend on the order or
 * the number of times an event arrives: every field merges by a rule that is commutative and
 * idempotent (the earliest ringing and answer, the latest end, the extension of the latest event
 * that names one, a set of transfers). `applyCallEvent(applyCallEvent(c, a), b)` equals
 * `applyCallEvent(applyCallEvent(c, b), a)`, and applying an event twice equals applying it once.
 *
 * Times are `Date`s (instants); durations are whole seconds.
 */

export const CALL_EVENT_KINDS = ['ringing', 'answered', 'transferred', 'ended', 'missed'] as const;
export type CallEventKind = (typeof CALL_EVENT_KINDS)[number];

export const CALL_STATES = ['ringing', 'answered', 'ended', 'missed'] as const;
export type CallState = (typeof CALL_STATES)[number];

/** One event from the PBX, already checked (the contract's schema) and normalised. */
export interface CallEvent {
  kind: CallEventKind;
  at: Date;
  /** Caller's number (ringing). */
  callerNumber?: string | null;
  /** The city's line (the number dialled) the call came in on. */
  line?: string | null;
  /** The operator's extension: ringing and answered name it; transferred names the new one. */
  extension?: string | null;
  /** ended: the PBX's own figure for the whole call, seconds. */
  durationSeconds?: number | null;
  /** ended: where the PBX keeps the recording (a file name or a URL), if it records. */
  recordingRef?: string | null;
}

export interface CallTransfer {
  at: Date;
  to: string;
}

/** The folded call record. */
export interface CallRecord {
  state: CallState;
  callerNumber: string | null;
  line: string | null;
  extension: string | null;
  /** The event time of the event the extension came from (the latest one wins). */
  extensionAt: Date | null;
  ringingAt: Date | null;
  answeredAt: Date | null;
  endedAt: Date | null;
  /** The PBX's own figure from `ended`, when it gave one. */
  pbxDurationSeconds: number | null;
  /** The PBX's figure when given, else ended − ringing (or − the answer when no ringing came). */
  durationSeconds: number | null;
  /** ended − answered; null when never answered or not yet ended. */
  talkSeconds: number | null;
  recordingRef: string | null;
  transfers: CallTransfer[];
}

export const EMPTY_CALL: CallRecord = {
  state: 'ringing',
  callerNumber: null,
  line: null,
  extension: null,
  extensionAt: null,
  ringingAt: null,
  answeredAt: null,
  endedAt: null,
  pbxDurationSeconds: null,
  durationSeconds: null,
  talkSeconds: null,
  recordingRef: null,
  transfers: [],
};

const earliest = (a: Date | null, b: Date | null): Date | null =>
  a === null ? b : b === null ? a : a.getTime() <= b.getTime() ? a : b;
const latest = (a: Date | null, b: Date | null): Date | null =>
  a === null ? b : b === null ? a : a.getTime() >= b.getTime() ? a : b;
/** A value that does not depend on arrival order: the smaller string when both are set. */
const stable = (a: string | null, b: string | null | undefined): string | null => {
  const other = b ?? null;
  if (a === null) return other;
  if (other === null) return a;
  return a <= other ? a : other;
};
const seconds = (from: Date, to: Date): number =>
  Math.max(0, Math.round((to.getTime() - from.getTime()) / 1000));

/**
 * Fold one event into a call record (pure; returns a new record).
 *
 * Rules: ringing sets the caller, the line and the extension; answered the answer time (the
 * earliest of several) and the extension; transferred adds a transfer and moves the extension;
 * ended and missed set the end (the latest of several); ended's duration and recording are kept.
 * The state is derived: ended when an end is known and the call was answered, missed when it ended
 * unanswered, answered when answered, else ringing. An `answered` arriving after `missed` makes the
 * call `ended` (the answer is a fact the PBX saw; "missed" was its guess).
 */
export function applyCallEvent(call: CallRecord, event: CallEvent): CallRecord {
  const next: CallRecord = { ...call, transfers: call.transfers };
  switch (event.kind) {
    case 'ringing':
      next.ringingAt = earliest(call.ringingAt, event.at);
      next.callerNumber = stable(call.callerNumber, event.callerNumber);
      next.line = stable(call.line, event.line);
      break;
    case 'answered':
      next.answeredAt = earliest(call.answeredAt, event.at);
      break;
    case 'transferred':
      if (event.extension) {
        const to = event.extension;
        const known = call.transfers.some(
          (t) => t.at.getTime() === event.at.getTime() && t.to === to,
        );
        if (!known) {
          next.transfers = [...call.transfers, { at: event.at, to }].sort(
            (a, b) => a.at.getTime() - b.at.getTime() || a.to.localeCompare(b.to),
          );
        }
      }
      break;
    case 'ended':
    case 'missed':
      next.endedAt = latest(call.endedAt, event.at);
      if (event.kind === 'ended') {
        if (event.durationSeconds != null) {
          next.pbxDurationSeconds = Math.max(call.pbxDurationSeconds ?? 0, event.durationSeconds);
        }
        next.recordingRef = stable(call.recordingRef, event.recordingRef);
      }
      break;
  }
  if (event.extension && event.kind !== 'ended' && event.kind !== 'missed') {
    const newer =
      call.extensionAt === null ||
      event.at.getTime() > call.extensionAt.getTime() ||
      (event.at.getTime() === call.extensionAt.getTime() &&
        call.extension !== null &&
        event.extension > call.extension);
    if (newer) {
      next.extension = event.extension;
      next.extensionAt = event.at;
    }
  }
  return derive(next);
}

/** Fold a list of events (in any order) from nothing. */
export function foldCallEvents(events: readonly CallEvent[]): CallRecord {
  return events.reduce(applyCallEvent, EMPTY_CALL);
}

function derive(call: CallRecord): CallRecord {
  const start = call.ringingAt ?? call.answeredAt;
  const state: CallState =
    call.endedAt !== null
      ? call.answeredAt !== null
        ? 'ended'
        : 'missed'
      : call.answeredAt !== null
        ? 'answered'
        : 'ringing';
  const talkSeconds =
    call.answeredAt !== null && call.endedAt !== null
      ? seconds(call.answeredAt, call.endedAt)
      : null;
  const measured = start !== null && call.endedAt !== null ? seconds(start, call.endedAt) : null;
  return {
    ...call,
    state,
    talkSeconds,
    durationSeconds: call.pbxDurationSeconds ?? measured,
  };
}

/** Whether two records say the same (an event that changes nothing is a replay). */
export function sameCall(a: CallRecord, b: CallRecord): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}
