import { useMutation, useQueryClient } from '@tanstack/react-query';
import { z } from 'zod';
import { api } from '../../../shared/api/client.js';
import { meQuery } from '../../../shared/api/queries.js';
import type { Me } from '../../../shared/api/types.js';

export const loginSchema = z.object({
  login: z.string().trim().min(1, 'validation.required').max(100),
  password: z.string().min(1, 'validation.required').max(200),
});
export type LoginInput = z.infer<typeof loginSchema>;

export function useLogin() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: LoginInput) => api.post<Me>('/auth/login', input),
    onSuccess: (me) => {
      queryClient.clear();
      queryClient.setQueryData(meQuery.queryKey, me);
    },
  });
}

export function useLogout() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => api.post<unknown>('/auth/logout'),
    onSettled: () => {
      queryClient.clear();
      queryClient.setQueryData(meQuery.queryKey, null);
    },
  });
}
