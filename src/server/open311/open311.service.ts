/**
 * Open311 GeoReport v2 over Kontakt's data (mapping in `domain/open311.ts`): discovery, services
 * and their definitions, requests (GET with the standard's filters; POST into the moderation queue,
 * answered with a token), tokens.
 *
 * Public requests are depersonalised like the portal's list (same base query): confidential
 * appeals, consultations and non-public question types are left out; no description, name, phone
 * or e-mail is given; the address loses flat and room; the point is rounded. `status_notes` is the
 * result's label, never the executor's text. Times are W3C date-times with the city's offset.
 */
import { parseClientDateTime } from '../../domain/client-values.js';
import { createHash, randomBytes } from 'node:crypto';
import { type Kysely, sql } from 'kysely';
import { DateTime } from 'luxon';
import { publicCoordinate } from '../../domain/depersonalise.js';
import { publicStreetAddress } from '../../domain/public-address.js';
import {
  listParameter,
  open311Status,
  requestsPage,
  requestsWindow,
  statusesOfOpen311,
} from '../../domain/open311.js';
import { checkApplicantDetails, type SubmissionKind } from '../../domain/portal.js';
import { RESULTS } from '../../domain/results.js';
import { matchKey } from '../../domain/text.js';
import type { Deps } from '../context.js';
import type { DB } from '../db/schema.js';
import { AppError } from '../errors.js';
import { numberSetting } from '../settings.js';
import { addressKey } from '../../domain/addresses/address-normal-form.js';
import { publicAppealsBase } from '../portal/public-appeals.queries.js';
import { storeSubmission } from '../portal/submissions.service.js';
import { buildingByText } from '../addresses/registry-search.js';
import { apiKeyByValue } from './api-keys.service.js';
import type {
  DiscoveryView,
  PostRequestBody,
  RequestsQuery,
  RequestView,
  ServiceDefinitionView,
  ServiceView,
} from '../../contract/open311.schemas.js';

export type Locale = 'uk' | 'en';

const bad = (description: string) => new AppError('open311_bad_request', 400, description);
const missing = (description: string) => new AppError('open311_not_found', 404, description);

/** The date of this endpoint's last change of contract (discovery `changeset`). */
const CHANGESET = '2025-10-01T00:00:00+03:00';

/** A W3C date-time with the city's offset: `2025-09-01T00:42:00+03:00`. */
export function w3c(at: Date | null, zone: string): string | null {
  return at ? DateTime.fromJSDate(at, { zone }).toISO({ suppressMilliseconds: true }) : null;
}

export function discovery(deps: Deps): DiscoveryView {
  const base = deps.config.publicUrl.replace(/\/$/, '');
  return {
    changeset: CHANGESET,
    contact: `Контактний центр міста: ${base}`,
    key_service: `API keys are issued by the city's administrator on request: ${base}`,
    endpoints: [
      {
        specification: 'http://wiki.open311.org/GeoReport_v2',
        url: `${base}/open311/v2`,
        changeset: CHANGESET,
        type: 'production',
        formats: ['text/xml', 'application/json'],
      },
    ],
  };
}

function servicesQuery(db: Kysely<DB>) {
  return db
    .selectFrom('question_types as qt')
    .innerJoin('classifier_kinds as k', 'k.id', 'qt.kind_id')
    .select([
      'qt.id',
      'qt.name',
      'qt.name_en',
      'qt.term_days',
      'qt.term_hours',
      'qt.is_emergency',
      'k.name as kind_name',
      'k.name_en as kind_name_en',
    ])
    .where('qt.active', '=', true)
    .where('qt.is_public', '=', true)
    .where('k.active', '=', true);
}
type ServiceRow = Awaited<ReturnType<ReturnType<typeof servicesQuery>['executeTakeFirstOrThrow']>>;

function termText(row: ServiceRow, locale: Locale): string {
  if (row.is_emergency && row.term_hours) {
    return locale === 'en'
      ? `Emergency: handled within ${row.term_hours} hours.`
      : `Аварійне: розглядається протягом ${row.term_hours} год.`;
  }
  return locale === 'en'
    ? `Considered within ${row.term_days} days (Article 20 of the Law of Ukraine "On Citizens' Appeals").`
    : `Розглядається протягом ${row.term_days} днів (стаття 20 Закону України «Про звернення громадян»).`;
}

/** Our public question types as services (`type: batch`: a POST answers with a token). */
export async function services(deps: Deps, locale: Locale): Promise<ServiceView[]> {
  const rows = await servicesQuery(deps.db).orderBy('k.position').orderBy('qt.id').execute();
  return rows.map((row) => ({
    service_code: String(row.id),
    service_name: locale === 'en' ? (row.name_en ?? row.name) : row.name,
    description: termText(row, locale),
    metadata: true,
    type: 'batch',
    keywords: null,
    group: locale === 'en' ? (row.kind_name_en ?? row.kind_name) : row.kind_name,
  }));
}

