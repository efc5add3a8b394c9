/**
 * Open311 public requests (GeoReport v2 `GET requests`, `GET requests/{id}`): depersonalised appeals
 * from the portal's public base query, with the standard's filters and W3C times in the city's zone.
 */
import { parseClientDateTime } from '../../domain/client-values.js';
import { sql } from 'kysely';
import { publicCoordinate } from '../../domain/depersonalise.js';
import { publicStreetAddress } from '../../domain/public-address.js';
import {
  listParameter,
  open311Status,
  requestsPage,
  requestsWindow,
  statusesOfOpen311,
} from '../../domain/open311.js';
import { RESULTS } from '../../domain/results.js';
import type { Deps } from '../context.js';
import { publicAppealsBase } from '../portal/public-appeals.queries.js';
import type { RequestsQuery, RequestView } from '../../contract/open311.schemas.js';

import { bad, missing, w3c, type Locale } from './open311.service.js';

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
