/**
 * The signed-in person's notifications (the outbox as shown in the web app), the bell's count,
 * marking them read, and the person's own choice of e-mail (ADR 027).
 */
import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type {
  NotificationSettingsInput,
  notificationSettingsView,
  unreadCountView,
} from '../../../../contract/notifications.schemas.js';
import { api } from '../../../shared/api/client.js';
import type { AppNotification } from '../../../shared/api/types.js';

export type NotificationSettings = z.infer<typeof notificationSettingsView>;

/** How often the bell asks the server (every process writes to the same database). */
export const BELL_POLL_MS = 20_000;

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

export function unreadCountQuery() {
  return queryOptions({
    queryKey: ['notifications', 'count'],
    queryFn: ({ signal }) =>
      api.get<z.infer<typeof unreadCountView>>('/notifications/unread-count', undefined, signal),
    refetchInterval: BELL_POLL_MS,
    refetchOnWindowFocus: true,
  });
}

export function useMarkRead() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: number) => api.post<unknown>(`/notifications/${id}/read`),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['notifications'] }),
  });
}

export function useMarkAllRead() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => api.post<unknown>('/notifications/read-all'),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['notifications'] }),
  });
}

export function notificationSettingsQuery() {
  return queryOptions({
    queryKey: ['notification-settings'],
    queryFn: ({ signal }) =>
      api.get<NotificationSettings>('/notifications/settings', undefined, signal),
  });
}

export function useSaveNotificationSettings() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: NotificationSettingsInput) =>
      api.put<NotificationSettings>('/notifications/settings', input),
    onSuccess: (saved) => queryClient.setQueryData(['notification-settings'], saved),
  });
}
