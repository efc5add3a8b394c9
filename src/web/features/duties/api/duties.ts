/** Duties (issue 14, item 9; regulation 5.4.3): the overview and the head's two changes. */
import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import type { DutiesView } from '../../../../contract/duties.schemas.js';
import { api } from '../../../shared/api/client.js';

export type Duties = DutiesView;

export const dutiesQuery = queryOptions({
  queryKey: ['duties'],
  queryFn: ({ signal }) => api.get<Duties>('/duties', undefined, signal),
});

export function useSetControllerDuties() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (v: { userId: number; executorIds: number[] }) =>
      api.put<Duties>(`/duties/controllers/${v.userId}`, { executorIds: v.executorIds }),
    onSuccess: (data) => queryClient.setQueryData(['duties'], data),
  });
}

export function useSetOperatorDuties() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (v: { userId: number; queues: string[] }) =>
      api.put<Duties>(`/duties/operators/${v.userId}`, { queues: v.queues }),
    onSuccess: (data) => queryClient.setQueryData(['duties'], data),
  });
}
