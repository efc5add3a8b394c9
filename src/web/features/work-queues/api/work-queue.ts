import { infiniteQueryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../shared/api/client.js';
import type { AppealPage, QueueKey } from '../../../shared/api/types.js';

const PAGE = 20;

/**
 * One queue, privileged applicants first (the server's order), page after page; `mine` (issue 14):
 * only the appeals of the executors the controller watches (`true`) or the rest (`false`).
 */
export function workQueueQuery(queue: QueueKey, mine?: 'true' | 'false') {
  return infiniteQueryOptions({
    queryKey: ['appeals', 'queue', queue, mine ?? 'all'],
    queryFn: ({ pageParam, signal }) =>
      api.get<AppealPage>(
        '/appeals',
        { queue, limit: PAGE, cursor: pageParam, ...(mine ? { mine } : {}) },
        signal,
      ),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
  });
}

/** The executor accepts an appeal into work straight from the inbox. */
export function useAcceptFromQueue() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (appealId: number) => api.post<unknown>(`/appeals/${appealId}/accept`),
    onSuccess: async (_data, appealId) => {
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: ['appeals'] }),
        queryClient.invalidateQueries({ queryKey: ['queues'] }),
        queryClient.invalidateQueries({ queryKey: ['appeal', appealId] }),
      ]);
    },
  });
}
