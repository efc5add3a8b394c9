/**
 * The deadline engine: legal terms of appeals under the Law of Ukraine 393/96-ВР «Про звернення
 * громадян», the executor's control date, emergency terms in hours, and the state of a deadline.
 * Pure: no I/O and no clock; "now", the time zone and the work calendar are arguments.
 *
 * How days are counted (one rule for every term in days, stated once):
 * - the day of receipt is day 0; the term runs from the next day (Civil Code of Ukraine Art. 253);
 * - days are calendar days in the calendar's time zone (Law 393/96 Art. 20), counted on local dates,
 *   so a DST change (last Sundays of March and October in Europe/Kyiv) never shifts a day;
 * - the term ends at the end of its last day, 23:59:59.999 local time (Civil Code Art. 255);
 * - when the last day is not a working day, the term ends at the end of the next working day
 *   (Civil Code Art. 254 part 5; BRIEF "The law the deadlines follow").
 *
 * A term of 30 days stands for the Law's "one month": the product counts the month as 30 calendar days
 * (`DEFAULT_TERM_DAYS`), as the 45-day cap of Art. 20 is also counted in days.
 */
import { DEFAULT_TERM_DAYS, SHORT_TERM_DAYS } from '../deadlines.js';
import {
  addLocalDays,
  assertTimeZone,
  endOfLocalDay,
  isWorkingDay,
  localDateOf,
  nextWorkingDay,
  previousWorkingDay,
  type LocalDate,
  type WorkCalendar,
} from './work-calendar.js';

/** The longest total term of an appeal, extensions included (Law 393/96 Art. 20). */
export const MAX_TOTAL_TERM_DAYS = 45;
/** Forwarding an appeal outside the council's competence, or returning one lacking the data needed
 *  for a decision (Law 393/96 Art. 7). */
export const FORWARDING_TERM_DAYS = 5;
/** Returning an appeal that does not meet the requirements of Art. 5 (Law 393/96 Art. 5). */
export const RETURN_INCOMPLETE_TERM_DAYS = 10;

const HOUR_MS = 3_600_000;

function assertDays(name: string, value: number): void {
  if (!Number.isInteger(value) || value < 0) {
    throw new RangeError(`${name} must be a non-negative integer number of days, got ${value}`);
  }
}

function assertInstant(name: string, value: Date): void {
  if (Number.isNaN(value.getTime())) throw new RangeError(`${name} is an invalid Date`);
}

/** The last day of a term in days: receipt date + `termDays`, moved to the next working day. */
function lastDayOfTerm(receivedAt: Date, termDays: number, calendar: WorkCalendar): LocalDate {
  const nominal = addLocalDays(localDateOf(receivedAt, calendar.timeZone), termDays);
  return isWorkingDay(calendar, nominal) ? nominal : nextWorkingDay(calendar, nominal);
}

/**
 * The legal deadline of an appeal (Law 393/96-ВР Art. 20).
 *
 * The day of receipt (local date of `receivedAt` in `calendar.timeZone`) is day 0; the term ends at
 * the end (23:59:59.999 local) of day `termDays`; if that day is not a working day of `calendar`, at
 * the end of the next working day. E.g. received Monday 2025-09-01 10:00 Kyiv, 5 days → Saturday
 * 6 September → the deadline is Monday 2025-09-08 23:59:59.999+03:00.
 *
 * `termDays` is not capped here (use `termFor` for the Art. 20 rules); the move to a working day may
 * make the real term longer than 45 days, as the law's end-of-term rule allows.
 *
 * @param receivedAt the instant the appeal was received.
 * @param termDays calendar days, a non-negative integer (0 = the end of the day of receipt).
 * @returns the instant the term ends.
 * @throws RangeError when `termDays` is not a non-negative integer, `receivedAt` is invalid or the
 *   calendar's time zone is unknown.
 */
export function legalDeadline(input: {
  receivedAt: Date;
  termDays: number;
  calendar: WorkCalendar;
}): Date {
  const { receivedAt, termDays, calendar } = input;
  assertDays('termDays', termDays);
  assertInstant('receivedAt', receivedAt);
  return endOfLocalDay(lastDayOfTerm(receivedAt, termDays, calendar), calendar.timeZone);
}

/** How the term of an appeal is set (Law 393/96-ВР Art. 20). */
export type TermKind = 'standard' | 'no_extra_study' | 'applicant_request';

export type TermRefusal =
  | 'invalid_days'
  | 'requested_days_required'
  | 'requested_term_not_shorter'
  | 'extension_over_45_days';

export type TermDecision =
  | { ok: true; days: number; baseDays: number; extensionDays: number }
  | { ok: false; code: TermRefusal; message: string };

