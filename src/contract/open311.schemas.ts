/**
 * Open311 GeoReport v2 shapes (https://wiki.open311.org/GeoReport_v2; JSON Schemas in
 * `shared/data/open311/schema/`). Field names are the standard's (snake_case); the same zod schema
 * gives the type, the OpenAPI document and the conformance test's expectations.
 */
import { z } from 'zod';

/** An empty parameter behaves as a missing one (the standard's clients send `status=`). */
const param = <T extends z.ZodType>(schema: T) =>
  z.preprocess((v) => (typeof v === 'string' && v.trim() === '' ? undefined : v), schema);

const w3cDateTime = z
  .string()
  .trim()
  .refine(
    (v) => !Number.isNaN(Date.parse(v)),
    'must be a W3C date-time, e.g. 2025-09-01T00:00:00+03:00',
  );

export const formatParams = z.object({ format: z.enum(['json', 'xml']) });
export const serviceCodeParams = z.object({
  code: z.string().min(1).max(40),
  format: z.enum(['json', 'xml']),
});
export const requestIdParams = z.object({
  id: z.string().min(1).max(40),
  format: z.enum(['json', 'xml']),
});
export const tokenParams = z.object({
  token: z.string().min(1).max(100),
  format: z.enum(['json', 'xml']),
});

export const commonQuery = z.object({
  jurisdiction_id: param(z.string().max(200).optional()).describe(
    'Accepted and ignored: this server has one jurisdiction.',
  ),
  locale: param(z.enum(['uk', 'en']).optional()).describe('Language of names (default uk).'),
});

export const requestsQuery = commonQuery.extend({
  service_request_id: param(z.string().max(20_000).optional()).describe(
    'Comma-separated ids; when given, every other filter is ignored.',
  ),
  service_code: param(z.string().max(2000).optional()).describe('Comma-separated service codes.'),
  start_date: param(w3cDateTime.optional()).describe('Default: 90 days before end_date.'),
  end_date: param(w3cDateTime.optional()).describe('Default: now.'),
  status: param(z.string().max(40).optional()).describe('open, closed, or both comma-separated.'),
  page: param(z.coerce.number().int().min(1).optional()),
  page_size: param(z.coerce.number().int().min(1).max(1000).optional()).describe(
    'At most 1,000 (default 1,000).',
  ),
});
export type RequestsQuery = z.infer<typeof requestsQuery>;

/** POST requests, as a form (application/x-www-form-urlencoded) or JSON. */
export const postRequestBody = z
  .object({
    api_key: param(z.string().max(200).optional()).describe('Issued by the city; 403 when wrong.'),
    jurisdiction_id: param(z.string().max(200).optional()),
    service_code: param(z.string().max(40).optional()),
    lat: param(z.coerce.number().min(-90).max(90).optional()),
    long: param(z.coerce.number().min(-180).max(180).optional()),
    address_string: param(z.string().trim().max(300).optional()),
    address_id: param(z.string().max(100).optional()),
    email: param(z.email('must be an e-mail address').max(320).optional()),
    device_id: param(z.string().max(200).optional()),
    account_id: param(z.string().max(200).optional()),
    first_name: param(z.string().trim().max(100).optional()),
    last_name: param(z.string().trim().max(100).optional()),
    phone: param(
      z
        .string()
        .trim()
        .regex(/^\+?[\d\s()-]{5,30}$/, 'must be a phone number')
        .optional(),
    ),
    description: param(z.string().trim().max(4000).optional()),
    media_url: param(z.url().max(2000).optional()),
  })
  .catchall(z.union([z.string(), z.array(z.string())]))
  .describe(
    'GeoReport v2 POST requests fields; service attributes as attribute[CODE]=value (KIND: application, complaint, proposal; CONFIDENTIAL: yes, no).',
  );
export type PostRequestBody = z.infer<typeof postRequestBody>;

const nullableString = z.string().nullable();

export const serviceView = z.object({
  service_code: z.string(),
  service_name: z.string(),
  description: nullableString,
  metadata: z.boolean(),
  type: z.enum(['realtime', 'batch', 'blackbox']),
  keywords: nullableString,
  group: nullableString,
});
export type ServiceView = z.infer<typeof serviceView>;

export const attributeView = z.object({
  variable: z.boolean(),
  code: z.string(),
  datatype: z.enum(['string', 'number', 'datetime', 'text', 'singlevaluelist', 'multivaluelist']),
  required: z.boolean(),
  datatype_description: nullableString,
  order: z.number().int(),
  description: z.string(),
  values: z.array(z.object({ key: z.string(), name: z.string() })),
});

export const serviceDefinitionView = z.object({
  service_code: z.string(),
  attributes: z.array(attributeView),
});
export type ServiceDefinitionView = z.infer<typeof serviceDefinitionView>;

export const requestView = z.object({
  service_request_id: z.string(),
  status: z.enum(['open', 'closed']),
  status_notes: nullableString,
  service_name: nullableString,
  service_code: z.string(),
  description: nullableString,
  agency_responsible: nullableString,
  service_notice: nullableString,
  requested_datetime: z.string(),
  updated_datetime: nullableString,
  expected_datetime: nullableString,
  address: nullableString,
  address_id: nullableString,
  zipcode: nullableString,
  lat: z.number().nullable(),
  long: z.number().nullable(),
  media_url: nullableString,
});
export type RequestView = z.infer<typeof requestView>;

export const postedRequestView = z.object({
  token: z.string(),
  service_notice: nullableString.optional(),
});

export const tokenView = z.object({
  token: z.string(),
  service_request_id: z.string().optional(),
});

export const discoveryView = z.object({
  changeset: z.string(),
  contact: z.string(),
  key_service: z.string(),
  endpoints: z.array(
    z.object({
      specification: z.string(),
      url: z.string(),
      changeset: z.string(),
      type: z.enum(['production', 'test']),
      formats: z.array(z.string()),
    }),
  ),
});
export type DiscoveryView = z.infer<typeof discoveryView>;

export const open311Errors = z
  .array(z.object({ code: z.number().int(), description: z.string() }))
  .describe('GeoReport v2 errors: 403 bad api_key, 404 missing, 400 otherwise.');
