import { Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useEffect } from 'react';
import { CircleMarker, Popup, useMap } from 'react-leaflet';
import type { AppealStatus } from '../../../domain/vocabulary.js';
import { publicMapQuery, type GeoJsonFeature, type PublicFilters } from '../api.js';
import { PublicAppealCard } from './PublicAppealCard.js';
import { CityMap } from './CityMap.js';

const COLOURS: Record<AppealStatus, string> = {
  registered: '#1864ab',
  in_work: '#364fc7',
  on_check: '#862e9c',
  rework: '#d9480f',
  closed: '#495057',
};

/** Bring the points found into view (the city's view when there are none). */
function FitToPoints({ features }: { features: GeoJsonFeature[] }) {
  const map = useMap();
  useEffect(() => {
    if (features.length === 0) return;
    const points = features.map(
      (f) => [f.geometry.coordinates[1], f.geometry.coordinates[0]] as [number, number],
    );
    map.fitBounds(points, { padding: [24, 24], maxZoom: 16 });
  }, [features, map]);
  return null;
}

/** The filtered appeals that have a point, as circles coloured by status; a click shows the card. */
export function AppealsMap({ filters }: { filters: PublicFilters }) {
  const { t } = useTranslation();
  const map = useQuery(publicMapQuery(filters));
  const features = map.data?.features ?? [];
  return (
    <div>
      <CityMap label={t('portal.appeals.mapLabel')}>
        <FitToPoints features={features} />
        {features.map((f) => (
          <CircleMarker
            key={f.properties.number}
            center={[f.geometry.coordinates[1], f.geometry.coordinates[0]]}
            radius={6}
            pathOptions={{ color: COLOURS[f.properties.status], fillOpacity: 0.7, weight: 1 }}
          >
            <Popup>
              <PublicAppealCard appeal={f.properties} />
            </Popup>
          </CircleMarker>
        ))}
      </CityMap>
      <Text size="sm" mt={4} aria-live="polite">
        {map.isPending
          ? t('common.loading')
          : t('portal.appeals.onMap', { count: features.length })}
        {map.data?.nextCursor ? ` ${t('portal.appeals.mapMore')}` : ''}
      </Text>
    </div>
  );
}
