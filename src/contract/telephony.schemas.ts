/**
 * Telephony over HTTP (issue 20): call events from the telephone system, the call log, operators'
 * presence and extensions.
 */
import { z } from 'zod';
import { CALL_EVENT_KINDS, CALL_STATES } from '../domain/calls.js';
import { isoDateTime } from './common.js';

export const PRESENCE_STATES = [
  'available',
  'on_call',
  'after_call',
  'break',
  'signed_out',
] as const;
export type PresenceState = (typeof PRESENCE_STATES)[number];

const shortText = (max: number) => z.string().trim().min(1).max(max);

/** One event as the telephone system sends it (POST /api/telephony/events). */
export const callEventSchema = z.object({
  /** The PBX's own id of the call (Asterisk's Linkedid, Binotel's generalCallID…). */
  callId: shortText(200),
  event: z.enum(CALL_EVENT_KINDS),
  /** When it happened, ISO 8601 with an offset (the PBX's clock). */
  at: isoDateTime,
  callerNumber: shortText(40).optional(),
  line: shortText(40).optional(),
  extension: shortText(20).optional(),
  durationSeconds: z.number().int().min(0).max(86_400).optional(),
  recordingRef: shortText(500).optional(),
});
export type CallEventInput = z.infer<typeof callEventSchema>;

export const callEventOutcome = z.object({
  callId: z.number().int(),
  /** False when the event was already known (a replay or a duplicate): nothing changed. */
  applied: z.boolean(),
  state: z.enum(CALL_STATES),
});

export const callView = z.object({
  id: z.number().int(),
  source: z.string(),
  externalId: z.string(),
  state: z.enum(CALL_STATES),
  callerNumber: z.string().nullable(),
  line: z.string().nullable(),
  extension: z.string().nullable(),
  operator: z.object({ id: z.number().int(), fullName: z.string() }).nullable(),
  ringingAt: z.string().nullable(),
  answeredAt: z.string().nullable(),
  endedAt: z.string().nullable(),
  durationSeconds: z.number().int().nullable(),
  talkSeconds: z.number().int().nullable(),
  recordingRef: z.string().nullable(),
  appeals: z.array(z.object({ id: z.number().int(), number: z.string(), kind: z.string() })),
});
export type CallView = z.infer<typeof callView>;

export const callLogQuery = z.object({
  /** Only calls that ended with nothing registered (for the head). */
  unregistered: z
    .enum(['true', 'false'])
    .optional()
    .transform((v) => v === 'true'),
  operatorId: z.coerce.number().int().positive().optional(),
  from: isoDateTime.optional(),
  to: isoDateTime.optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

export const callLogView = z.object({ items: z.array(callView) });

export const operatorFiguresQuery = z.object({ from: isoDateTime, to: isoDateTime });

export const operatorFiguresView = z.object({
  items: z.array(
    z.object({
      operatorId: z.number().int(),
      fullName: z.string(),
      calls: z.number().int(),
      answered: z.number().int(),
      talkSeconds: z.number().int(),
      afterCallSeconds: z.number().int(),
    }),
  ),
});

export const presenceView = z.object({
  userId: z.number().int(),
  fullName: z.string(),
  extension: z.string().nullable(),
  state: z.enum(PRESENCE_STATES),
  since: z.string().nullable(),
});
export type PresenceView = z.infer<typeof presenceView>;

export const presenceListView = z.object({ items: z.array(presenceView) });

/** What an operator sets for themself: presence, and/or the extension of the desk. */
export const myTelephonySchema = z
  .object({
    state: z.enum(['available', 'after_call', 'break', 'signed_out']).optional(),
    extension: z
      .string()
      .trim()
      .regex(/^[0-9]{2,8}$/, 'must be 2–8 digits')
      .nullable()
      .optional(),
  })
  .refine((v) => v.state !== undefined || v.extension !== undefined, {
    message: 'give a state or an extension',
  });

/** The screen pop: the ringing call and who is known by its number. */
export const screenPopView = z.object({
  callId: z.number().int(),
  callerNumber: z.string().nullable(),
  line: z.string().nullable(),
  extension: z.string().nullable(),
  ringingAt: z.string().nullable(),
  applicants: z.array(
    z.object({
      id: z.number().int(),
      fullName: z.string(),
      address: z.string().nullable(),
      lastAppeals: z.array(
        z.object({
          id: z.number().int(),
          number: z.string(),
          status: z.string(),
          registeredAt: z.string(),
          question: z.string(),
          /** The question type's id (the web shows its name in the chosen language). */
          questionTypeId: z.number().int(),
        }),
      ),
      openWorks: z.array(
        z.object({ id: z.number().int(), title: z.string(), until: z.string().nullable() }),
      ),
    }),
  ),
});
export type ScreenPopView = z.infer<typeof screenPopView>;

export const ringingView = z.object({ call: screenPopView.nullable() });
