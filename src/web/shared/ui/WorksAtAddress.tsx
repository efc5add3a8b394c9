/**
 * The works that cover an address (issue 16): shown on the operator's new-call screen as soon as
 * the caller's building is known, and on the portal's submit form before sending. Public text and
 * expected end of each open entry. On the staff screen one key (Alt+I, or the button) registers
 * the consultation «informed about works» for the entry (counted; no executor).
 */
import { Alert, Button, Group, Stack, Text } from '@mantine/core';
import { useHotkeys } from '@mantine/hooks';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PublicWorkView } from '../../../contract/works.schemas.js';
import { createApi } from '../api/client.js';
import { formatDateTime } from '../lib/format.js';

const staffApi = createApi('/api/v1');
const publicApi = createApi('/api/public');

/** Title colour with at least 4.5:1 on the light yellow alert background. */
const DARK_YELLOW = '#5c3d00';
/** «Informed» done: dark green, over 7:1 on the same background (green.9 is 3.9:1). */
const DARK_GREEN = '#1b5e20';

export interface WorksAtAddressProps {
  buildingId: number | null;
  point?: { latitude: number; longitude: number } | null;
  /** staff: the new-call screen (with «informed»); public: the portal. */
  scope: 'staff' | 'public';
}

/** The open works covering the building (or point); nothing when there are none. */
export function WorksAtAddress({ buildingId, point = null, scope }: WorksAtAddressProps) {
  const { t, i18n } = useTranslation();
  const client = scope === 'staff' ? staffApi : publicApi;
  const query =
    buildingId !== null
      ? { buildingId }
      : point
        ? { lat: point.latitude, lon: point.longitude }
        : null;
  const works = useQuery({
    queryKey: ['works', 'covering', scope, query],
    queryFn: ({ signal }) =>
      client.get<PublicWorkView[]>('/works/covering', query ?? undefined, signal),
    enabled: query !== null,
    staleTime: 30_000,
  });
  const [informed, setInformed] = useState<Record<number, number>>({});
  const inform = useMutation({
    mutationFn: (workId: number) =>
      staffApi.post<{ workId: number; informedCount: number }>(`/works/${workId}/informed`, {
        buildingId,
      }),
    onSuccess: (r) => setInformed((m) => ({ ...m, [r.workId]: r.informedCount })),
  });
  const list = query === null ? [] : (works.data ?? []);
  const first = list.find((w) => informed[w.id] === undefined);
  useHotkeys(
    scope === 'staff' && first ? [['alt+i', () => inform.mutate(first.id)]] : [],
    [],
    true,
  );
  if (list.length === 0) return null;
  const en = i18n.language.startsWith('en');
  return (
    <Stack gap="xs" data-testid="works-at-address" aria-live="polite">
      {list.map((w) => (
        <Alert
          key={w.id}
          color="yellow"
          title={
            <Text span fw={700} c={DARK_YELLOW}>
              {t(`works.kind.${w.kind}`)}: {t(`works.service.${w.service}`)}
            </Text>
          }
        >
          <Stack gap={4}>
            <Text size="sm">{en && w.publicTextEn ? w.publicTextEn : w.publicTextUk}</Text>
            <Text size="sm">
              {t('works.expectedEnd', { at: formatDateTime(w.expectedEndAt, i18n.language) })}
              {w.status === 'planned'
                ? ` · ${t('works.startsAt', { at: formatDateTime(w.startsAt, i18n.language) })}`
                : ''}
            </Text>
            {scope === 'staff' ? (
              <Group gap="xs">
                {informed[w.id] !== undefined ? (
                  <Text size="sm" fw={600} c={DARK_GREEN}>
                    {t('works.informedDone', { count: informed[w.id] })}
                  </Text>
                ) : (
                  <Button
                    size="xs"
                    variant="light"
                    color="dark"
                    loading={inform.isPending && inform.variables === w.id}
                    onClick={() => inform.mutate(w.id)}
                    aria-keyshortcuts={first?.id === w.id ? 'Alt+I' : undefined}
                  >
                    {t('works.informed')}
                    {first?.id === w.id ? ' (Alt+I)' : ''}
                  </Button>
                )}
              </Group>
            ) : null}
          </Stack>
        </Alert>
      ))}
    </Stack>
  );
}
