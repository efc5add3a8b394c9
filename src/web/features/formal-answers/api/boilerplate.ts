/** The administrator's list of boilerplate phrases (formal answers, Regulation 3.1.3). */
import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import type { BoilerplateView } from '../../../../contract/assist.schemas.js';
import { api } from '../../../shared/api/client.js';

export const boilerplateQuery = queryOptions({
  queryKey: ['assist', 'boilerplate'],
  queryFn: ({ signal }) => api.get<BoilerplateView[]>('/assist/boilerplate', undefined, signal),
});

export function useSaveBoilerplate() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (phrases: string[]) =>
      api.put<BoilerplateView[]>('/assist/boilerplate', { phrases }),
    onSuccess: (saved) => queryClient.setQueryData(boilerplateQuery.queryKey, saved),
  });
}
