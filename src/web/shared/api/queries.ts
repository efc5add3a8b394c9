/**
 * Query-options factories for resources several screens read (one per endpoint), so every screen
 * shares one cache entry and one key.
 */
import { queryOptions } from '@tanstack/react-query';
import { api } from './client.js';
import type {
  AppealCard,
  AppealPage,
  ClassifierKind,
  Dashboard,
  Executor,
  Me,
  QuestionType,
  QueueCount,
} from './types.js';
import { ApiError } from './client.js';

export const meQuery = queryOptions({
  queryKey: ['me'],
  queryFn: async (): Promise<Me | null> => {
    try {
      return await api.get<Me>('/auth/me');
    } catch (error) {
      if (error instanceof ApiError && error.status === 401) return null;
      throw error;
    }
  },
  staleTime: 5 * 60_000,
});

export const queuesQuery = queryOptions({
  queryKey: ['queues'],
  queryFn: () => api.get<{ queues: QueueCount[] }>('/queues'),
  refetchInterval: 60_000,
});

export const classifierQuery = queryOptions({
  queryKey: ['classifier'],
  queryFn: () => api.get<ClassifierKind[]>('/classifier'),
  staleTime: 30 * 60_000,
});

export const executorsQuery = queryOptions({
  queryKey: ['executors'],
  queryFn: () => api.get<Executor[]>('/executors'),
  staleTime: 30 * 60_000,
});

/** A district of the address registry (issue 15) with its former names. */
export interface RegistryDistrict {
  id: number;
  city: string;
  name: string;
  formerNames: string[];
}

/** The address registry's districts: the registry's filter, the keeper's and the admin's editors. */
export const registryDistrictsQuery = queryOptions({
  queryKey: ['address-registry', 'districts'],
  queryFn: ({ signal }) =>
    api.get<RegistryDistrict[]>('/address-registry/districts', undefined, signal),
  staleTime: 300_000,
});

export const dashboardQuery = queryOptions({
  queryKey: ['dashboard'],
  queryFn: () => api.get<Dashboard>('/dashboard'),
  refetchInterval: 60_000,
});

/** Filters of the appeal list (`GET /appeals`), all optional, as URL query values. */
export interface AppealFilters {
  queue?: string;
  status?: string;
  questionTypeId?: string;
  executorId?: string;
  mainExecutorId?: string;
  channel?: string;
  receivedFrom?: string;
  receivedTo?: string;
  overdue?: string;
  applicantId?: string;
  /** The address registry's district, street or building (issue 15). */
  districtId?: string;
  streetId?: string;
  buildingId?: string;
  q?: string;
  sort?: string;
}

export const APPEAL_FILTER_KEYS = [
  'queue',
  'status',
  'questionTypeId',
  'executorId',
  'mainExecutorId',
  'channel',
  'receivedFrom',
  'receivedTo',
  'overdue',
  'applicantId',
  'districtId',
  'streetId',
  'buildingId',
  'q',
  'sort',
] as const satisfies readonly (keyof AppealFilters)[];

export function appealCountQuery(filters: AppealFilters) {
  return queryOptions({
    queryKey: ['appeals', 'count', filters],
    queryFn: ({ signal }) => api.get<{ count: number }>('/appeals/count', { ...filters }, signal),
  });
}

export function appealListQuery(filters: AppealFilters, limit: number, cursor: string | null) {
  return queryOptions({
    queryKey: ['appeals', 'list', filters, limit, cursor],
    queryFn: ({ signal }) => api.get<AppealPage>('/appeals', { ...filters, limit, cursor }, signal),
  });
}

/** Question types whose words match `q` (at least two characters), for the question-type picker. */
export function questionTypeSearchQuery(q: string) {
  return queryOptions({
    queryKey: ['question-types', 'search', q],
    queryFn: ({ signal }) => api.get<QuestionType[]>('/question-types', { q }, signal),
    enabled: q.trim().length >= 2,
    staleTime: 5 * 60_000,
  });
}

/** One appeal's card (the card page, and the review queue's preview of the answer). */
export function appealQuery(id: number) {
  return queryOptions({
    queryKey: ['appeal', id],
    queryFn: ({ signal }) => api.get<AppealCard>(`/appeals/${id}`, undefined, signal),
  });
}
