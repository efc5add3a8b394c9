/**
 * The portal's side of `/api/public`: one query-options factory per resource, the mutations, and
 * the answer types taken from the server's own schemas (type-only: nothing of the server is bundled).
 */
import type { RegistryAddress } from '../shared/api/types.js';
import {
  infiniteQueryOptions,
  queryOptions,
  useMutation,
  useQueryClient,
} from '@tanstack/react-query';
import type { FeedbackInput, SubmissionInput } from '../../domain/portal-forms.js';
import type {
  DistrictView,
  GeoJsonView,
  PublicAppealView,
  StatisticsView,
} from '../../contract/portal-appeals.schemas.js';
import type {
  PhotoView,
  PortalConfigView,
  PublicKindView,
  SubmissionReceiptView,
  TrackingView,
} from '../../contract/portal.schemas.js';
import type { AppealStatus } from '../../domain/vocabulary.js';
import { createApi } from '../shared/api/client.js';

export type {
  PhotoView,
  PortalConfigView,
  PublicAppealView,
  StatisticsView,
  SubmissionReceiptView,
  TrackingView,
};

export const publicApi = createApi('/api/public');

export type PublicKind = PublicKindView;
export type District = DistrictView;

export interface PublicFilters {
  questionTypeId?: number | undefined;
  status?: AppealStatus | undefined;
  districtId?: number | undefined;
}

export type GeoJsonFeature = GeoJsonView['features'][number];

// The map's view and outline live in web/shared (the staff app's works map draws them too).
export { publicConfigQuery as portalConfigQuery, mapOutlineQuery } from '../shared/api/map.js';

export const publicQuestionTypesQuery = queryOptions({
  queryKey: ['portal', 'question-types'],
  queryFn: () => publicApi.get<PublicKind[]>('/question-types'),
  staleTime: 30 * 60_000,
});

export const districtsQuery = queryOptions({
  queryKey: ['portal', 'districts'],
  queryFn: () => publicApi.get<District[]>('/districts'),
  staleTime: 30 * 60_000,
});

/** Pages of the public list, newest first, 20 at a time (for `useInfiniteQuery`). */
export const publicAppealsQuery = (filters: PublicFilters) =>
  infiniteQueryOptions({
    queryKey: ['portal', 'appeals', filters],
    queryFn: ({ pageParam }) =>
      publicApi.get<{ items: PublicAppealView[]; nextCursor: string | null }>('/appeals', {
        ...filters,
        cursor: pageParam,
        limit: 20,
      }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });

export const publicMapQuery = (filters: PublicFilters) =>
  queryOptions({
    queryKey: ['portal', 'map', filters],
    queryFn: () =>
      publicApi.get<GeoJsonView>('/appeals/map', {
        ...filters,
        limit: 1000,
      }),
  });

export const statisticsQuery = (from: string | undefined, to: string | undefined) =>
  queryOptions({
    queryKey: ['portal', 'statistics', from ?? null, to ?? null],
    queryFn: () => publicApi.get<StatisticsView>('/statistics', { from, to }),
  });

/** Send the form; the same `idempotencyKey` again returns the first receipt (no second appeal). */
export function useSubmitAppeal() {
  return useMutation({
    mutationFn: ({ input, idempotencyKey }: { input: SubmissionInput; idempotencyKey: string }) =>
      publicApi.post<SubmissionReceiptView>('/submissions', input, {
        'idempotency-key': idempotencyKey,
      }),
  });
}

/** One photo to one's pending submission (the access code proves it is one's own). */
export function uploadPhoto(receipt: SubmissionReceiptView, file: File): Promise<PhotoView> {
  const form = new FormData();
  form.append('file', file, file.name);
  return publicApi.post<PhotoView>(
    `/submissions/${encodeURIComponent(receipt.trackingNumber)}/photos`,
    form,
    { 'x-access-code': receipt.accessCode },
  );
}

export function useTrack() {
  return useMutation({
    mutationFn: (input: { number: string; accessCode: string }) =>
      publicApi.post<TrackingView>('/tracking', input),
  });
}

export function useFeedback() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: FeedbackInput) => publicApi.post<TrackingView>('/tracking/feedback', input),
    onSuccess: () => void client.invalidateQueries({ queryKey: ['portal', 'appeals'] }),
  });
}

/** What a point picked on the map names: the nearest building (≤ 150 m) and the district. */
export interface PointPlace {
  building: {
    id: number;
    label: string;
    latitude: number | null;
    longitude: number | null;
    distanceMetres: number;
  } | null;
  district: { id: number; name: string } | null;
  flags: ('not_in_registry' | 'outside_districts')[];
}

/** The nearest building and the district of a map point (issue 15). */
export const placePublicPoint = (point: { latitude: number; longitude: number }) =>
  publicApi.get<PointPlace>('/addresses/point', {
    latitude: point.latitude,
    longitude: point.longitude,
  });

/** The address registry's suggestions for the portal (issue 15). */
export const searchPublicAddresses = (q: string, signal: AbortSignal) =>
  publicApi.get<RegistryAddress[]>('/addresses', { q }, signal);

/**
 * One of the applicant's own photos as a blob (POST with the number and code: the code never
 * goes into a URL). Null when it cannot be had (the page then names the photo instead).
 */
export async function fetchTrackedPhoto(
  input: { number: string; accessCode: string; photoId: number },
  signal?: AbortSignal,
): Promise<Blob | null> {
  const response = await fetch(`/api/public/tracking/photos/${input.photoId}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ number: input.number, accessCode: input.accessCode }),
    ...(signal ? { signal } : {}),
  });
  return response.ok ? response.blob() : null;
}
