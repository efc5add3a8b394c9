import { Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { MapContainer, TileLayer } from 'react-leaflet';
import { portalConfigQuery } from '../api.js';

/**
 * A Leaflet map of the city at the configured view, with the configured tiles — or, when the
 * server has none (`KONTAKT_MAP_TILES` unset), a plain grid and a note: points still draw and
 * clicks still work.
 */
export function CityMap({ label, children }: { label: string; children?: ReactNode }) {
  const { t } = useTranslation();
  const config = useQuery(portalConfigQuery);
  if (!config.data) return <div className="portal-map" aria-busy="true" />;
  const { tiles, attribution, center, zoom } = config.data.map;
  return (
    <div>
      <MapContainer
        center={center}
        zoom={zoom}
        className="portal-map"
        preferCanvas
        scrollWheelZoom={false}
        aria-label={label}
      >
        {tiles ? <TileLayer url={tiles} attribution={attribution} /> : null}
        {children}
      </MapContainer>
      {tiles ? null : (
        <Text size="xs" c="dimmed" mt={4}>
          {t('portal.map.noTiles')}
        </Text>
      )}
    </div>
  );
}
