/**
 * Emergencies and planned works (issue 16, ADR 035): the dispatcher's registry, the works that
 * cover an address (shown at intake and on the portal), the consultation «informed about works».
 */
import { z } from 'zod';
import { isoDateTime, text } from './common.js';

export const WORK_KINDS = ['emergency', 'planned', 'outage'] as const;
export const WORK_SERVICES = [
  'cold_water',
  'hot_water',
  'heating',
  'electricity',
  'gas',
  'lift',
  'sewage',
  'roads',
  'other',
] as const;
export const WORK_STATUSES = ['planned', 'active', 'closed'] as const;

const position = z.tuple([z.number().min(-180).max(180), z.number().min(-90).max(90)]);
/** A GeoJSON Polygon drawn on the map ([longitude, latitude], WGS84): one outer ring, no holes needed. */
export const workPolygon = z.object({
  type: z.literal('Polygon'),
  coordinates: z.array(z.array(position).min(4).max(2000)).min(1).max(10),
});

/** The affected area: any mix of buildings, whole streets, districts and one drawn polygon. */
export const workArea = z.object({
  buildingIds: z.array(z.number().int().positive()).max(5000).default([]),
  streetIds: z.array(z.number().int().positive()).max(500).default([]),
  districtIds: z.array(z.number().int().positive()).max(50).default([]),
  polygon: workPolygon.nullable().default(null),
});
export type WorkArea = z.infer<typeof workArea>;

export const workInput = z.object({
  kind: z.enum(WORK_KINDS),
  service: z.enum(WORK_SERVICES),
  area: workArea,
  startsAt: isoDateTime,
  expectedEndAt: isoDateTime,
  reason: text(2000),
  organisationId: z.number().int().positive().nullable().default(null),
  organisationName: text(300).nullable().default(null),
  publicTextUk: text(2000),
  publicTextEn: text(2000).nullable().default(null),
});
export type WorkInput = z.infer<typeof workInput>;

/** An edit: any field; the expected end moving tells the linked applicants. */
export const workPatch = workInput.partial();
export type WorkPatch = z.infer<typeof workPatch>;

export const workStatusChange = z.object({
  status: z.enum(['active', 'closed']),
  /** When it really ended (closing); now when left out. */
  actualEndAt: isoDateTime.optional(),
});

export const workView = z.object({
  id: z.number().int(),
  kind: z.enum(WORK_KINDS),
  service: z.enum(WORK_SERVICES),
  status: z.enum(WORK_STATUSES),
  area: workArea,
  buildingCount: z.number().int(),
  startsAt: isoDateTime,
  expectedEndAt: isoDateTime,
  actualEndAt: isoDateTime.nullable(),
  reason: z.string(),
  organisationId: z.number().int().nullable(),
  organisationName: z.string().nullable(),
  publicTextUk: z.string(),
  publicTextEn: z.string().nullable(),
  overdue: z.boolean(),
  informedCount: z.number().int(),
  linkedAppeals: z.number().int(),
  updatedAt: isoDateTime,
});
export type WorkView = z.infer<typeof workView>;

export const workListQuery = z.object({
  status: z.enum(WORK_STATUSES).optional(),
  service: z.enum(WORK_SERVICES).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});

export const workEventView = z.object({
  id: z.number().int(),
  at: isoDateTime,
  actor: z.string(),
  action: z.string(),
  before: z.record(z.string(), z.unknown()),
  after: z.record(z.string(), z.unknown()),
});

/** What the operator and the portal citizen see for an address: public facts only. */
export const publicWorkView = z.object({
  id: z.number().int(),
  kind: z.enum(WORK_KINDS),
  service: z.enum(WORK_SERVICES),
  status: z.enum(WORK_STATUSES),
  startsAt: isoDateTime,
  expectedEndAt: isoDateTime,
  publicTextUk: z.string(),
  publicTextEn: z.string().nullable(),
  organisationName: z.string().nullable(),
});
export type PublicWorkView = z.infer<typeof publicWorkView>;

/** Exactly one of a building, a street or a point. */
export const coveringQuery = z
  .object({
    buildingId: z.coerce.number().int().positive().optional(),
    streetId: z.coerce.number().int().positive().optional(),
    lat: z.coerce.number().min(-90).max(90).optional(),
    lon: z.coerce.number().min(-180).max(180).optional(),
  })
  .refine(
    (q) =>
      [
        q.buildingId !== undefined,
        q.streetId !== undefined,
        q.lat !== undefined && q.lon !== undefined,
      ].filter(Boolean).length === 1,
    { message: 'give exactly one of buildingId, streetId, or lat and lon' },
  );

export const informedInput = z.object({
  buildingId: z.number().int().positive().nullable().default(null),
});
export const informedView = z.object({ workId: z.number().int(), informedCount: z.number().int() });

/** The portal's list: public facts and the points of the covered buildings (for the map), capped. */
export const publicWorkMapView = publicWorkView.extend({
  points: z
    .array(z.tuple([z.number(), z.number()]))
    .describe('[lat, lon] of covered buildings (≤ 200)'),
  polygon: workPolygon.nullable(),
});
export type PublicWorkMapView = z.infer<typeof publicWorkMapView>;

/** What the appeal card shows of works: the linked entry and the confirmed mass appeal (issue 16). */
export const appealWorksView = z.object({
  work: publicWorkView.nullable(),
  massAppeal: z
    .object({
      id: z.number().int(),
      leadAppealId: z.number().int().nullable(),
      leadNumber: z.string().nullable(),
      members: z.number().int(),
    })
    .nullable(),
});
export type AppealWorksView = z.infer<typeof appealWorksView>;
