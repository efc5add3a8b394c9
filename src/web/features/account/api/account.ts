/** The signed-in user's own password. */
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../shared/api/client.js';

export function useChangeOwnPassword() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: { currentPassword: string; newPassword: string }) =>
      api.post<null>('/account/password', input),
    onSuccess: () => client.invalidateQueries({ queryKey: ['me'] }),
  });
}
