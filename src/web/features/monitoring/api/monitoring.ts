/**
 * Live monitoring's queries (issue 18, ADR 048): the alerts and their acknowledgement. The alerts
 * arrive live on the bus (`ALERT_TOPICS`, each listened for by name); the page re-reads them on
 * each event.
 */
import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type { DigestFigures, digestListItem } from '../../../../contract/digest.schemas.js';
import type {
  AlertView,
  LivePictureView,
  TodayByDistrictView,
} from '../../../../contract/monitoring.schemas.js';
import { api } from '../../../shared/api/client.js';

export const alertsQuery = (state: 'open' | 'all') =>
  queryOptions({
    queryKey: ['monitoring', 'alerts', state],
    queryFn: ({ signal }) =>
      api.get<AlertView[]>('/monitoring/alerts', { state, limit: 100 }, signal),
    refetchInterval: 60_000,
  });

export function useAcknowledgeAlert() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: number) => api.post<AlertView>(`/monitoring/alerts/${id}/acknowledge`),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['monitoring', 'alerts'] }),
  });
}

/** The head's live picture (issue 18 item 4): re-read every 30 seconds and on every alert. */
export const livePictureQuery = queryOptions({
  queryKey: ['monitoring', 'picture'],
  queryFn: ({ signal }) => api.get<LivePictureView>('/monitoring/picture', undefined, signal),
  refetchInterval: 30_000,
});

/** The morning digests made (issue 18 item 5), newest first. */
export const digestsQuery = queryOptions({
  queryKey: ['monitoring', 'digests'],
  queryFn: ({ signal }) =>
    api.get<z.infer<typeof digestListItem>[]>('/monitoring/digests', undefined, signal),
});

/** One day's digest: its stored figures. */
export const digestQuery = (day: string) =>
  queryOptions({
    queryKey: ['monitoring', 'digests', day],
    queryFn: ({ signal }) =>
      api.get<DigestFigures>(`/monitoring/digests/${day}`, undefined, signal),
  });

/** Today's appeals by district and question type (the head's map): re-read every minute. */
export const todayByDistrictQuery = queryOptions({
  queryKey: ['monitoring', 'today-by-district'],
  queryFn: ({ signal }) =>
    api.get<TodayByDistrictView>('/monitoring/today-by-district', undefined, signal),
  refetchInterval: 60_000,
});
