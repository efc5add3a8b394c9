/**
 * One appeal: its card and the steps people take on it. Form schemas are the API's own (picked
 * and extended from src/contract); the server stays the judge.
 */
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { z } from 'zod';
import {
  assignSchema as assignBody,
  commentSchema as commentBody,
  respondSchema as respondBody,
  reviewSchema as reviewBody,
} from '../../../../contract/appeals.schemas.js';
import { api } from '../../../shared/api/client.js';
import type { Attachment } from '../../../shared/api/types.js';

// The forms are the API's bodies (src/contract) as a form holds them: a select's value is a string
// ('' for none), files before they are uploaded. formResolver turns the messages into keys.
const acceptBody = reviewBody.options[0];

export const respondSchema = respondBody.pick({ text: true }).extend({
  proposedResult: z.union([z.literal(''), respondBody.shape.proposedResult.unwrap()]),
  files: z.array(z.instanceof(File)).max(20, 'validation.tooManyFiles'),
});
export type RespondValues = z.infer<typeof respondSchema>;

export const commentSchema = commentBody;
export type CommentValues = z.infer<typeof commentSchema>;

export const reviewAcceptSchema = z.object({
  result: z
    .string()
    .refine((v) => acceptBody.shape.result.safeParse(v).success, 'validation.result'),
  comment: acceptBody.shape.comment.unwrap(),
});
export type ReviewAcceptValues = z.infer<typeof reviewAcceptSchema>;

export const assignSchema = z.object({
  executorId: z.string().min(1, 'validation.executor'),
  role: assignBody.shape.role.unwrap(),
  instruction: assignBody.shape.instruction.unwrap(),
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

/** A co-executor, with its own instruction (the API's assign body with the role fixed). */
export const coExecutorSchema = assignSchema.omit({ role: true });
export type CoExecutorValues = z.infer<typeof coExecutorSchema>;

export function useEndAssignment(id: number) {
  const refresh = useRefreshAfterStep(id);
  return useMutation({
    mutationFn: ({ assignmentId, comment }: { assignmentId: number; comment?: string }) =>
      api.post<unknown>(
        `/appeals/${id}/assignments/${assignmentId}/end`,
        comment ? { comment } : {},
      ),
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