async function serviceRow(deps: Deps, code: string): Promise<ServiceRow | null> {
  if (!/^\d{1,9}$/.test(code)) return null;
  return (
    (await servicesQuery(deps.db).where('qt.id', '=', Number(code)).executeTakeFirst()) ?? null
  );
}

const KIND_VALUES: Record<Locale, { key: SubmissionKind; name: string }[]> = {
  uk: [
    { key: 'application', name: 'Заява' },
    { key: 'complaint', name: 'Скарга' },
    { key: 'proposal', name: 'Пропозиція' },
  ],
  en: [
    { key: 'application', name: 'Application' },
    { key: 'complaint', name: 'Complaint' },
    { key: 'proposal', name: 'Proposal' },
  ],
};

/**
 * A service definition: the legal term (informational) and two attributes every service takes —
 * KIND (application, complaint, proposal: Art. 3) and CONFIDENTIAL (Art. 18).
 * @throws AppError 404 for an unknown service code.
 */
export async function serviceDefinition(
  deps: Deps,
  code: string,
  locale: Locale,
): Promise<ServiceDefinitionView> {
  const row = await serviceRow(deps, code);
  if (!row) throw missing(`No service with service_code ${code}.`);
  const en = locale === 'en';
  return {
    service_code: String(row.id),
    attributes: [
      {
        variable: false,
        code: 'TERM',
        datatype: 'text',
        required: false,
        datatype_description: null,
        order: 1,
        description: termText(row, locale),
        values: [],
      },
      {
        variable: true,
        code: 'KIND',
        datatype: 'singlevaluelist',
        required: false,
        datatype_description: en ? 'Default: application' : 'Типово: заява',
        order: 2,
        description: en
          ? 'Kind of appeal (Article 3 of the Law)'
          : 'Вид звернення (стаття 3 Закону)',
        values: KIND_VALUES[locale],
      },
      {
        variable: true,
        code: 'CONFIDENTIAL',
        datatype: 'singlevaluelist',
        required: false,
        datatype_description: en ? 'Default: no' : 'Типово: ні',
        order: 3,
        description: en
          ? 'Keep my personal data confidential; the request is not published (Article 18 of the Law)'
          : 'Не розголошувати мої персональні дані; звернення не оприлюднюється (стаття 18 Закону)',
        values: en
          ? [
              { key: 'no', name: 'No' },
              { key: 'yes', name: 'Yes' },
            ]
          : [
              { key: 'no', name: 'Ні' },
              { key: 'yes', name: 'Так' },
            ],
      },
    ],
  };
}

function attribute(body: PostRequestBody, code: string): string | undefined {
  const value = body[`attribute[${code}]`];
  const first = Array.isArray(value) ? value[0] : value;
  return typeof first === 'string' && first.trim() !== '' ? first.trim() : undefined;
}

/**
 * POST requests: a new service request from a client holding an API key. It goes to the moderation
 * queue like a portal submission (channel open311) and is answered with a token; once a moderator
 * registers it, `GET tokens/{token}` gives its service_request_id.
 *
 * @param idempotencyKey the optional Idempotency-Key header: the same request sent again returns
 *   the same token.
 * @throws AppError 403 (missing or wrong api_key); 400 (missing service_code, unknown service,
 *   no location, Art. 5 details missing, a bad attribute value, or a duplicate of a request this
 *   client sent within `open311_duplicate_hours`, answered as "base is a duplicate").
 */
