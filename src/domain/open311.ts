/**
 * Pure rules of Open311 GeoReport v2 (https://wiki.open311.org/GeoReport_v2) as Kontakt speaks it:
 * our question types are the services, our appeals the service requests, the registration number
 * the `service_request_id`, the main executor the `agency_responsible`, the control date the
 * `expected_datetime`.
 *
 * GET requests: "a `service_request_id` list overrides all other parameters"; without dates the
 * window is the last 90 days; "at most 1,000 requests" are returned; `page` and `page_size` are the
 * common extension (page 1 first).
 */
import type { AppealStatus } from './vocabulary.js';

export const OPEN311_DEFAULT_WINDOW_DAYS = 90;
export const OPEN311_MAX_REQUESTS = 1000;
export const OPEN311_FORMATS = ['json', 'xml'] as const;
export type Open311Format = (typeof OPEN311_FORMATS)[number];

/** The standard's two statuses: every status but closed is open. */
export function open311Status(status: AppealStatus): 'open' | 'closed' {
  return status === 'closed' ? 'closed' : 'open';
}

/** Our statuses that an Open311 status filter selects. */
export function statusesOfOpen311(status: 'open' | 'closed'): AppealStatus[] {
  return status === 'closed' ? ['closed'] : ['registered', 'in_work', 'on_check', 'rework'];
}

export interface RequestsWindow {
  from: Date;
  to: Date;
}

/**
 * The period a GET requests covers: both dates as given; only `start_date` → to now; only
 * `end_date` → the 90 days before it; neither → the last 90 days.
 *
 * @returns the window, or a refusal when the start is after the end.
 */
export function requestsWindow(input: {
  startDate?: Date | undefined;
  endDate?: Date | undefined;
  now: Date;
}): { ok: true; window: RequestsWindow } | { ok: false; message: string } {
  const dayMs = 86_400_000;
  const to = input.endDate ?? input.now;
  const from = input.startDate ?? new Date(to.getTime() - OPEN311_DEFAULT_WINDOW_DAYS * dayMs);
  if (from > to) {
    return { ok: false, message: 'start_date must not be later than end_date.' };
  }
  return { ok: true, window: { from, to } };
}

/**
 * Offset and limit of a page: page_size at most 1,000 (the standard's cap), page from 1.
 */
export function requestsPage(input: { page?: number | undefined; pageSize?: number | undefined }): {
  offset: number;
  limit: number;
} {
  const limit = Math.min(OPEN311_MAX_REQUESTS, Math.max(1, input.pageSize ?? OPEN311_MAX_REQUESTS));
  const page = Math.max(1, input.page ?? 1);
  return { offset: (page - 1) * limit, limit };
}

/**
 * A comma-separated list parameter (`service_code=1,2`, `status=open,closed`): items trimmed, empty
 * ones dropped, duplicates removed; an empty list behaves as a missing parameter (undefined).
 */
export function listParameter(value: string | undefined): string[] | undefined {
  if (value === undefined) return undefined;
  const items = [
    ...new Set(
      value
        .split(',')
        .map((v) => v.trim())
        .filter((v) => v.length > 0),
    ),
  ];
  return items.length > 0 ? items : undefined;
}
