/**
 * The card's deadline requests on the appeal's active main assignment: more time (Art. 20, asked by
 * its executor) or a written explanation of an overdue appeal (regulation 4.1.5, asked by control).
 * Both are one POST under the appeal and refresh the same things; deciding and answering them are
 * the deadlines feature's pages.
 */
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../shared/api/client.js';

interface DeadlineRequests {
  'extension-requests': { body: { reason: string; days: number }; answer: { id: number } };
  'explanation-requests': { body: { question: string }; answer: { id: number; dueAt: string } };
}

/** `POST /appeals/{id}/<kind>`; on success the kind's lists and the card are read again. */
export function useDeadlineRequest<K extends keyof DeadlineRequests>(appealId: number, kind: K) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: DeadlineRequests[K]['body']) =>
      api.post<DeadlineRequests[K]['answer']>(`/appeals/${appealId}/${kind}`, body),
    onSuccess: async () => {
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: [kind] }),
        queryClient.invalidateQueries({ queryKey: ['appeal', appealId] }),
      ]);
    },
  });
}
