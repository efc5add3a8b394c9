/** The work calendar: read by everyone signed in, changed by the administrator (PUT, whole). */
import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../shared/api/client.js';
import type { WorkCalendar } from '../../../shared/api/types.js';

export const calendarQuery = queryOptions({
  queryKey: ['calendar'],
  queryFn: ({ signal }) => api.get<WorkCalendar>('/calendar', undefined, signal),
});

export function useSaveCalendar() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (calendar: WorkCalendar) => api.put<WorkCalendar>('/calendar', calendar),
    onSuccess: (saved) => queryClient.setQueryData(calendarQuery.queryKey, saved),
  });
}
