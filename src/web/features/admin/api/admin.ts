/** The administrator's workspace: one query-options factory per endpoint, and the mutations. */
import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type {
  adminKindView,
  adminOrganisationView,
  adminQuestionTypeView,
  auditPage,
  deactivationView,
  newAdminOrganisationSchema,
  newAdminQuestionTypeSchema,
  newStaffUserSchema,
  passwordResetView,
  routingView,
  settingView,
  staffUserChangeSchema,
  staffUserView,
} from '../../../../contract/admin.schemas.js';
import { api } from '../../../shared/api/client.js';

type Wire<T extends z.ZodType> = z.input<T>;
export type StaffUser = Omit<z.infer<typeof staffUserView>, 'createdAt'> & { createdAt: string };
export type AdminOrganisation = z.infer<typeof adminOrganisationView>;
export type AdminKind = z.infer<typeof adminKindView>;
export type AdminQuestionType = z.infer<typeof adminQuestionTypeView>;
export type Routing = z.infer<typeof routingView>;
export type Setting = z.infer<typeof settingView>;
export type AuditPage = Omit<z.infer<typeof auditPage>, 'entries'> & {
  entries: (Omit<z.infer<typeof auditPage>['entries'][number], 'at'> & { at: string })[];
};
export type Deactivation = Omit<z.infer<typeof deactivationView>, 'user'> & { user: StaffUser };
export type PasswordReset = Omit<z.infer<typeof passwordResetView>, 'user'> & { user: StaffUser };

export interface UserFilter {
  q?: string;
  role?: string;
  organisationId?: number;
  active?: 'true' | 'false';
}

export const usersQuery = (filter: UserFilter) =>
  queryOptions({
    queryKey: ['admin', 'users', filter],
    queryFn: ({ signal }) => api.get<StaffUser[]>('/admin/users', { ...filter }, signal),
  });

export const organisationsQuery = queryOptions({
  queryKey: ['admin', 'organisations'],
  queryFn: ({ signal }) => api.get<AdminOrganisation[]>('/admin/organisations', undefined, signal),
});

export const adminClassifierQuery = queryOptions({
  queryKey: ['admin', 'classifier'],
  queryFn: ({ signal }) => api.get<AdminKind[]>('/admin/classifier', undefined, signal),
});

export const routingQuery = (questionTypeId: number | null) =>
  queryOptions({
    queryKey: ['admin', 'routing', questionTypeId],
    queryFn: ({ signal }) =>
      api.get<Routing>(`/admin/routing/${questionTypeId}`, undefined, signal),
    enabled: questionTypeId !== null,
  });

export const settingsQuery = queryOptions({
  queryKey: ['admin', 'settings'],
  queryFn: ({ signal }) => api.get<Setting[]>('/admin/settings', undefined, signal),
});

export interface AuditQuery {
  actor?: string;
  action?: string;
  target?: string;
  from?: string;
  to?: string;
}

export const auditQuery = (filter: AuditQuery) =>
  queryOptions({
    queryKey: ['admin', 'audit', filter],
    queryFn: ({ signal }) => api.get<AuditPage>('/admin/audit', { ...filter, limit: 200 }, signal),
  });

export { registryDistrictsQuery as districtsQuery } from '../../../shared/api/queries.js';

/** A mutation that refreshes the admin queries (and the audit log) after success. */
function useAdminMutation<I, O>(fn: (input: I) => Promise<O>) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: () => client.invalidateQueries({ queryKey: ['admin'] }),
  });
}

export const useCreateUser = () =>
  useAdminMutation((input: Wire<typeof newStaffUserSchema>) =>
    api.post<StaffUser>('/admin/users', input),
  );
export const useUpdateUser = () =>
  useAdminMutation(({ id, ...change }: { id: number } & Wire<typeof staffUserChangeSchema>) =>
    api.patch<StaffUser>(`/admin/users/${id}`, change),
  );
export const useDeactivateUser = () =>
  useAdminMutation((id: number) => api.post<Deactivation>(`/admin/users/${id}/deactivate`));
