import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../shared/api/client.js';
import { meQuery } from '../../../shared/api/queries.js';
import type { Me } from '../../../shared/api/types.js';
import type { LoginInput } from '../../../../contract/auth.schemas.js';

/** The sign-in form is the API's body (messages become keys through formResolver). */
export { loginSchema, type LoginInput } from '../../../../contract/auth.schemas.js';

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