export async function postRequest(
  deps: Deps,
  body: PostRequestBody,
  idempotencyKey: string | undefined,
): Promise<{ token: string }> {
  const key = body.api_key ? await apiKeyByValue(deps, body.api_key) : null;
  if (!key) throw new AppError('open311_forbidden', 403, 'Invalid api_key.');
  if (!body.service_code) throw bad('service_code is required.');
  const service = await serviceRow(deps, body.service_code);
  if (!service) throw bad(`service_code ${body.service_code} is not a service of this city.`);
  const hasPoint = body.lat !== undefined && body.long !== undefined;
  if ((body.lat === undefined) !== (body.long === undefined)) {
    throw bad('Give both lat and long, or neither.');
  }
  if (!hasPoint && !body.address_string) {
    throw bad(
      'A location is required: lat and long, or address_string (address_id is not used here).',
    );
  }
  if (!body.description || body.description.length < 10) {
    throw bad('description is required: describe the problem in at least 10 characters.');
  }
  const name = [body.first_name, body.last_name].filter(Boolean).join(' ').trim();
  const details = checkApplicantDetails({ name, email: body.email, phone: body.phone });
  if (details) {
    throw bad(
      details === 'applicant_name_required'
        ? 'first_name and last_name are required: Article 5 of the Law of Ukraine "On Citizens\' Appeals" does not allow anonymous appeals.'
        : 'email or phone is required for the answer (Article 5 of the Law of Ukraine "On Citizens\' Appeals").',
    );
  }
  const kind = attribute(body, 'KIND') ?? 'application';
  if (!['application', 'complaint', 'proposal'].includes(kind)) {
    throw bad('attribute[KIND] must be application, complaint or proposal.');
  }
  const confidential = attribute(body, 'CONFIDENTIAL') ?? 'no';
  if (confidential !== 'yes' && confidential !== 'no') {
    throw bad('attribute[CONFIDENTIAL] must be yes or no.');
  }
  const requestHash = createHash('sha256')
    .update(
      JSON.stringify([
        service.id,
        body.description,
        body.lat ?? null,
        body.long ?? null,
        body.address_string ?? null,
        name,
        body.email ?? null,
        body.phone ?? null,
        kind,
        confidential,
      ]),
    )
    .digest('hex');
  const idempotency = idempotencyKey ? { scope: `open311:${key.id}`, key: idempotencyKey } : null;
  // The building the address names exactly (issue 15's normal form), never a guess: duplicates
  // and repeats are then found by building, and the moderator sees the building's appeals.
  const building = body.address_string ? await buildingByText(deps.db, body.address_string) : null;
  if (!idempotency || !(await sentBefore(deps, idempotency))) {
    await refuseDuplicate(deps, key.id, service.id, body, building?.id ?? null);
  }
  const stored = await storeSubmission(
    deps,
    {
      channel: 'open311',
      kind: kind as SubmissionKind,
      questionTypeId: service.id,
      description: body.description,
      address: body.address_string ?? null,
      buildingId: building?.id ?? null,
      latitude: hasPoint ? body.lat! : null,
      longitude: hasPoint ? body.long! : null,
      applicant: {
        name,
        email: body.email ?? null,
        phone: body.phone ?? null,
        address: null,
      },
      consentSource: 'api_client',
      confidential: confidential === 'yes',
      locale: 'uk',
      apiKeyId: key.id,
      open311Token: randomBytes(12).toString('hex'),
      deviceId: body.device_id ?? null,
      accountId: body.account_id ?? null,
      attributes: {
        ...(body.media_url ? { media_url: body.media_url } : {}),
        ...(body.address_id ? { address_id: body.address_id } : {}),
        KIND: kind,
        CONFIDENTIAL: confidential,
      },
    },
    idempotency,
    requestHash,
  );
  const row = await deps.db
    .selectFrom('submissions')
    .select('open311_token')
    .where('id', '=', stored.id)
    .executeTakeFirstOrThrow();
  return { token: row.open311_token! };
}

async function sentBefore(deps: Deps, idempotency: { scope: string; key: string }) {
  const keyHash = createHash('sha256')
    .update(`${idempotency.scope}:${idempotency.key}`)
    .digest('hex');
  return Boolean(
    await deps.db
      .selectFrom('submissions')
      .select('id')
      .where('idempotency_key_hash', '=', keyHash)
      .executeTakeFirst(),
  );
}

/**
 * The same client, service, text and place (the same building when both name one, else the point,
 * else the address's normal form) within the duplicate window → 400.
 */
async function refuseDuplicate(
  deps: Deps,
  apiKeyId: number,
  questionTypeId: number,
  body: PostRequestBody,
  buildingId: number | null,
): Promise<void> {
  const hours = await numberSetting(deps.db, 'open311_duplicate_hours', 24);
  const since = new Date(deps.now().getTime() - hours * 3600_000);
  const recent = await deps.db
    .selectFrom('submissions')
    .select(['description', 'address_text', 'latitude', 'longitude', 'building_id'])
    .where('api_key_id', '=', apiKeyId)
    .where('question_type_id', '=', questionTypeId)
    .where('received_at', '>=', since)
    .execute();
  const same = recent.some(
    (r) =>
      matchKey(r.description) === matchKey(body.description ?? '') &&
      (buildingId !== null && r.building_id !== null
        ? buildingId === r.building_id
        : body.lat !== undefined && r.latitude !== null && r.longitude !== null
          ? Math.abs(r.latitude - body.lat) < 0.0005 &&
            Math.abs(r.longitude - (body.long ?? 0)) < 0.0005
          : // The same house however written (`12а` = `12-А`, issue 15's normal form).
            addressKey(r.address_text ?? '') === addressKey(body.address_string ?? '')),
  );
  if (same) throw bad('Invalid service request: base is a duplicate.');
}

