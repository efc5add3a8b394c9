/**
 * Query-options factories for resources several screens read (one per endpoint), so every screen
 * shares one cache entry and one key.
 */
import { queryOptions } from '@tanstack/react-query';
import { api } from './client.js';
import type {
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
  channel?: string;
  receivedFrom?: string;
  receivedTo?: string;
  overdue?: string;
  applicantId?: string;
  q?: string;
  sort?: string;
}

export const APPEAL_FILTER_KEYS = [
  'queue',
  'status',
  'questionTypeId',
  'executorId',
  'channel',
  'receivedFrom',
  'receivedTo',
  'overdue',
  'applicantId',
  'q',
  'sort',
] as const satisfies readonly (keyof AppealFilters)[];

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
