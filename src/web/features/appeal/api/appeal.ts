/**
 * One appeal: its card and the steps people take on it. Form schemas mirror the API's (same
 * fields, limits and closed lists from the shared domain); the server stays the judge.
 */
import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import { z } from 'zod';
import { REVIEW_RESULT_CODES } from '../../../../domain/results.js';
import { ASSIGNMENT_ROLES } from '../../../../domain/vocabulary.js';
import { api } from '../../../shared/api/client.js';
import type { AppealCard, Attachment } from '../../../shared/api/types.js';

export function appealQuery(id: number) {
  return queryOptions({
    queryKey: ['appeal', id],
    queryFn: ({ signal }) => api.get<AppealCard>(`/appeals/${id}`, undefined, signal),
  });
}

const requiredText = (max: number) =>
  z.string().trim().min(1, 'validation.required').max(max, 'validation.tooLong');

export const respondSchema = z.object({
  text: requiredText(10_000),
  proposedResult: z.union([z.literal(''), z.enum(REVIEW_RESULT_CODES)]),
  files: z.array(z.instanceof(File)).max(20, 'validation.tooManyFiles'),
});
export type RespondValues = z.infer<typeof respondSchema>;

export const commentSchema = z.object({ comment: requiredText(2000) });
export type CommentValues = z.infer<typeof commentSchema>;

export const reviewAcceptSchema = z.object({
  result: z
    .string()
    .refine((v) => (REVIEW_RESULT_CODES as readonly string[]).includes(v), 'validation.result'),
  comment: z.string().trim().max(2000, 'validation.tooLong'),
});
export type ReviewAcceptValues = z.infer<typeof reviewAcceptSchema>;

export const assignSchema = z.object({
  executorId: z.string().min(1, 'validation.executor'),
  role: z.enum(ASSIGNMENT_ROLES),
  instruction: z.string().trim().max(2000, 'validation.tooLong'),
});
export type AssignValues = z.infer<typeof assignSchema>;

/** After any step: the card, the lists, the queue counts and the dashboard change. */
function useRefreshAfterStep(id: number) {
  const queryClient = useQueryClient();
  return async () => {
    await Promise.all([
      queryClient.invalidateQueries({ queryKey: ['appeal', id] }),
      queryClient.invalidateQueries({ queryKey: ['appeals'] }),
      queryClient.invalidateQueries({ queryKey: ['queues'] }),
      queryClient.invalidateQueries({ queryKey: ['dashboard'] }),
    ]);
  };
}

export function uploadAttachment(appealId: number, file: File): Promise<Attachment> {
  const body = new FormData();
  body.append('file', file, file.name);
  return api.post<Attachment>(`/appeals/${appealId}/attachments`, body);
}

export function useAccept(id: number) {
  const refresh = useRefreshAfterStep(id);
  return useMutation({
    mutationFn: () => api.post<unknown>(`/appeals/${id}/accept`),
    onSuccess: refresh,
  });
}

export function useRespond(id: number) {
  const refresh = useRefreshAfterStep(id);
  return useMutation({
    mutationFn: (body: { text: string; proposedResult?: string; attachmentIds: number[] }) =>
      api.post<unknown>(`/appeals/${id}/responses`, body),
    onSuccess: refresh,
  });
}

export function useUpload(id: number) {
  const refresh = useRefreshAfterStep(id);
  return useMutation({
    mutationFn: (file: File) => uploadAttachment(id, file),
    onSuccess: refresh,
  });
}

export function useNotInCompetence(id: number) {
  const refresh = useRefreshAfterStep(id);
  return useMutation({
    mutationFn: (body: CommentValues) =>
      api.post<unknown>(`/appeals/${id}/not-in-competence`, body),
    onSuccess: refresh,
  });
}

export function useReview(id: number) {
  const refresh = useRefreshAfterStep(id);
  return useMutation({
    mutationFn: (
      body:
        | { decision: 'accept'; result: string; comment?: string }
        | { decision: 'rework'; comment: string },
    ) => api.post<unknown>(`/appeals/${id}/review`, body),
    onSuccess: refresh,
  });
}

export function useAssign(id: number) {
  const refresh = useRefreshAfterStep(id);
  return useMutation({
    mutationFn: (body: { executorId: number; role: string; instruction?: string }) =>
      api.post<unknown>(`/appeals/${id}/assignments`, body),
    onSuccess: refresh,
  });
}

export function useCancel(id: number) {
  const refresh = useRefreshAfterStep(id);
  return useMutation({
    mutationFn: (body: CommentValues) => api.post<unknown>(`/appeals/${id}/cancel`, body),
    onSuccess: refresh,
  });
}
