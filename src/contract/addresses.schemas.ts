/**
 * Address suggestions for the intake screen (addresses of earlier appeals with how often they
 * occur) and the address registry (issue 15): suggestions, points, routing, the keeper's requests.
 */
import { z } from 'zod';

export const addressQuery = z.object({ q: z.string().trim().min(2).max(200) });

export const addressSuggestionView = z.object({ address: z.string(), count: z.number().int() });
export type AddressSuggestionView = z.infer<typeof addressSuggestionView>;

// ---- The address registry (issue 15) ----

export const registryQuery = z.object({
  q: z
    .string()
    .trim()
    .min(2)
    .max(200)
    .describe('Any part of a street (current or former name), then the house'),
  limit: z.coerce.number().int().min(1).max(30).default(10),
});

export const registryAddressView = z.object({
  buildingId: z.number().int().nullable(),
  streetId: z.number().int(),
  label: z.string().describe('вулиця Сумська, 12-А (the current name)'),
  streetType: z.string().nullable(),
  streetName: z.string(),
  formerly: z
    .object({ name: z.string(), until: z.string().nullable() })
    .nullable()
    .describe('The former name the words matched, shown as "formerly …"'),
  houseNumber: z.string().nullable(),
  districtId: z.number().int().nullable(),
  districtName: z.string().nullable(),
  latitude: z.number().nullable(),
  longitude: z.number().nullable(),
});

export const pointQuery = z.object({
  latitude: z.coerce.number().min(-90).max(90),
  longitude: z.coerce.number().min(-180).max(180),
});

export const pointPlaceView = z.object({
  building: z
    .object({
      id: z.number().int(),
      label: z.string(),
      latitude: z.number().nullable(),
      longitude: z.number().nullable(),
      distanceMetres: z.number(),
    })
    .nullable()
    .describe('The nearest building within 150 m, or null'),
  district: z.object({ id: z.number().int(), name: z.string() }).nullable(),
  flags: z.array(z.enum(['not_in_registry', 'outside_districts'])),
});

export const routingView = z.object({
  executorId: z.number().int().nullable(),
  executorName: z.string().nullable(),
  rule: z.enum(['maintainer', 'district', 'default', 'none']),
  districtName: z.string().nullable(),
});

export const appealIdParams = z.object({ id: z.coerce.number().int().positive() });

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date YYYY-MM-DD');

export const streetView = z.object({
  id: z.number().int(),
  city: z.string(),
  type: z.string().nullable(),
  name: z.string(),
  label: z.string(),
  active: z.boolean(),
  buildings: z.number().int(),
  names: z.array(
    z.object({
      name: z.string(),
      type: z.string().nullable(),
      current: z.boolean(),
      validFrom: z.string().nullable(),
      validTo: z.string().nullable(),
      period: z.string().nullable(),
    }),
  ),
});

export const renameStreetSchema = z.object({
  name: z.string().trim().min(2).max(200).describe('The new name, with or without its type word'),
  type: z.string().trim().max(40).nullish(),
  date: isoDate.describe('The day of the decision; the old name is kept as valid until it'),
});

export const buildingListQuery = z.object({
  streetId: z.coerce.number().int().positive().optional(),
  districtId: z.coerce.number().int().positive().optional(),
  maintainerId: z.coerce.number().int().positive().optional(),
  limit: z.coerce.number().int().min(1).max(2000).default(500),
});

export const buildingView = z.object({
  id: z.number().int(),
  streetId: z.number().int(),
  label: z.string(),
  houseNumber: z.string().describe('The number without its block (7, 12-А, 20/2)'),
  block: z.string().nullable().describe('The block (корпус), or null'),
  kind: z.string(),
  latitude: z.number().nullable(),
  longitude: z.number().nullable(),
  districtId: z.number().int().nullable(),
  districtName: z.string().nullable(),
  maintainerId: z.number().int().nullable(),
  maintainerName: z.string().nullable(),
  active: z.boolean(),
  mergedIntoId: z.number().int().nullable(),
  appeals: z.number().int(),
});

export const buildingUpdateSchema = z.object({
  houseNumber: z.string().trim().min(1).max(40).optional(),
  block: z
    .string()
    .trim()
    .max(10)
    .nullish()
    .transform((v) => (v === '' ? null : v))
    .describe('The block (корпус); empty or null: none'),
  kind: z.enum(['residential', 'other']).optional(),
  latitude: z.number().min(-90).max(90).nullish(),
  longitude: z.number().min(-180).max(180).nullish(),
  districtId: z.number().int().positive().nullish(),
  maintainerId: z.number().int().positive().nullish(),
});

export const mergeBuildingsSchema = z.object({
  fromId: z.number().int().positive().describe('The building retired'),
  intoId: z.number().int().positive().describe('The building kept'),
});

export const assignMaintainerSchema = z.object({
  buildingIds: z.array(z.number().int().positive()).min(1).max(5000),
  maintainerId: z.number().int().positive().nullable(),
});

export const registryEditQuery = z.object({
  entity: z.enum(['street', 'building']).optional(),
  id: z.coerce.number().int().positive().optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});

export const registryEditView = z.object({
  id: z.number().int(),
  at: z.string(),
  actor: z.string(),
  entity: z.enum(['street', 'building']),
  entityId: z.number().int(),
  action: z.string().describe('rename, update, merge, maintainer'),
  before: z.record(z.string(), z.unknown()),
  after: z.record(z.string(), z.unknown()),
});

export const addressRuleSchema = z.object({
  questionTypeId: z.number().int().positive(),
  districtId: z.number().int().positive().nullable().default(null),
  executorId: z.number().int().positive().nullable().default(null),
  toMaintainer: z.boolean().default(false),
});
export type RegistryAddressView = z.infer<typeof registryAddressView>;

// ---- Routing preview at intake (issue 15, item 5) ----

const positiveId = z.coerce.number().int().positive().max(2_147_483_647);

export const routingPreviewQuery = z.object({
  questionTypeId: positiveId.describe('The question type chosen (GET /api/v1/classifier).'),
  buildingId: positiveId
    .optional()
    .describe('The building chosen in the address registry (GET /api/v1/addresses/registry).'),
  districtId: positiveId
    .optional()
    .describe('The district of the point, when no building is chosen.'),
  address: z
    .string()
    .trim()
    .max(500)
    .optional()
    .describe('The address as typed: placed on a building as registration places it.'),
});
export type RoutingPreviewQuery = z.infer<typeof routingPreviewQuery>;

const namedOrganisation = z.object({ id: z.number().int(), name: z.string() });

export const routingPreviewView = z.object({
  executor: namedOrganisation.nullable().describe('The main executor, or null when none.'),
  coExecutors: z.array(namedOrganisation),
  reason: z
    .enum(['maintainer', 'district', 'default', 'none', 'works', 'inactive_default'])
    .describe(
      'maintainer: the building’s maintainer; district: the district’s rule; default: the question type’s executor; none: no executor; works: active works of the question’s service cover the building — the appeal joins them and goes to no executor (`workId`); inactive_default: the question type’s executor is deactivated — registration would refuse it (400 unknown_executor), the administrator must reroute the type',
    ),
  workId: z
    .number()
    .int()
    .nullable()
    .describe('The works entry the appeal would join (reason works), else null.'),
});
export type RoutingPreviewView = z.infer<typeof routingPreviewView>;
