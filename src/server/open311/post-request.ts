/**
 * Open311 POST requests (GeoReport v2 `POST requests`, `GET tokens`): a key's request goes into the
 * moderation queue as a submission, idempotently per key and client token; a token tells where it
 * stands. Errors are the standard's (`open311_bad_request` 400, `open311_not_found` 404).
 */
import { createHash, randomBytes } from 'node:crypto';
import { checkApplicantDetails, type SubmissionKind } from '../../domain/portal.js';
import { matchKey } from '../../domain/text.js';
import type { Deps } from '../context.js';
import { AppError } from '../errors.js';
import { numberSetting } from '../settings.js';
import { addressKey } from '../../domain/addresses/address-normal-form.js';
import { storeSubmission } from '../portal/submissions.service.js';
import { buildingByText } from '../addresses/registry-search.js';
import { apiKeyByValue } from './api-keys.service.js';
import type { PostRequestBody } from '../../contract/open311.schemas.js';

import { bad, missing, serviceRow } from './open311.service.js';

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
