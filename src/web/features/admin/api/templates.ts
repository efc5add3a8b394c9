/** Notification templates (issue 14, item 6): list, preview, save, reset. */
import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type { templatePreview, templateView } from '../../../../contract/templates.schemas.js';
import { api } from '../../../shared/api/client.js';

export type NotificationTemplate = Omit<z.infer<typeof templateView>, 'updatedAt'> & {
  updatedAt: string | null;
};
export type TemplatePreview = z.infer<typeof templatePreview>;
interface Draft {
  kind: string;
  locale: string;
  subject: string;
  body: string;
}

export const templatesQuery = queryOptions({
  queryKey: ['admin', 'templates'],
  queryFn: ({ signal }) =>
    api.get<NotificationTemplate[]>('/admin/notification-templates', undefined, signal),
});

const path = (d: { kind: string; locale: string }) =>
  `/admin/notification-templates/${d.kind}/${d.locale}`;

export function usePreviewTemplate() {
  return useMutation({
    mutationFn: (d: Draft) =>
      api.post<TemplatePreview>(`${path(d)}/preview`, { subject: d.subject, body: d.body }),
  });
}

export function useSaveTemplate() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (d: Draft) =>
      api.put<NotificationTemplate>(path(d), { subject: d.subject, body: d.body }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['admin', 'templates'] }),
  });
}

export function useResetTemplate() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (d: { kind: string; locale: string }) => api.delete<NotificationTemplate>(path(d)),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['admin', 'templates'] }),
  });
}
