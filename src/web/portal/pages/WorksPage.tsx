import { Autocomplete, Badge, Button, Card, Group, Stack, Text, Title } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CircleMarker, Polygon, Tooltip, useMap } from 'react-leaflet';
import type { PublicWorkMapView, PublicWorkView } from '../../../contract/works.schemas.js';
import type { RegistryAddress } from '../../shared/api/types.js';
import { formatDateTime } from '../../shared/lib/format.js';
import { ErrorNote } from '../../shared/ui/ErrorNote.js';
import { publicApi, searchPublicAddresses } from '../api.js';
import { CityMap } from '../components/CityMap.js';

const COLOURS: Record<PublicWorkView['kind'], string> = {
  emergency: '#c92a2a',
  planned: '#1864ab',
  outage: '#e8590c',
};

/** [lat, lon] rings of a GeoJSON polygon ([lon, lat]). */
function rings(work: PublicWorkMapView): [number, number][][] {
  return (work.polygon?.coordinates ?? []).map((ring) =>
    ring.map(([lon, lat]) => [lat, lon] as [number, number]),
  );
}

/** Bring the shown works into view (the city's view when there are none). */
function FitToWorks({ works }: { works: PublicWorkMapView[] }) {
  const map = useMap();
  useEffect(() => {
    const points = works.flatMap((w) => [...w.points, ...rings(w).flat()]);
    if (points.length === 0) return;
    map.fitBounds(points, { padding: [24, 24], maxZoom: 16 });
  }, [works, map]);
  return null;
}

type Target = { label: string; buildingId: number } | { label: string; streetId: number };

/**
 * Current and planned works (issue 16) as anyone may see them: the public text in the reader's
 * language, start and expected end (Kyiv time), the covered buildings and drawn area on the map.
 * Searchable by address: a street or a building of the registry narrows the list to the works
 * that cover it (`/api/public/works/covering`).
 */
export function WorksPage() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const en = lang.startsWith('en');
  const all = useQuery({
    queryKey: ['portal', 'works'],
    queryFn: ({ signal }) => publicApi.get<PublicWorkMapView[]>('/works', undefined, signal),
    staleTime: 30_000,
  });
  const [text, setText] = useState('');
  const [target, setTarget] = useState<Target | null>(null);
  const [debounced] = useDebouncedValue(text, 200);
  const suggestions = useQuery({
    queryKey: ['address-registry', 'public', debounced],
    queryFn: ({ signal }) => searchPublicAddresses(debounced, signal),
    enabled: debounced.trim().length >= 2 && target === null,
    staleTime: 60_000,
  });
  const byLabel = new Map<string, RegistryAddress>(
    (suggestions.data ?? []).map((s) => [s.label, s]),
  );
  const covering = useQuery({
    queryKey: ['portal', 'works', 'covering', target],
    queryFn: ({ signal }) =>
      publicApi.get<PublicWorkView[]>(
        '/works/covering',
        target && 'buildingId' in target
          ? { buildingId: target.buildingId }
          : { streetId: target && 'streetId' in target ? target.streetId : 0 },
        signal,
      ),
    enabled: target !== null,
  });
  const ids = covering.data ? new Set(covering.data.map((w) => w.id)) : null;
  const works = (all.data ?? []).filter((w) => target === null || (ids !== null && ids.has(w.id)));
  const waiting = all.isPending || (target !== null && covering.isPending);

  const pick = (label: string) => {
    const s = byLabel.get(label);
    if (!s) return;
    setText(s.label);
    setTarget(
      s.buildingId !== null
        ? { label: s.label, buildingId: s.buildingId }
        : { label: s.label, streetId: s.streetId },
    );
  };
  const reset = () => {
    setText('');
    setTarget(null);
  };

  return (
    <Stack gap="md">
      <Title order={1}>{t('portal.works.title')}</Title>
      <Text>{t('portal.works.intro')}</Text>
      <Group align="flex-end" gap="sm">
        <Autocomplete
          style={{ flex: 1, minWidth: 220 }}
          label={t('portal.works.address')}
          description={t('portal.works.addressHint')}
          value={text}
          onChange={(value) => {
            setText(value);
            if (target !== null && value !== target.label) setTarget(null);
          }}
          onOptionSubmit={pick}
          data={[...byLabel.keys()]}
          filter={({ options }) => options}
          autoComplete="off"
          comboboxProps={{ withinPortal: false }}
        />
        {target !== null || text !== '' ? (
          <Button variant="default" onClick={reset}>
            {t('portal.works.showAll')}
          </Button>
        ) : null}
      </Group>
      {all.isError ? <ErrorNote error={all.error} /> : null}
      {covering.isError ? <ErrorNote error={covering.error} /> : null}
      <div data-testid="works-map">
        <CityMap label={t('portal.works.mapLabel')}>
          <FitToWorks works={works} />
          {works.map((w) => (
            <Polygon
              key={`p${w.id}`}
              positions={rings(w)}
              pathOptions={{ color: COLOURS[w.kind], weight: 2, fillOpacity: 0.15 }}
            />
          ))}
          {works.flatMap((w) =>
            w.points.map((p, i) => (
              <CircleMarker
                key={`${w.id}-${i}`}
                center={p}
                radius={6}
                pathOptions={{ color: COLOURS[w.kind], fillOpacity: 0.7, weight: 1 }}
              >
                <Tooltip>
                  {t(`works.kind.${w.kind}`)}: {t(`works.service.${w.service}`)}
                </Tooltip>
              </CircleMarker>
            )),
          )}
        </CityMap>
        <Text size="sm" mt={4} aria-live="polite" data-testid="works-on-map">
          {waiting ? t('common.loading') : t('portal.works.onMap', { count: works.length })}
        </Text>
      </div>
      <Title order={2}>
        {target ? t('portal.works.atAddress', { address: target.label }) : t('portal.works.all')}
      </Title>
      {!waiting && works.length === 0 ? (
        <Text data-testid="works-none">
          {target ? t('portal.works.noneAtAddress') : t('portal.works.none')}
        </Text>
      ) : null}
      <Stack gap="sm" component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
        {works.map((w) => (
          <Card component="li" key={w.id} withBorder data-testid="work-entry">
            <Group gap="xs" mb={4}>
              <Text fw={700}>
                {t(`works.kind.${w.kind}`)}: {t(`works.service.${w.service}`)}
              </Text>
              <Badge color={w.status === 'active' ? 'red.9' : 'blue.9'} variant="filled">
                {t(`works.status.${w.status}`)}
              </Badge>
            </Group>
            <Text size="sm">{en && w.publicTextEn ? w.publicTextEn : w.publicTextUk}</Text>
            <Text size="sm" mt={4}>
              {t('portal.works.period', {
                from: formatDateTime(w.startsAt, lang),
                to: formatDateTime(w.expectedEndAt, lang),
              })}
            </Text>
            {w.organisationName ? (
              <Text size="sm" c="dimmed">
                {t('portal.works.organisation', { name: w.organisationName })}
              </Text>
            ) : null}
          </Card>
        ))}
      </Stack>
    </Stack>
  );
}
