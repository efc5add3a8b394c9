/**
 * The legal terms (Law 393/96-ВР Art. 20: an appeal is considered within one month of receipt, one
 * needing no extra study within 15 days) and the city's year. The dates themselves come from the
 * deadline engine, `calendar/deadline-engine.ts`, by the city's work calendar.
 */
import { DateTime } from 'luxon';

/** Default legal term, in calendar days, when the question type does not set one (Art. 20). */
export const DEFAULT_TERM_DAYS = 30;

/** An appeal's standing against its control date, kept by the deadline sweep (migration 0003). */
export const DEADLINE_STATES = ['ok', 'due_soon', 'overdue'] as const;
export type DeadlineState = (typeof DEADLINE_STATES)[number];

/** Where a request to extend a control date stands (Art. 20; migration 0003). */
export const EXTENSION_STATES = ['requested', 'approved', 'refused'] as const;
export type ExtensionState = (typeof EXTENSION_STATES)[number];

/** Where a request for an executor's explanation stands (regulation 4.1.5; migration 0003). */
export const EXPLANATION_STATES = ['requested', 'answered'] as const;
export type ExplanationState = (typeof EXPLANATION_STATES)[number];
/** Term for an appeal that needs no extra study (Art. 20). */
export const SHORT_TERM_DAYS = 15;

/** The calendar year of `at` in `timeZone` (registration numbers restart each year). */
export function yearInZone(at: Date, timeZone: string): number {
  return DateTime.fromJSDate(at, { zone: timeZone }).year;
}
