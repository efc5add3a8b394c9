/**
 * The moderation queue (`/api/v1/submissions`): what arrived from the portal and Open311 waits
 * here until a moderator registers it, merges it into an open appeal, or rejects it (Art. 5, 8).
 */
import { infiniteQueryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import type {
  MergeSubmissionInput,
  ModerationOutcome,
  RegisterSubmissionInput,
  RejectSubmissionInput,
  SubmissionView,
} from '../../../../contract/moderation.schemas.js';
import type { SubmissionState } from '../../../../domain/portal.js';
import { api } from '../../../shared/api/client.js';
import type { AppealPage, RegistryAddress } from '../../../shared/api/types.js';

export type { ModerationOutcome, SubmissionView };

/** Submissions in one state, oldest first, 20 at a time. */
export const submissionsQuery = (state: SubmissionState) =>
  infiniteQueryOptions({
    queryKey: ['submissions', state],
    queryFn: ({ pageParam }) =>
      api.get<{ items: SubmissionView[]; nextCursor: string | null }>('/submissions', {
        state,
        cursor: pageParam,
        limit: 20,
      }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    refetchInterval: state === 'pending' ? 30_000 : false,
  });

function useModeration<I>(step: 'register' | 'merge' | 'reject') {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, input }: { id: number; input: I }) =>
      api.post<ModerationOutcome>(`/submissions/${id}/${step}`, input),
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: ['submissions'] });
      void client.invalidateQueries({ queryKey: ['queues'] });
    },
  });
}

export const useRegisterSubmission = () =>
  useModeration<Partial<RegisterSubmissionInput>>('register');
export const useMergeSubmission = () => useModeration<MergeSubmissionInput>('merge');
export const useRejectSubmission = () => useModeration<RejectSubmissionInput>('reject');

/** The appeal with exactly this registration number, if any (for merging into it). */
export async function findAppealByNumber(number: string) {
  const page = await api.get<AppealPage>('/appeals', { q: number.trim(), limit: 5 });
  return page.items.find((a) => a.number === number.trim()) ?? null;
}

/** The address registry's suggestions for the moderator's address picker (issue 15). */
export const searchStaffAddresses = (q: string, signal: AbortSignal) =>
  api.get<RegistryAddress[]>('/addresses/registry', { q }, signal);