/**
 * GET tokens/{token}: the service_request_id once a moderator registered (or merged) the request.
 * @throws AppError 404 for an unknown token, or one the moderator refused (with the reason).
 */
export async function tokenStatus(
  deps: Deps,
  token: string,
): Promise<{ token: string; service_request_id?: string }> {
  const row = await deps.db
    .selectFrom('submissions as s')
    .leftJoin('appeals as a', 'a.id', 's.appeal_id')
    .select(['s.open311_token', 's.state', 's.rejection_reason', 'a.number'])
    .where('s.open311_token', '=', token)
    .executeTakeFirst();
  if (!row) throw missing(`No service request with token ${token}.`);
  if (row.state === 'rejected') {
    throw missing(`The request with token ${token} was not accepted (${row.rejection_reason}).`);
  }
  return row.number ? { token, service_request_id: row.number } : { token };
}

type RequestRow = Awaited<
  ReturnType<ReturnType<typeof publicAppealsBase>['executeTakeFirstOrThrow']>
>;

function presentRequest(row: RequestRow, zone: string, locale: Locale): RequestView {
  const status = row.status;
  const result = RESULTS.find((r) => r.code === row.result);
  return {
    service_request_id: row.number,
    status: open311Status(status),
    status_notes: status === 'closed' && result ? result[locale] : null,
    service_name:
      locale === 'en'
        ? (row.question_type_name_en ?? row.question_type_name)
        : row.question_type_name,
    service_code: String(row.question_type_id),
    description: null,
    agency_responsible: row.executor_name,
    service_notice: null,
    requested_datetime: w3c(row.received_at, zone)!,
    updated_datetime: w3c(row.closed_at ?? row.updated_at, zone),
    expected_datetime: w3c(row.control_date, zone),
    address: publicStreetAddress(row.address_text),
    address_id: null,
    zipcode: null,
    lat: publicCoordinate(row.latitude),
    long: publicCoordinate(row.longitude),
    media_url: null,
  };
}

/**
 * GET requests with the standard's filters: a `service_request_id` list overrides the rest;
 * otherwise service codes, statuses and the date window (default the last 90 days), newest first,
 * at most 1,000 a page (`page`, `page_size`).
 * @throws AppError 400 for a bad status or a start after the end.
 */
export async function listRequests(
  deps: Deps,
  query: RequestsQuery,
  locale: Locale,
): Promise<RequestView[]> {
  const zone = deps.config.timeZone;
  let q = publicAppealsBase(deps.db);
  const ids = listParameter(query.service_request_id);
  if (ids) {
    q = q.where('a.number', 'in', ids.slice(0, 1000));
  } else {
    const codes = listParameter(query.service_code);
    if (codes) {
      const numeric = codes.filter((c) => /^\d{1,9}$/.test(c)).map(Number);
      q =
        numeric.length > 0 ? q.where('a.question_type_id', 'in', numeric) : q.where(sql.lit(false));
    }
    const statuses = listParameter(query.status);
    if (statuses) {
      const wrong = statuses.find((s) => s !== 'open' && s !== 'closed');
      if (wrong) throw bad(`status must be open or closed, not ${wrong}.`);
      const ours = statuses.flatMap((s) => statusesOfOpen311(s as 'open' | 'closed'));
      q = q.where('a.status', 'in', ours);
    }
    const window = requestsWindow({
      startDate: query.start_date
        ? (parseClientDateTime(query.start_date, deps.config.timeZone) ?? undefined)
        : undefined,
      endDate: query.end_date
        ? (parseClientDateTime(query.end_date, deps.config.timeZone) ?? undefined)
        : undefined,
      now: deps.now(),
    });
    if (!window.ok) throw bad(window.message);
    q = q
      .where('a.received_at', '>=', window.window.from)
      .where('a.received_at', '<=', window.window.to);
  }
  const { offset, limit } = requestsPage({ page: query.page, pageSize: query.page_size });
  const rows = await q
    .orderBy('a.received_at', 'desc')
    .orderBy('a.id', 'desc')
    .limit(limit)
    .offset(offset)
    .execute();
  return rows.map((r) => presentRequest(r, zone, locale));
}

/** GET requests/{id}: one request (as a list of one, as the standard answers). @throws 404. */
export async function getRequest(deps: Deps, id: string, locale: Locale): Promise<RequestView[]> {
  const row = await publicAppealsBase(deps.db).where('a.number', '=', id).executeTakeFirst();
  if (!row) throw missing(`No service request with id ${id}.`);
  return [presentRequest(row, deps.config.timeZone, locale)];
}
