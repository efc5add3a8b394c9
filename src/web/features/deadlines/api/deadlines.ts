/**
 * Extensions of the term (Art. 20) and written explanations of overdue appeals (regulation
 * 4.1.5): asking, deciding, answering. The server is the judge of every rule.
 */
import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../shared/api/client.js';
import type {
  ExplanationRequest,
  ExplanationState,
  ExtensionRequest,
  ExtensionState,
} from '../../../shared/api/types.js';

export function extensionRequestsQuery(state: ExtensionState) {
  return queryOptions({
    queryKey: ['extension-requests', state],
    queryFn: ({ signal }) => api.get<ExtensionRequest[]>('/extension-requests', { state }, signal),
  });
}

export function explanationRequestsQuery(state: ExplanationState) {
  return queryOptions({
    queryKey: ['explanation-requests', state],
    queryFn: ({ signal }) =>
      api.get<ExplanationRequest[]>('/explanation-requests', { state }, signal),
  });
}

export function useDecideExtension() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, ...body }: { id: number; approve: boolean; comment?: string }) =>
      api.post<ExtensionRequest>(`/extension-requests/${id}/decision`, body),
    onSuccess: async (request) => {
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: ['extension-requests'] }),
        queryClient.invalidateQueries({ queryKey: ['appeal', request.appealId] }),
        queryClient.invalidateQueries({ queryKey: ['appeals'] }),
        queryClient.invalidateQueries({ queryKey: ['queues'] }),
      ]);
    },
  });
}

export function useAnswerExplanation() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, answer }: { id: number; answer: string }) =>
      api.post<ExplanationRequest>(`/explanation-requests/${id}/answer`, { answer }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['explanation-requests'] }),
  });
}
