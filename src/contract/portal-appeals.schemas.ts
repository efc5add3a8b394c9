/**
 * Response and query schemas of the portal's public appeals (`/api/public/appeals…`, the map, the
 * districts, the statistics and the monthly open data): depersonalised views only, with the
 * appeal's result in both languages (`resultView`, also shown on the tracking page). One zod schema
 * gives validation, the type and the OpenAPI document (CONVENTIONS.md habit 4).
 */
import { z } from 'zod';
import { RESULT_CODES } from '../domain/results.js';
import { APPEAL_STATUSES } from '../domain/vocabulary.js';
import { id } from './common.js';

/** An appeal's result: its code and its words in Ukrainian and English. */
export const resultView = z.object({ code: z.enum(RESULT_CODES), uk: z.string(), en: z.string() });

// ---- public: list, map, statistics ----

export const publicAppealsQuery = z.object({
  questionTypeId: z.coerce.number().int().positive().optional(),
  kindId: z.coerce.number().int().positive().optional(),
  status: z.enum(APPEAL_STATUSES).optional(),
  districtId: z.coerce
    .number()
    .int()
    .positive()
    .optional()
    .describe('A district administration of GET /api/public/districts.'),
  bbox: z
    .string()
    .regex(
      /^-?\d+(\.\d+)?,-?\d+(\.\d+)?,-?\d+(\.\d+)?,-?\d+(\.\d+)?$/,
      'bbox is minLon,minLat,maxLon,maxLat',
    )
    .optional()
    .describe('Only appeals with a point inside minLon,minLat,maxLon,maxLat (WGS 84).'),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(300).optional().describe('The nextCursor of the previous page.'),
});
export type PublicAppealsQuery = z.infer<typeof publicAppealsQuery>;

export const publicMapQuery = publicAppealsQuery.extend({
  limit: z.coerce.number().int().min(1).max(2000).default(500),
});

export const publicAppealView = z
  .object({
    number: z.string(),
    receivedAt: z.string(),
    status: z.enum(APPEAL_STATUSES),
    result: resultView.nullable(),
    questionType: z.object({ id, name: z.string(), nameEn: z.string().nullable() }),
    kind: z.object({ id, name: z.string(), nameEn: z.string().nullable() }),
    address: z.string().nullable().describe('Without flat, room or office; no phones or e-mails.'),
    location: z
      .object({ lat: z.number(), lon: z.number() })
      .nullable()
      .describe('Rounded to 4 decimals (about 10 m).'),
    district: z.object({ id, name: z.string() }).nullable(),
    executor: z.string().nullable(),
    controlDate: z.string().nullable(),
    closedAt: z.string().nullable(),
  })
  .describe('A depersonalised appeal: no names, phones, e-mails, flat numbers or texts.');
export type PublicAppealView = z.infer<typeof publicAppealView>;

export const publicAppealListView = z.object({
  items: z.array(publicAppealView),
  nextCursor: z.string().nullable(),
});

export const geoJsonView = z
  .object({
    type: z.literal('FeatureCollection'),
    features: z.array(
      z.object({
        type: z.literal('Feature'),
        geometry: z.object({
          type: z.literal('Point'),
          coordinates: z.tuple([z.number(), z.number()]).describe('[longitude, latitude]'),
        }),
        properties: publicAppealView.omit({ location: true }),
      }),
    ),
    nextCursor: z.string().nullable(),
  })
  .describe('RFC 7946 GeoJSON of the appeals that have a point.');
export type GeoJsonView = z.infer<typeof geoJsonView>;

export const districtsView = z.array(
  z.object({ id, name: z.string(), shortName: z.string().nullable() }),
);
export type DistrictView = z.infer<typeof districtsView>[number];

export const statisticsQuery = z.object({
  from: z
    .string()
    .regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'a month as YYYY-MM')
    .optional()
    .describe('First month (YYYY-MM); default eleven months before `to`.'),
  to: z
    .string()
    .regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'a month as YYYY-MM')
    .optional()
    .describe('Last month (YYYY-MM); default the current month.'),
});

export const statisticsView = z.object({
  from: z.string(),
  to: z.string(),
  total: z.number().int(),
  byQuestionType: z.array(
    z.object({
      questionType: z.object({ id, name: z.string(), nameEn: z.string().nullable() }),
      kind: z.string(),
      kindEn: z.string().nullable(),
      count: z.number().int(),
    }),
  ),
  byStatus: z.array(z.object({ status: z.enum(APPEAL_STATUSES), count: z.number().int() })),
  byMonth: z.array(z.object({ month: z.string(), count: z.number().int() })),
});
export type StatisticsView = z.infer<typeof statisticsView>;

export const openDataParams = z.object({
  month: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])\.(json|csv)$/, 'a month as YYYY-MM.json'),
});
