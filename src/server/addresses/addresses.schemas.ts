/** Request and response schemas of the address registry (issue 15): one source of types and OpenAPI. */
import { z } from 'zod';

export const registryQuery = z.object({
  q: z
    .string()
    .trim()
    .min(2)
    .max(200)
    .describe('Any part of a street (current or former name), then the house'),
  limit: z.coerce.number().int().min(1).max(30).default(10),
});

export const addressSuggestionView = z.object({
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
