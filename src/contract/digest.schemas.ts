/**
 * The morning digest (issue 18, item 5; regulation 2.2.4: management learns of the city's urgent
 * issues and the centre's late executors): yesterday's figures as made once a day and kept
 * (`morning_digests.figures`), the list of digests and the query of one.
 */
import { z } from 'zod';
import type { DigestFigures } from '../domain/digest-document.js';
import { APPEAL_KINDS, CHANNELS } from '../domain/vocabulary.js';

const count = z.number().int().nonnegative();

/** A city day, `YYYY-MM-DD`. */
export const digestDay = z.iso.date().describe('A day of the city’s calendar, YYYY-MM-DD.');

/** The stored figures (`DigestFigures` of the domain, which the digest's sections read). */
export const digestFigures = z.object({
  /** The city day counted, and the zone its hours were read in. */
  day: digestDay,
  timeZone: z.string(),
  madeAt: z.string(),
  /** Appeals received that day (registered_at in the day), consultations included in `byKind`. */
  registered: z.object({
    total: count,
    byKind: z.array(z.object({ kind: z.enum(APPEAL_KINDS), count })),
    byChannel: z.array(z.object({ channel: z.enum(CHANNELS), count })),
  }),
  /** Appeals closed that day (closed_at in the day). */
  closed: count,
  /** The question types with most appeals that day (at most 10), most first. */
  topQuestionTypes: z.array(z.object({ questionType: z.string(), count })),
  /** Appeals that day by district (null: no known district), most first. */
  byDistrict: z.array(z.object({ district: z.string().nullable(), count })),
  /** The open queues when the digest was made. */
  open: z.object({ overdue: count, dueSoon: count, onCheck: count, needsRouting: count }),
  /** Monitoring alerts raised that day (ADR 048). */
  alerts: z.array(
    z.object({
      id: z.number().int(),
      questionType: z.string(),
      /** Null: city-wide. */
      district: z.string().nullable(),
      observed: count,
      expected: z.number(),
      raisedAt: z.string(),
      explained: z.boolean(),
      /** Who acknowledged it, or null. */
      acknowledgedBy: z.string().nullable(),
    }),
  ),
  /** Executors with overdue open appeals when the digest was made (at most 20), most first. */
  overdueExecutors: z.array(z.object({ executor: z.string(), count })),
}) satisfies z.ZodType<DigestFigures>;
export type { DigestFigures };

export const digestListItem = z.object({
  day: digestDay,
  madeAt: z.string(),
  registered: count,
  overdue: count,
  alerts: count,
});

export const digestDayParams = z.object({ day: digestDay });

export const digestQuery = z.object({
  /** `pdf`: the attachment the e-mail carried; `json`: the stored figures. */
  format: z.enum(['json', 'pdf']).default('json'),
  lang: z.enum(['uk', 'en']).default('uk'),
});