export const useReactivateUser = () =>
  useAdminMutation((id: number) => api.post<StaffUser>(`/admin/users/${id}/reactivate`));
export const useResetPassword = () =>
  useAdminMutation((id: number) => api.post<PasswordReset>(`/admin/users/${id}/reset-password`));

export const useCreateOrganisation = () =>
  useAdminMutation((input: Wire<typeof newAdminOrganisationSchema>) =>
    api.post<AdminOrganisation>('/admin/organisations', input),
  );
export const useUpdateOrganisation = () =>
  useAdminMutation(
    ({ id, ...change }: { id: number } & Partial<Wire<typeof newAdminOrganisationSchema>>) =>
      api.patch<AdminOrganisation>(`/admin/organisations/${id}`, change),
  );
export const useMoveOrganisation = () =>
  useAdminMutation(({ id, parentId }: { id: number; parentId: number | null }) =>
    api.post<AdminOrganisation>(`/admin/organisations/${id}/move`, { parentId }),
  );
export const useSetOrganisationActive = () =>
  useAdminMutation(({ id, active }: { id: number; active: boolean }) =>
    api.put<AdminOrganisation>(`/admin/organisations/${id}/active`, { active }),
  );

export const useCreateKind = () =>
  useAdminMutation((input: { name: string; nameEn?: string | null }) =>
    api.post<AdminKind>('/admin/classifier/kinds', input),
  );
export const useUpdateKind = () =>
  useAdminMutation(
    ({ id, ...change }: { id: number; name?: string; nameEn?: string | null; active?: boolean }) =>
      api.patch<null>(`/admin/classifier/kinds/${id}`, change),
  );
export const useCreateQuestionType = () =>
  useAdminMutation((input: Wire<typeof newAdminQuestionTypeSchema>) =>
    api.post<AdminQuestionType>('/admin/classifier/question-types', input),
  );
export const useUpdateQuestionType = () =>
  useAdminMutation(
    ({
      id,
      ...change
    }: { id: number; active?: boolean } & Partial<Wire<typeof newAdminQuestionTypeSchema>>) =>
      api.patch<AdminQuestionType>(`/admin/classifier/question-types/${id}`, change),
  );

export const useSetDefaultExecutor = () =>
  useAdminMutation(
    ({
      questionTypeId,
      ...rule
    }: {
      questionTypeId: number;
      executorId: number | null;
      coExecutorIds?: number[];
    }) => api.put<Routing>(`/admin/routing/${questionTypeId}/default`, rule),
  );
export const usePutRoutingRule = () =>
  useAdminMutation(
    ({
      questionTypeId,
      ...rule
    }: {
      questionTypeId: number;
      districtId: number | null;
      executorId: number | null;
      toMaintainer: boolean;
      coExecutorIds: number[];
    }) => api.put<Routing>(`/admin/routing/${questionTypeId}/rules`, rule),
  );
export const useDeleteRoutingRule = () =>
  useAdminMutation(({ questionTypeId, id }: { questionTypeId: number; id: number }) =>
    api.delete<Routing>(`/admin/routing/${questionTypeId}/rules/${id}`),
  );

export const useChangeSetting = () =>
  useAdminMutation(({ key, value }: { key: string; value: number | string }) =>
    api.put<Setting>(`/admin/settings/${key}`, { value }),
  );

/**
 * An Open311 API key as `GET /open311/api-keys` answers (its schema is still declared in
 * `server/open311/api-keys.service.ts`; to move to `src/contract` with the Open311 refactor).
 */
export interface Open311Key {
  id: number;
  name: string;
  prefix: string;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

export const open311KeysQuery = queryOptions({
  queryKey: ['admin', 'open311-keys'],
  queryFn: ({ signal }) => api.get<Open311Key[]>('/open311/api-keys', undefined, signal),
});
export const useIssueOpen311Key = () =>
  useAdminMutation((name: string) =>
    api.post<Open311Key & { apiKey: string }>('/open311/api-keys', { name }),
  );
export const useRevokeOpen311Key = () =>
  useAdminMutation((id: number) => api.post<Open311Key>(`/open311/api-keys/${id}/revoke`));
