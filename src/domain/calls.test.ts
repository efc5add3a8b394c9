import { describe, expect, it } from 'vitest';
import { type CallEvent, EMPTY_CALL, applyCallEvent, foldCallEvents } from './calls.js';

const t = (s: number) => new Date(Date.UTC(2026, 11, 1, 9, 0, s));
const ringing: CallEvent = {
  kind: 'ringing',
  at: t(0),
  callerNumber: '+380670000001',
  line: '1551',
  extension: '201',
};
const answered: CallEvent = { kind: 'answered', at: t(5), extension: '201' };
const transferred: CallEvent = { kind: 'transferred', at: t(30), extension: '305' };
const ended: CallEvent = { kind: 'ended', at: t(65), recordingRef: 'rec/1.wav' };
const missed: CallEvent = { kind: 'missed', at: t(20) };

/** Every order of a list (up to 4 events: 24 orders). */
function permutations<T>(items: readonly T[]): T[][] {
  if (items.length <= 1) return [items.slice()];
  return items.flatMap((item, i) =>
    permutations([...items.slice(0, i), ...items.slice(i + 1)]).map((rest) => [item, ...rest]),
  );
}

describe('a call folded from its events', () => {
  const cases: {
    name: string;
    events: CallEvent[];
    state: string;
    extension: string | null;
    duration: number | null;
    talk: number | null;
  }[] = [
    {
      name: 'only ringing',
      events: [ringing],
      state: 'ringing',
      extension: '201',
      duration: null,
      talk: null,
    },
    {
      name: 'answered',
      events: [ringing, answered],
      state: 'answered',
      extension: '201',
      duration: null,
      talk: null,
    },
    {
      name: 'answered and ended',
      events: [ringing, answered, ended],
      state: 'ended',
      extension: '201',
      duration: 65,
      talk: 60,
    },
    {
      name: 'transferred',
      events: [ringing, answered, transferred, ended],
      state: 'ended',
      extension: '305',
      duration: 65,
      talk: 60,
    },
    {
      name: 'missed (abandoned)',
      events: [ringing, missed],
      state: 'missed',
      extension: '201',
      duration: 20,
      talk: null,
    },
    {
      name: 'ended without an answer',
      events: [ringing, { kind: 'ended', at: t(12) }],
      state: 'missed',
      extension: '201',
      duration: 12,
      talk: null,
    },
    {
      name: 'the PBX gives its duration',
      events: [ringing, answered, { ...ended, durationSeconds: 70 }],
      state: 'ended',
      extension: '201',
      duration: 70,
      talk: 60,
    },
    {
      name: 'end known before the ringing',
      events: [ended, answered],
      state: 'ended',
      extension: '201',
      duration: 60,
      talk: 60,
    },
  ];

  it.each(cases)('$name → $state', ({ events, state, extension, duration, talk }) => {
    const call = foldCallEvents(events);
    expect(call.state).toBe(state);
    expect(call.extension).toBe(extension);
    expect(call.durationSeconds).toBe(duration);
    expect(call.talkSeconds).toBe(talk);
  });

  it('every order of the events gives the same record', () => {
    const events = [ringing, answered, transferred, ended];
    const expected = foldCallEvents(events);
    expect(expected.state).toBe('ended');
    expect(expected.recordingRef).toBe('rec/1.wav');
    expect(expected.transfers).toEqual([{ at: t(30), to: '305' }]);
    const orders = permutations(events);
    expect(orders).toHaveLength(24);
    for (const order of orders) expect(foldCallEvents(order)).toEqual(expected);
  });

  it('each event applied twice (a duplicate, a replay) changes nothing', () => {
    const events = [ringing, answered, transferred, ended];
    const once = foldCallEvents(events);
    expect(foldCallEvents([...events, ...events])).toEqual(once);
    expect(foldCallEvents(events.flatMap((e) => [e, e]))).toEqual(once);
    expect(applyCallEvent(once, transferred)).toEqual(once);
  });

  it('an answer after "missed" makes the call answered and ended', () => {
    const call = foldCallEvents([ringing, missed, answered]);
    expect(call.state).toBe('ended');
    expect(call.talkSeconds).toBe(15);
  });

  it('a repeated end keeps the latest end', () => {
    const call = foldCallEvents([ringing, answered, { kind: 'ended', at: t(40) }, ended]);
    expect(call.endedAt).toEqual(t(65));
  });

  it('starts from an empty record', () => {
    expect(EMPTY_CALL.state).toBe('ringing');
    expect(foldCallEvents([])).toEqual(EMPTY_CALL);
  });
});
