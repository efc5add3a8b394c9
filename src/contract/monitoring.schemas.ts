/**
 * Live monitoring's API (issue 18, ADR 048): alerts of spikes by question type × district, and the
 * live counts by question type × district for the last hours.
 */
import { z } from 'zod';
import { APPEAL_KINDS } from '../domain/vocabulary.js';
import { PRESENCE_STATES } from './telephony.schemas.js';

/**
 * The live bus's topics of alerts (ADR 038), each sent as an SSE `event:` of its own name. A page
 * listens for every one by name: EventSource dispatches by the exact name, so a listener for the
 * prefix `alerts` alone hears nothing (the monitoring page did so until 2 December 2026 and showed
 * a new alert only at its one-minute re-read).
 */
export const ALERT_TOPICS = [
  'alerts.raised',
  'alerts.updated',
  'alerts.explained',
  'alerts.acknowledged',
] as const;
export type AlertTopic = (typeof ALERT_TOPICS)[number];

export const alertListQuery = z.object({
  /** `open`: not acknowledged yet (default); `all`: every recent one. */
  state: z.enum(['open', 'all']).default('open'),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

export const alertView = z.object({
  id: z.number().int(),
  questionTypeId: z.number().int(),
  questionType: z.string(),
  questionTypeEn: z.string().nullable(),
  /** Null: city-wide. */
  districtId: z.number().int().nullable(),
  district: z.string().nullable(),
  districtEn: z.string().nullable(),
  /** Full hours before the current one in the window that fired (1 or 3). */
  windowHours: z.number().int(),
  observed: z.number().int(),
  expected: z.number(),
  pValue: z.number(),
  since: z.string(),
  raisedAt: z.string(),
  lastDetectedAt: z.string(),
  appealCount: z.number().int(),
  explainedByWorkId: z.number().int().nullable(),
  acknowledgedAt: z.string().nullable(),
  acknowledgedBy: z.string().nullable(),
});
export type AlertView = z.infer<typeof alertView>;

export const alertDetailView = alertView.extend({
  appeals: z.array(z.object({ id: z.number().int(), number: z.string(), receivedAt: z.string() })),
});
export type AlertDetailView = z.infer<typeof alertDetailView>;

export const liveCountsQuery = z.object({
  /** Hours back from the current one (the current hour so far included). */
  hours: z.coerce.number().int().min(1).max(168).default(24),
});

export const liveCountsView = z.object({
  from: z.string(),
  rows: z.array(
    z.object({
      questionTypeId: z.number().int(),
      kind: z.enum(APPEAL_KINDS),
      /** Null: no known district. */
      districtId: z.number().int().nullable(),
      appeals: z.number().int(),
    }),
  ),
});

/** The queues of the head's live picture (issue 18 item 4): the registry's queues, then the others. */
export const PICTURE_QUEUES = [
  'needs_routing',
  'new',
  'due_soon',
  'overdue',
  'on_check',
  'moderation',
  'callback',
] as const;

const windowFigures = z.object({
  /** Full hours before the current one (1: the last hour; 3: the last 3 hours). */
  hours: z.number().int(),
  observed: z.number(),
  /** Null: not enough history for a baseline (fewer than 2 usable weeks). */
  expected: z.number().nullable(),
});

export const livePictureView = z.object({
  /** When everything was counted (ISO instant). */
  countedAt: z.string(),
  /** Question types rising city-wide, the most first (at most 10). */
  rising: z.array(
    z.object({
      questionTypeId: z.number().int(),
      questionType: z.string(),
      questionTypeEn: z.string().nullable(),
      windows: z.array(windowFigures),
    }),
  ),
  /** Every queue of `PICTURE_QUEUES`, in that order. */
  queues: z.array(z.object({ key: z.enum(PICTURE_QUEUES), count: z.number().int() })),
  /** Operators signed in or registering today, by name. */
  operators: z.array(
    z.object({
      userId: z.number().int(),
      fullName: z.string(),
      signedIn: z.boolean(),
      /** The telephony presence (issue 20); null: never set. */
      presence: z.enum(PRESENCE_STATES).nullable(),
      /** Registered today (the city's day) and in the last 60 minutes; consultations apart. */
      appealsToday: z.number().int(),
      consultationsToday: z.number().int(),
      appealsLastHour: z.number().int(),
      consultationsLastHour: z.number().int(),
      /**
       * The median of today's registrations' times, in seconds (from the new-call screen's first
       * entry to registering); null when none of today's came through that screen.
       */
      medianIntakeSeconds: z.number().int().nullable(),
      /** How many of today's registrations the median is of. */
      timedToday: z.number().int(),
    }),
  ),
});
export type LivePictureView = z.infer<typeof livePictureView>;

/** Today's appeals by district and question type (issue 18 item 4: the head's map). */
export const todayByDistrictView = z.object({
  /** The city's midnight today, and when counted. */
  since: z.string(),
  countedAt: z.string(),
  /** Most appeals first; `districtId` null: in no known district (not on the map). */
  districts: z.array(
    z.object({
      districtId: z.number().int().nullable(),
      district: z.string().nullable(),
      districtEn: z.string().nullable(),
      /** The district has a boundary to draw (the address registry's). */
      outlined: z.boolean(),
      appeals: z.number().int(),
      byType: z.array(z.object({ questionTypeId: z.number().int(), appeals: z.number().int() })),
    }),
  ),
  /** The question types of today's appeals, most first. */
  questionTypes: z.array(
    z.object({
      questionTypeId: z.number().int(),
      questionType: z.string(),
      questionTypeEn: z.string().nullable(),
      appeals: z.number().int(),
    }),
  ),
});
export type TodayByDistrictView = z.infer<typeof todayByDistrictView>;