/**
 * The term of an appeal in calendar days (Law 393/96-ВР Art. 20):
 * - `standard`: one month, counted as 30 days (`DEFAULT_TERM_DAYS`);
 * - `no_extra_study`: 15 days (`SHORT_TERM_DAYS`);
 * - `applicant_request`: `requestedDays`, shorter than the one-month term (1–29 days), on the
 *   applicant's reasoned request;
 * - `extensionDays` (optional, default 0): the head's extension; base + extension may not exceed
 *   45 days in total, whatever the kind.
 *
 * @returns `{ ok: true, days, baseDays, extensionDays }`, or a refusal with a stable code:
 *   `invalid_days` (a day count that is not a non-negative integer), `requested_days_required`,
 *   `requested_term_not_shorter` (a request of 30 days or more, or under 1 day), and
 *   `extension_over_45_days` (the total would exceed 45 days).
 */
export function termFor(input: {
  kind: TermKind;
  requestedDays?: number;
  extensionDays?: number;
}): TermDecision {
  const extensionDays = input.extensionDays ?? 0;
  if (!Number.isInteger(extensionDays) || extensionDays < 0) {
    return {
      ok: false,
      code: 'invalid_days',
      message: `extensionDays must be a non-negative integer, got ${extensionDays}`,
    };
  }
  let baseDays: number;
  switch (input.kind) {
    case 'standard':
      baseDays = DEFAULT_TERM_DAYS;
      break;
    case 'no_extra_study':
      baseDays = SHORT_TERM_DAYS;
      break;
    case 'applicant_request': {
      const requested = input.requestedDays;
      if (requested === undefined) {
        return {
          ok: false,
          code: 'requested_days_required',
          message: 'A term shortened on the applicant’s request needs requestedDays',
        };
      }
      if (!Number.isInteger(requested)) {
        return {
          ok: false,
          code: 'invalid_days',
          message: `requestedDays must be an integer, got ${requested}`,
        };
      }
      if (requested < 1 || requested >= DEFAULT_TERM_DAYS) {
        return {
          ok: false,
          code: 'requested_term_not_shorter',
          message: `A term on the applicant’s request is 1–${DEFAULT_TERM_DAYS - 1} days, got ${requested}`,
        };
      }
      baseDays = requested;
      break;
    }
  }
  const days = baseDays + extensionDays;
  if (days > MAX_TOTAL_TERM_DAYS) {
    return {
      ok: false,
      code: 'extension_over_45_days',
      message: `The total term may not exceed ${MAX_TOTAL_TERM_DAYS} days (Art. 20); ${baseDays} + ${extensionDays} = ${days}`,
    };
  }
  return { ok: true, days, baseDays, extensionDays };
}

/**
 * The deadline of an emergency question type whose term is set in hours (the city's setting for
 * emergency and dispatch questions, regulation 3.1.4; Law 393/96 sets no hour terms).
 *
 * Hours are elapsed hours: `receivedAt + hours`, across midnight, nights, days off and holidays, with
 * no gap whatever the calendar (an emergency does not wait for the morning). Across a DST change the
 * local clock therefore shows one hour more or less: 24 hours from 22:00 on the eve of the spring
 * change end at 23:00 local. The calendar is taken for the time zone check and the shape shared with
 * the other terms.
 *
 * @param hours a positive finite number of hours (fractions allowed: 0.5 = 30 minutes).
 * @throws RangeError when `hours` is not positive and finite, `receivedAt` is invalid or the time zone
 *   is unknown.
 */
export function emergencyDeadline(input: {
  receivedAt: Date;
  hours: number;
  calendar: WorkCalendar;
}): Date {
  const { receivedAt, hours, calendar } = input;
  if (!Number.isFinite(hours) || hours <= 0) {
    throw new RangeError(`hours must be a positive finite number, got ${hours}`);
  }
  assertInstant('receivedAt', receivedAt);
  assertTimeZone(calendar.timeZone);
  return new Date(receivedAt.getTime() + hours * HOUR_MS);
}

/**
 * The executor's control date (контрольний строк): earlier than the legal deadline by the question
 * type's review margin, so the contact centre has time to check the answer before the legal term ends
 * (regulation 3.1.3, 4.1.4).
 *
 * The margin counts WORKING days of `calendar` back from the local date of `legalDeadline`: margin 1
 * from a Monday deadline is the previous Friday. The control date is the end (23:59:59.999 local) of
 * the day reached. Margin 0 returns `legalDeadline` unchanged.
 *
 * When the margin exceeds the term (or the term is very short), the control date is never earlier than
 * the end of the first working day after the day of receipt (the executor gets at least one working
 * day), and never later than `legalDeadline`.
 *
 * @param legalDeadline the appeal's legal deadline (normally from `legalDeadline`).
 * @param receivedAt the instant the appeal was received (for the floor above).
 * @param reviewMarginDays working days, a non-negative integer.
 * @throws RangeError when the margin is not a non-negative integer, an instant is invalid or the time
 *   zone is unknown.
 */
