import { Select, Stack, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import type { Feature, FeatureCollection } from 'geojson';
import type { Layer, PathOptions } from 'leaflet';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { GeoJSON } from 'react-leaflet';
import { mapOutlineQuery } from '../../../shared/api/map.js';
import { CityMap } from '../../../shared/ui/CityMap.js';
import { EmptyRow } from '../../../shared/ui/EmptyRow.js';
import { ErrorNote } from '../../../shared/ui/ErrorNote.js';
import { TableScroll } from '../../../shared/ui/TableScroll.js';
import { todayByDistrictQuery } from '../api/monitoring.js';

/** Five shades of one colour: the more of today's appeals, the darker the district. */
const SHADES = ['#e7f5ff', '#a5d8ff', '#4dabf7', '#1c7ed6', '#0b3d91'];

/** The district's name in an outline feature's properties (`{ kind, name }`). */
const nameOf = (feature: Feature | undefined): string => {
  const name = (feature?.properties as { name?: unknown } | null | undefined)?.name;
  return typeof name === 'string' ? name : '';
};

function shade(count: number, max: number): PathOptions {
  if (count === 0) return { color: '#3b5bdb', weight: 1, fillOpacity: 0, opacity: 0.6 };
  const step = Math.min(SHADES.length - 1, Math.floor((count / max) * SHADES.length));
  return {
    color: '#1c3f94',
    weight: 1.5,
    fillColor: SHADES[step],
    fillOpacity: 0.65,
    opacity: 0.9,
  };
}

/**
 * The head's map of today's appeals (issue 18 item 4; `monitoring.read`): each district of the
 * address registry shaded by how many appeals it has since midnight — all, or one question type
 * chosen above the map — with its count on hover; the table below has the same figures (and the
 * appeals in no known district), for screen readers and for reading exactly. Consultations are not
 * counted. Re-read every minute and on every alert.
 */
export function DistrictMap() {
  const { t, i18n } = useTranslation();
  const en = i18n.language.startsWith('en');
  const today = useQuery(todayByDistrictQuery);
  const outline = useQuery(mapOutlineQuery);
  const [typeId, setTypeId] = useState<string | null>(null);
  const data = today.data;

  const rows = useMemo(
    () =>
      (data?.districts ?? [])
        .map((d) => ({
          ...d,
          count:
            typeId === null
              ? d.appeals
              : (d.byType.find((b) => String(b.questionTypeId) === typeId)?.appeals ?? 0),
        }))
        .filter((d) => d.count > 0)
        .sort((a, b) => b.count - a.count),
    [data, typeId],
  );
  const counts = new Map(rows.filter((r) => r.district).map((r) => [r.district!, r.count]));
  const max = Math.max(1, ...counts.values());
  const districts: FeatureCollection | null = outline.data
    ? {
        type: 'FeatureCollection',
        features: outline.data.features.filter(
          (f) => f.properties.kind === 'district',
        ) as unknown as Feature[],
      }
    : null;
  const name = (d: (typeof rows)[number]) =>
    d.districtId === null
      ? t('monitoring.map.noDistrict')
      : ((en ? d.districtEn : null) ?? d.district ?? '');

  return (
    <Stack gap="sm">
      <Title order={3}>{t('monitoring.map.title')}</Title>
      <Text size="sm">{t('monitoring.map.help')}</Text>
      <ErrorNote error={today.error} />
      <Select
        label={t('monitoring.map.questionType')}
        placeholder={t('monitoring.map.allTypes')}
        clearable
        searchable
        value={typeId}
        onChange={setTypeId}
        data={(data?.questionTypes ?? []).map((q) => ({
          value: String(q.questionTypeId),
          label: `${(en ? q.questionTypeEn : null) ?? q.questionType} (${q.appeals})`,
        }))}
        maw={480}
      />
      <CityMap
        label={t('monitoring.map.label')}
        className="works-map"
        notes={{ outline: t('monitoring.map.outline'), noTiles: t('monitoring.map.noTiles') }}
      >
        {districts ? (
          <GeoJSON
            // react-leaflet draws GeoJSON once: a new key redraws it with the new counts.
            key={`${typeId ?? 'all'}:${[...counts.entries()].join(';')}`}
            data={districts}
            style={(feature) => shade(counts.get(nameOf(feature)) ?? 0, max)}
            onEachFeature={(feature, layer: Layer) => {
              const district = nameOf(feature);
              layer.bindTooltip(`${district}: ${counts.get(district) ?? 0}`);
            }}
          />
        ) : null}
      </CityMap>
      <TableScroll label={t('monitoring.map.table')} minWidth={360}>
        <Table striped aria-label={t('monitoring.map.table')} data-testid="map-districts">
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('monitoring.map.district')}</Table.Th>
              <Table.Th scope="col">{t('monitoring.map.appeals')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((d) => (
              <Table.Tr key={d.districtId ?? 0}>
                <Table.Th scope="row" fw={500}>
                  {name(d)}
                </Table.Th>
                <Table.Td>{d.count}</Table.Td>
              </Table.Tr>
            ))}
            {data && rows.length === 0 ? (
              <EmptyRow columns={2}>{t('monitoring.map.none')}</EmptyRow>
            ) : null}
          </Table.Tbody>
        </Table>
      </TableScroll>
    </Stack>
  );
}
