/**
 * Telephony in the staff app (issue 20): the operator's own presence and extension, the call now
 * ringing at their desk (the screen pop), and for the head (`calls.monitor`) the call log,
 * per-operator figures and everyone's presence. Types come from the API's schemas (src/contract).
 */
import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type {
  CallView,
  PresenceState,
  PresenceView,
  ScreenPopView,
  myTelephonySchema,
  operatorFiguresView,
} from '../../../../contract/telephony.schemas.js';
import { api } from '../../../shared/api/client.js';

export type { CallView, PresenceState, PresenceView, ScreenPopView };
export type OperatorFigures = z.infer<typeof operatorFiguresView>['items'][number];
export type MyTelephonyInput = z.input<typeof myTelephonySchema>;

/** The live topics (ADR 038) the server publishes: see src/server/telephony. */
export const SCREEN_POP_TOPIC = 'telephony.screen-pop';
export const PRESENCE_TOPIC = 'telephony.presence';

/** The states an operator sets by hand ("on a call" is set by the call events). */
export const SETTABLE_PRESENCE = ['available', 'after_call', 'break', 'signed_out'] as const;

/** The key that opens the new-call screen from the screen pop (shown in the pop). */
export const SCREEN_POP_KEY = 'F2';

/** Fallback polling of the head's boards when the live stream is down. */
export const BOARD_POLL_MS = 30_000;

export const myTelephonyQuery = queryOptions({
  queryKey: ['telephony', 'me'],
  queryFn: ({ signal }) => api.get<PresenceView>('/telephony/me', undefined, signal),
});

export function useUpdateMyTelephony() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: MyTelephonyInput) => api.put<PresenceView>('/telephony/me', input),
    onSuccess: (saved) => {
      queryClient.setQueryData(myTelephonyQuery.queryKey, saved);
      void queryClient.invalidateQueries({ queryKey: ['telephony', 'presence'] });
    },
  });
}

export const ringingQuery = queryOptions({
  queryKey: ['telephony', 'ringing'],
  queryFn: ({ signal }) =>
    api.get<{ call: ScreenPopView | null }>('/telephony/me/ringing', undefined, signal),
});

export const presenceQuery = queryOptions({
  queryKey: ['telephony', 'presence'],
  queryFn: ({ signal }) =>
    api.get<{ items: PresenceView[] }>('/telephony/presence', undefined, signal),
  refetchInterval: BOARD_POLL_MS,
});

export function callLogQuery(filter: { unregistered: boolean }) {
  return queryOptions({
    queryKey: ['telephony', 'calls', filter.unregistered ? 'unregistered' : 'all'],
    queryFn: ({ signal }) =>
      api.get<{ items: CallView[] }>(
        '/telephony/calls',
        { unregistered: filter.unregistered ? 'true' : undefined, limit: 200 },
        signal,
      ),
    refetchInterval: BOARD_POLL_MS,
  });
}

export function figuresQuery(range: { from: string; to: string }) {
  return queryOptions({
    queryKey: ['telephony', 'figures', range.from, range.to],
    queryFn: ({ signal }) =>
      api.get<{ items: OperatorFigures[] }>('/telephony/figures', range, signal),
    refetchInterval: BOARD_POLL_MS,
  });
}

/**
 * A caller's number as Ukrainians read it: `+380671112233` → `+380 67 111 22 33`; anything else
 * (a foreign or a short number) as the telephone system gave it.
 */
export function phoneForDisplay(number: string | null): string | null {
  if (number === null) return null;
  const ua = /^\+380(\d{2})(\d{3})(\d{2})(\d{2})$/.exec(number);
  return ua ? `+380 ${ua[1]} ${ua[2]} ${ua[3]} ${ua[4]}` : number;
}
