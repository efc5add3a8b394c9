/**
 * The registry's view lives in the URL (a link reproduces it): filters as people read them
 * (`from=2026-03-01`), turned into the API's query (`receivedFrom=2026-03-01T00:00:00+02:00`).
 */
import { API_BASE, withQuery } from '../../../shared/api/client.js';
import type { AppealFilters } from '../../../shared/api/queries.js';
import { cityDayEnd, cityDayStart } from '../../../shared/lib/format.js';

export const URL_FILTER_KEYS = [
  'queue',
  'status',
  'questionTypeId',
  'executorId',
  'mainExecutorId',
  'channel',
  'from',
  'to',
  'overdue',
  'applicantId',
  'districtId',
  'streetId',
  'buildingId',
  // The chosen street's or building's label, shown in the filter (never sent to the API).
  'place',
  'q',
  'sort',
] as const;
export type UrlFilterKey = (typeof URL_FILTER_KEYS)[number];
export type UrlFilters = Partial<Record<UrlFilterKey, string>>;

export const SORTS = ['received_desc', 'received_asc', 'control_date_asc'] as const;
export const PAGE_SIZES = ['25', '50', '100'] as const;

const DAY = /^\d{4}-\d{2}-\d{2}$/;

export function readUrlFilters(params: URLSearchParams): UrlFilters {
  const filters: UrlFilters = {};
  for (const key of URL_FILTER_KEYS) {
    const value = params.get(key);
    if (value) filters[key] = value;
  }
  return filters;
}

export function toApiFilters(filters: UrlFilters): AppealFilters {
  const { from, to, ...rest } = filters;
  delete rest.place;
  const api: AppealFilters = { ...rest };
  if (from && DAY.test(from)) api.receivedFrom = cityDayStart(from);
  if (to && DAY.test(to)) api.receivedTo = cityDayEnd(to);
  if (api.overdue !== 'true') delete api.overdue;
  return api;
}

/** The export of the filter as `csv` or `xlsx`, in `lang` with local times (and `separator` for CSV). */
export function exportUrl(
  filters: UrlFilters,
  type: 'csv' | 'xlsx' = 'csv',
  format: { lang?: 'uk' | 'en'; separator?: ';' | ',' } = {},
): string {
  return withQuery(`${API_BASE}/appeals/export.${type}`, { ...toApiFilters(filters), ...format });
}
