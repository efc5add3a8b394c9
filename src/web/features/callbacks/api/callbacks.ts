/** The call-back queue's queries and mutations (issue 19). */
import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type {
  CallbackAttempt,
  callbackRulesSchema,
  CallbackSurveyView,
} from '../../../../contract/knowledge.schemas.js';
import { api } from '../../../shared/api/client.js';

export type CallbackState = 'queued' | 'completed' | 'dropped';
export type CallbackRules = z.infer<typeof callbackRulesSchema>;

export function callbackQueueQuery(state: CallbackState) {
  return queryOptions({
    queryKey: ['callbacks', state],
    queryFn: ({ signal }) =>
      api.get<CallbackSurveyView[]>('/callbacks', { state, limit: 100 }, signal),
    refetchInterval: 60_000,
  });
}

export function useRecordAttempt() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id: number; body: CallbackAttempt }) =>
      api.post<{ state: CallbackState }>(`/callbacks/${id}/attempts`, body),
    onSuccess: () => client.invalidateQueries({ queryKey: ['callbacks'] }),
  });
}

export const callbackRulesQuery = queryOptions({
  queryKey: ['callbacks', 'rules'],
  queryFn: ({ signal }) => api.get<CallbackRules>('/callbacks/rules', undefined, signal),
});

/** The head sets which closed appeals are called back (regulation 3.1.7). */
export function useSaveCallbackRules() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (rules: CallbackRules) => api.put<CallbackRules>('/callbacks/rules', rules),
    onSuccess: (saved) => client.setQueryData(callbackRulesQuery.queryKey, saved),
  });
}
