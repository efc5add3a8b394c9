import { Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import type { Layer, PathOptions } from 'leaflet';
import 'leaflet/dist/leaflet.css';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { GeoJSON, MapContainer, TileLayer } from 'react-leaflet';
import type { MapOutlineView } from '../../../contract/map-outline.schemas.js';
import { mapOutlineQuery, publicConfigQuery } from '../api/map.js';

type OutlineFeature = MapOutlineView['features'][number];

const DISTRICT: PathOptions = {
  color: '#3b5bdb',
  weight: 1.5,
  opacity: 0.8,
  fillColor: '#4c6ef5',
  fillOpacity: 0.04,
};
const STREET: PathOptions = { color: '#6b7280', weight: 1.5, opacity: 0.75 };

/**
 * Without a tile server: the city's districts (named) and streets from the address registry, so a
 * point can be placed by the streets it lies between.
 */
function CityOutline({ outline }: { outline: MapOutlineView }) {
  return (
    <GeoJSON
      // Keyed by size: react-leaflet's GeoJSON draws its data once.
      key={outline.features.length}
      data={outline}
      // Drawing only: a click anywhere reaches the map and places the point.
      interactive={false}
      style={(feature) =>
        (feature?.properties as OutlineFeature['properties'] | undefined)?.kind === 'district'
          ? DISTRICT
          : STREET
      }
      onEachFeature={(feature, layer: Layer) => {
        const { kind, name } = feature.properties as OutlineFeature['properties'];
        if (kind === 'district') {
          layer.bindTooltip(name, {
            permanent: true,
            direction: 'center',
            className: 'map-district-label',
          });
        }
      }}
    />
  );
}

/**
 * A Leaflet map of the city at the configured view, with the configured tiles — or, when the
 * server has none (`KONTAKT_MAP_TILES` unset, the default), the outline of the city's districts
 * and streets from the address registry (`GET /api/public/map/outline`); points still draw and
 * clicks still work. Only with neither is the background a plain grid. Shared by the portal's maps
 * and the staff app's (the works registry's polygon).
 */
export function CityMap({
  label,
  children,
  className = 'portal-map',
  notes,
}: {
  label: string;
  children?: ReactNode;
  /** The map's CSS class (its height and background); `<class>--outline` is added over the outline. */
  className?: string;
  /** The note under a map without tiles (default: the portal's). */
  notes?: { outline: string; noTiles: string };
}) {
  const { t } = useTranslation();
  const config = useQuery(publicConfigQuery);
  const tiles = config.data?.map.tiles ?? null;
  const outline = useQuery({ ...mapOutlineQuery, enabled: config.isSuccess && !tiles });
  if (!config.data) return <div className={className} aria-busy="true" />;
  const { attribution, center, zoom } = config.data.map;
  const drawn = outline.data && outline.data.features.length > 0 ? outline.data : null;
  return (
    <div data-map-background={tiles ? 'tiles' : drawn ? 'outline' : 'grid'}>
      <MapContainer
        center={center}
        zoom={zoom}
        className={tiles ? className : `${className} ${className}--outline`}
        preferCanvas
        scrollWheelZoom={false}
        aria-label={label}
      >
        {tiles ? <TileLayer url={tiles} attribution={attribution} /> : null}
        {drawn ? <CityOutline outline={drawn} /> : null}
        {children}
      </MapContainer>
      {tiles ? null : (
        <Text size="xs" c="dimmed" mt={4} data-testid="map-background-note">
          {drawn
            ? (notes?.outline ?? t('portal.map.outline'))
            : (notes?.noTiles ?? t('portal.map.noTiles'))}
        </Text>
      )}
    </div>
  );
}