export function executorControlDate(input: {
  legalDeadline: Date;
  receivedAt: Date;
  reviewMarginDays: number;
  calendar: WorkCalendar;
}): Date {
  const { legalDeadline: deadline, receivedAt, reviewMarginDays, calendar } = input;
  assertDays('reviewMarginDays', reviewMarginDays);
  assertInstant('legalDeadline', deadline);
  assertInstant('receivedAt', receivedAt);
  if (reviewMarginDays === 0) return new Date(deadline.getTime());
  const { timeZone } = calendar;
  let day = localDateOf(deadline, timeZone);
  for (let i = 0; i < reviewMarginDays; i += 1) day = previousWorkingDay(calendar, day);
  const floor = nextWorkingDay(calendar, localDateOf(receivedAt, timeZone));
  if (day < floor) day = floor;
  const control = endOfLocalDay(day, timeZone);
  return control.getTime() > deadline.getTime() ? new Date(deadline.getTime()) : control;
}

/**
 * Both dates an appeal gets at registration: the legal deadline (Art. 20; an emergency's in hours)
 * and the executor's control date (earlier by the question type's review margin in working days; an
 * emergency's is its deadline).
 *
 * @param questionType the term in days, the term in hours of an emergency, the review margin.
 * @throws RangeError as `legalDeadline`, `emergencyDeadline` and `executorControlDate` do.
 */
export function appealDeadlines(input: {
  receivedAt: Date;
  questionType: {
    termDays: number;
    termHours: number | null;
    reviewMarginDays: number;
    emergency: boolean;
  };
  calendar: WorkCalendar;
}): { legal: Date; control: Date } {
  const { receivedAt, questionType, calendar } = input;
  if (questionType.emergency && questionType.termHours) {
    const legal = emergencyDeadline({ receivedAt, hours: questionType.termHours, calendar });
    return { legal, control: legal };
  }
  const legal = legalDeadline({ receivedAt, termDays: questionType.termDays, calendar });
  const control = executorControlDate({
    legalDeadline: legal,
    receivedAt,
    reviewMarginDays: questionType.reviewMarginDays,
    calendar,
  });
  return { legal, control };
}

/**
 * The deadline for forwarding an appeal outside the council's competence to the competent body, the
 * applicant being told; also for returning an appeal that lacks the data needed for a decision
 * (Law 393/96-ВР Art. 7: "within 5 days"). Counted like `legalDeadline` with 5 days.
 *
 * @throws RangeError when `receivedAt` is invalid or the time zone is unknown.
 */
export function forwardingDeadline(receivedAt: Date, calendar: WorkCalendar): Date {
  return legalDeadline({ receivedAt, termDays: FORWARDING_TERM_DAYS, calendar });
}

/**
 * The deadline for returning an appeal that does not meet the requirements of Art. 5 (name, place of
 * residence, substance; an e-mail or other contact for an electronic one) to the applicant with
 * explanations (Law 393/96-ВР Art. 5: "no later than 10 days from receipt"). Counted like
 * `legalDeadline` with 10 days.
 *
 * @throws RangeError when `receivedAt` is invalid or the time zone is unknown.
 */
export function returnIncompleteDeadline(receivedAt: Date, calendar: WorkCalendar): Date {
  return legalDeadline({ receivedAt, termDays: RETURN_INCOMPLETE_TERM_DAYS, calendar });
}

export type DeadlineState = 'ok' | 'due_soon' | 'overdue';

/**
 * The state of a deadline at `now` (regulation 3.1.3: due-soon and overdue queues):
 * - `overdue` when `now` is strictly after `deadline` (at the deadline instant itself, 23:59:59.999,
 *   the term has not yet passed);
 * - `due_soon` when `deadline - now` is at most `dueSoonHours` elapsed hours;
 * - `ok` otherwise.
 *
 * @param dueSoonHours elapsed hours, a non-negative finite number (0: due soon only at the deadline).
 * @throws RangeError when `dueSoonHours` is negative or not finite, or an instant is invalid.
 */
export function deadlineState(input: {
  deadline: Date;
  now: Date;
  dueSoonHours: number;
}): DeadlineState {
  const { deadline, now, dueSoonHours } = input;
  if (!Number.isFinite(dueSoonHours) || dueSoonHours < 0) {
    throw new RangeError(`dueSoonHours must be a non-negative finite number, got ${dueSoonHours}`);
  }
  assertInstant('deadline', deadline);
  assertInstant('now', now);
  const left = deadline.getTime() - now.getTime();
  if (left < 0) return 'overdue';
  return left <= dueSoonHours * HOUR_MS ? 'due_soon' : 'ok';
}
