/**
 * The reports screen's queries (issue 17): a standard report, the constructor's pivot, and the
 * saved reports with their changes. Types come from the contract (`z.infer`).
 */
import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import type { ReportKey } from '../../../../domain/reports.js';
import type { AppealKind, Channel } from '../../../../domain/vocabulary.js';
import type {
  PivotDimension,
  PivotMeasure,
  SavedReportInput,
  SavedReportView,
} from '../../../../contract/report-constructor.schemas.js';
import type { ReportView } from '../../../../contract/reports.schemas.js';
import { api, API_BASE, withQuery } from '../../../shared/api/client.js';

/** The period and filters every report takes (`reportQuery` without format and language). */
export interface ReportFilters {
  from: string;
  to: string;
  districtId?: number | undefined;
  executorId?: number | undefined;
  kind?: AppealKind | undefined;
  questionTypeId?: number | undefined;
  channel?: Channel | undefined;
}

/** The constructor's layout: rows, optional columns, measures. */
export interface PivotLayout {
  rows: PivotDimension;
  columns?: PivotDimension | undefined;
  measures: PivotMeasure[];
}

/** What «Build» ran: the layout with the period and filters of that moment. */
export interface BuiltPivot {
  layout: PivotLayout;
  filters: ReportFilters;
}

export type Lang = 'uk' | 'en';

const pivotParams = (layout: PivotLayout) => ({
  rows: layout.rows,
  columns: layout.columns,
  measures: layout.measures.join(','),
});

export const reportQueryOptions = (key: ReportKey, filters: ReportFilters, lang: Lang) =>
  queryOptions({
    queryKey: ['report', key, filters, lang],
    queryFn: ({ signal }) => api.get<ReportView>(`/reports/${key}`, { ...filters, lang }, signal),
    enabled: Boolean(filters.from && filters.to),
  });

export const pivotQueryOptions = (layout: PivotLayout, filters: ReportFilters, lang: Lang) =>
  queryOptions({
    queryKey: ['report', 'pivot', layout, filters, lang],
    queryFn: ({ signal }) =>
      api.get<ReportView>('/reports/pivot', { ...filters, ...pivotParams(layout), lang }, signal),
  });

export const reportFileUrl = (key: ReportKey, filters: ReportFilters, lang: Lang, format: string) =>
  withQuery(`${API_BASE}/reports/${key}`, { ...filters, lang, format });

export const pivotFileUrl = (
  layout: PivotLayout,
  filters: ReportFilters,
  lang: Lang,
  format: string,
) => withQuery(`${API_BASE}/reports/pivot`, { ...filters, ...pivotParams(layout), lang, format });

export const savedReportFileUrl = (id: number, lang: Lang, format: string) =>
  withQuery(`${API_BASE}/reports/saved/${id}/run`, { lang, format });

export const savedReportsQuery = queryOptions({
  queryKey: ['reports', 'saved'],
  queryFn: ({ signal }) => api.get<SavedReportView[]>('/reports/saved', undefined, signal),
});

/** Create (no id) or change (an id) a saved report. */
export function useSaveReport() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, input }: { id: number | null; input: SavedReportInput }) =>
      id === null
        ? api.post<SavedReportView>('/reports/saved', input)
        : api.put<SavedReportView>(`/reports/saved/${id}`, input),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['reports', 'saved'] }),
  });
}

export function useDeleteReport() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: number) => api.delete<unknown>(`/reports/saved/${id}`),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['reports', 'saved'] }),
  });
}
