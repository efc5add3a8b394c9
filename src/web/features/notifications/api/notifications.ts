/** The signed-in person's notifications (the outbox as shown in the web app) and marking them read. */
import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../shared/api/client.js';
import type { AppNotification } from '../../../shared/api/types.js';

export function notificationsQuery(unreadOnly: boolean) {
  return queryOptions({
    queryKey: ['notifications', unreadOnly ? 'unread' : 'all'],
    queryFn: ({ signal }) =>
      api.get<AppNotification[]>(
        '/notifications',
        unreadOnly ? { unread: 'true' } : undefined,
        signal,
      ),
    refetchInterval: 60_000,
  });
}

export function useMarkRead() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: number) => api.post<unknown>(`/notifications/${id}/read`),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['notifications'] }),
  });
}
