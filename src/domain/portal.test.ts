import { describe, expect, it } from 'vitest';
import {
  accessCodeFromBytes,
  afterFailedAttempt,
  checkApplicantDetails,
  decideFeedback,
  formatAccessCode,
  formatTrackingNumber,
  isTrackingLocked,
  normaliseAccessCode,
  resultAfterConfirmation,
  TRACKING_NUMBER_PATTERN,
  trackingKey,
  withoutRepeatedSteps,
} from './portal.js';
import type { ResultCode } from './results.js';
import type { AppealStatus } from './vocabulary.js';

describe('Art. 5: name and a contact', () => {
  it.each([
    [{ name: 'Петренко Ірина', email: 'i@example.org' }, null],
    [{ name: 'Петренко Ірина', phone: '0671234567' }, null],
    [{ name: 'Петренко Ірина', email: ' ', phone: '' }, 'applicant_contact_required'],
    [{ name: '  ', email: 'i@example.org' }, 'applicant_name_required'],
    [{ email: 'i@example.org' }, 'applicant_name_required'],
  ])('%o → %s', (details, expected) => {
    expect(checkApplicantDetails(details)).toBe(expected);
  });
});

describe('tracking numbers and access codes', () => {
  it('formats tracking numbers that do not look like registration numbers', () => {
    expect(formatTrackingNumber(2025, 42)).toBe('P-2025-000042');
    expect(TRACKING_NUMBER_PATTERN.test('P-2025-000042')).toBe(true);
    expect(TRACKING_NUMBER_PATTERN.test('2025-000042')).toBe(false);
  });

  it.each([
    [' p-2025-000042 ', 'P-2025-000042'],
    ['2025-000042', '2025-000042'],
  ])('tracking key of %s is %s', (input, key) => {
    expect(trackingKey(input)).toBe(key);
  });

  it.each([
    ['abcde-fghjk', 'ABCDEFGHJK'],
    ['ABCDE FGHJK', 'ABCDEFGHJK'],
    ['O0IL1', '00111'],
  ])('normalises %s to %s', (typed, canonical) => {
    expect(normaliseAccessCode(typed)).toBe(canonical);
  });

  it('makes ten characters of the unambiguous alphabet from bytes', () => {
    const code = accessCodeFromBytes(new Uint8Array([0, 1, 31, 32, 33, 255, 8, 9, 10, 11, 99]));
    expect(code).toBe('01Z01Z89AB');
    expect(formatAccessCode(code)).toBe('01Z01-Z89AB');
    expect(normaliseAccessCode(formatAccessCode(code))).toBe(code);
    expect(() => accessCodeFromBytes(new Uint8Array(3))).toThrow();
  });
});

describe('brute force: wrong codes lock the number for a while', () => {
  const rules = { maxFailures: 3, lockMinutes: 30 };
  const t0 = new Date('2025-09-01T10:00:00Z');
  const at = (minutes: number) => new Date(t0.getTime() + minutes * 60_000);

  it('locks at the third failure within the window, for the lock time', () => {
    let state = afterFailedAttempt(null, t0, rules);
    expect(state).toEqual({ failures: 1, windowStartedAt: t0, lockedUntil: null });
    state = afterFailedAttempt(state, at(1), rules);
    expect(isTrackingLocked(state, at(1))).toBe(false);
    state = afterFailedAttempt(state, at(2), rules);
    expect(state.lockedUntil).toEqual(at(32));
    expect(isTrackingLocked(state, at(31))).toBe(true);
    expect(isTrackingLocked(state, at(32))).toBe(false);
  });

  it('starts a new window when the old one has passed', () => {
    const old = { failures: 2, windowStartedAt: t0, lockedUntil: null };
    expect(afterFailedAttempt(old, at(30), rules)).toEqual({
      failures: 1,
      windowStartedAt: at(30),
      lockedUntil: null,
    });
  });

  it('a number never tried is not locked', () => {
    expect(isTrackingLocked(null, t0)).toBe(false);
  });
});

describe('feedback on a closed appeal', () => {
  const closedAt = new Date('2025-09-10T12:00:00Z');
  const base = {
    status: 'closed' as AppealStatus,
    result: 'done_awaiting_confirmation' as ResultCode | null,
    closedAt: closedAt as Date | null,
    lastFeedbackAt: null as Date | null,
    now: new Date('2025-09-11T12:00:00Z'),
    windowDays: 30,
  };

  it.each([
    [{}, null],
    [{ status: 'on_check' as AppealStatus, closedAt: null }, 'appeal_not_closed'],
    [{ result: 'cancelled_by_applicant' as ResultCode }, 'result_not_rated'],
    [{ result: 'consultation_given' as ResultCode }, 'result_not_rated'],
    [{ result: 'closed_automatically' as ResultCode }, null],
    [{ now: new Date('2025-10-11T12:00:01Z') }, 'feedback_window_passed'],
    [{ lastFeedbackAt: new Date('2025-09-10T13:00:00Z') }, 'feedback_already_given'],
    // feedback given before a dispute reopened the appeal does not count after the new closure
    [{ lastFeedbackAt: new Date('2025-09-09T13:00:00Z') }, null],
  ])('%o → %s', (change, code) => {
    const decision = decideFeedback({ ...base, ...change });
    if (code === null) expect(decision).toEqual({ ok: true });
    else expect(decision).toMatchObject({ ok: false, code });
  });

  it.each([
    ['done_awaiting_confirmation', 'done_confirmed'],
    ['explained', 'explained'],
    ['done_photo_evidence', 'done_photo_evidence'],
  ] as [ResultCode, ResultCode][])('confirming %s gives %s', (result, after) => {
    expect(resultAfterConfirmation(result)).toBe(after);
  });
});

describe('withoutRepeatedSteps', () => {
  it.each([
    [
      ['registered', 'in_work', 'on_check', 'closed', 'closed'],
      ['registered', 'in_work', 'on_check', 'closed'],
    ],
    [
      ['registered', 'registered', 'in_work'],
      ['registered', 'in_work'],
    ],
    [
      ['on_check', 'rework', 'in_work', 'on_check'],
      ['on_check', 'rework', 'in_work', 'on_check'],
    ],
    [[], []],
  ])('%j → %j', (statuses, expected) => {
    const steps = statuses.map((status, i) => ({ status, event: `e${i}` }));
    expect(withoutRepeatedSteps(steps).map((s) => s.status)).toEqual(expected);
  });
});
