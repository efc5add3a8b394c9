/** Applicants' records (issue 14, item 8): search, one record, history, edit, duplicates, merges. */
import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type {
  applicantHistoryEntry,
  applicantListItem,
  duplicateProposal,
  mergeView,
} from '../../../../contract/applicants.schemas.js';
import { api } from '../../../shared/api/client.js';

export type ApplicantRecord = z.infer<typeof applicantListItem>;
export type DuplicateProposal = z.infer<typeof duplicateProposal>;
type Dated<T, K extends keyof T> = Omit<T, K> & { [P in K]: string | null };
export type Merge = Dated<z.infer<typeof mergeView>, 'mergedAt' | 'undoneAt'>;
export type HistoryEntry = Dated<z.infer<typeof applicantHistoryEntry>, 'at'>;

export const applicantSearchQuery = (q: string) =>
  queryOptions({
    queryKey: ['applicant-records', 'search', q],
    queryFn: ({ signal }) => api.get<ApplicantRecord[]>('/applicant-records', { q }, signal),
    enabled: q.trim().length >= 2,
  });

export const applicantHistoryQuery = (id: number) =>
  queryOptions({
    queryKey: ['applicant-records', 'history', id],
    queryFn: ({ signal }) =>
      api.get<{ entries: HistoryEntry[]; merges: Merge[] }>(
        `/applicant-records/${id}/history`,
        undefined,
        signal,
      ),
  });

export const duplicatesQuery = queryOptions({
  queryKey: ['applicant-records', 'duplicates'],
  queryFn: ({ signal }) =>
    api.get<DuplicateProposal[]>('/applicant-records/duplicates', undefined, signal),
  enabled: false,
});

function useInvalidate() {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: ['applicant-records'] });
}

export function useUpdateApplicant() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: (v: { id: number; change: Record<string, unknown> }) =>
      api.patch<ApplicantRecord>(`/applicant-records/${v.id}`, v.change),
    onSuccess: invalidate,
  });
}

export function useMergeApplicants() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: (v: { survivorId: number; mergedId: number }) =>
      api.post<Merge>('/applicant-records/merges', v),
    onSuccess: invalidate,
  });
}

export function useUndoMerge() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: (mergeId: number) => api.post<Merge>(`/applicant-records/merges/${mergeId}/undo`),
    onSuccess: invalidate,
  });
}
