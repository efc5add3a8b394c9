/**
 * The works entry's area drawn on the city map (issue 16): each click on the map adds a vertex;
 * the vertices and the outline are drawn; "Undo last point" and "Clear". The map is not the only
 * way: the centre of the map (arrows pan it) or typed coordinates add a point by keyboard, and the
 * points are listed as text. Points are [longitude, latitude] (GeoJSON's order).
 */
import { Button, Group, Text, TextInput } from '@mantine/core';
import { DomEvent } from 'leaflet';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CircleMarker, Polygon, Polyline, useMap, useMapEvents } from 'react-leaflet';
import { CityMap } from '../../../shared/ui/CityMap.js';

export type Vertex = [number, number];

const round = (value: number) => Math.round(value * 1e6) / 1e6;
const LINE = { color: '#c92a2a', weight: 2, fillColor: '#e03131', fillOpacity: 0.15 };

function ClickToAdd({ onAdd }: { onAdd: (v: Vertex) => void }) {
  useMapEvents({ click: (e) => onAdd([round(e.latlng.lng), round(e.latlng.lat)]) });
  return null;
}

/** Moves the map to the place the dispatcher picked in the address field. */
function FocusOn({ focus }: { focus: { latitude: number; longitude: number } | null }) {
  const map = useMap();
  const lat = focus?.latitude;
  const lon = focus?.longitude;
  useEffect(() => {
    if (lat !== undefined && lon !== undefined) map.setView([lat, lon], 17);
  }, [map, lat, lon]);
  return null;
}

function CentreButton({ onAdd }: { onAdd: (v: Vertex) => void }) {
  const { t } = useTranslation();
  const map = useMap();
  const control = useRef<HTMLDivElement>(null);
  // Leaflet hears the DOM click before React does: a click on the button must not reach the map.
  useEffect(() => {
    if (control.current) DomEvent.disableClickPropagation(control.current);
  }, []);
  return (
    <div className="leaflet-bottom leaflet-left">
      <div className="leaflet-control" ref={control}>
        <Button
          size="xs"
          variant="white"
          onClick={() => {
            const c = map.getCenter();
            onAdd([round(c.lng), round(c.lat)]);
          }}
        >
          {t('worksMap.addCentre')}
        </Button>
      </div>
    </div>
  );
}

/** "49.99, 36.23" (latitude, longitude) → a vertex, or null. */
function parseTyped(text: string): Vertex | null {
  const m = /^\s*(-?\d+(?:[.,]\d+)?)\s*[;,\s]\s*(-?\d+(?:[.,]\d+)?)\s*$/.exec(text);
  if (!m) return null;
  const lat = Number(m[1]!.replace(',', '.'));
  const lon = Number(m[2]!.replace(',', '.'));
  if (!(Math.abs(lat) <= 90 && Math.abs(lon) <= 180)) return null;
  return [round(lon), round(lat)];
}

export function PolygonDrawer({
  value,
  onChange,
  focus,
}: {
  value: Vertex[];
  onChange: (points: Vertex[]) => void;
  focus: { latitude: number; longitude: number } | null;
}) {
  const { t } = useTranslation();
  const [typed, setTyped] = useState('');
  const [typedError, setTypedError] = useState(false);
  const add = (v: Vertex) => onChange([...value, v]);
  const addTyped = () => {
    const v = parseTyped(typed);
    setTypedError(!v);
    if (v) {
      add(v);
      setTyped('');
    }
  };
  const latLngs = value.map(([lon, lat]) => [lat, lon] as [number, number]);
  return (
    <div data-testid="works-polygon">
      <Text size="sm" fw={500} id="works-map-title">
        {t('worksMap.title')}
      </Text>
      <Text size="xs" c="dimmed" mb={4}>
        {t('worksMap.hint')}
      </Text>
      <CityMap
        label={t('worksMap.label')}
        className="works-map"
        notes={{ outline: t('worksMap.outline'), noTiles: t('worksMap.noTiles') }}
      >
        <ClickToAdd onAdd={add} />
        <FocusOn focus={focus} />
        <CentreButton onAdd={add} />
        {latLngs.length >= 3 ? (
          <Polygon positions={latLngs} pathOptions={LINE} />
        ) : latLngs.length === 2 ? (
          <Polyline positions={latLngs} pathOptions={LINE} />
        ) : null}
        {latLngs.map((p, i) => (
          <CircleMarker
            key={i}
            center={p}
            radius={6}
            pathOptions={{ color: '#c92a2a', fillColor: '#fff', fillOpacity: 1, weight: 2 }}
          />
        ))}
      </CityMap>
      <Group gap="xs" mt="xs" align="flex-end">
        <TextInput
          label={t('worksMap.typed')}
          description={t('worksMap.typedHint')}
          value={typed}
          error={typedError ? t('worksMap.typedError') : undefined}
          onChange={(e) => {
            setTyped(e.currentTarget.value);
            setTypedError(false);
          }}
          onKeyDown={(e) => {
            if (e.key === 'Enter') {
              e.preventDefault();
              addTyped();
            }
          }}
          style={{ flex: 1, minWidth: 220 }}
        />
        <Button variant="default" onClick={addTyped}>
          {t('worksMap.addTyped')}
        </Button>
      </Group>
      <Group gap="xs" mt="xs">
        <Button
          size="compact-sm"
          variant="default"
          disabled={value.length === 0}
          onClick={() => onChange(value.slice(0, -1))}
        >
          {t('worksMap.undo')}
        </Button>
        <Button
          size="compact-sm"
          variant="default"
          disabled={value.length === 0}
          onClick={() => onChange([])}
        >
          {t('worksMap.clear')}
        </Button>
      </Group>
      <div aria-live="polite" data-testid="works-polygon-points">
        <Text size="sm" mt={4}>
          {value.length === 0
            ? t('worksMap.none')
            : value.length < 3
              ? t('worksMap.tooFew', { n: value.length })
              : t('worksMap.closed', { n: value.length })}
        </Text>
        {value.length > 0 ? (
          <ol aria-label={t('worksMap.pointsLabel')} style={{ margin: 0, fontSize: 13 }}>
            {value.map(([lon, lat], i) => (
              <li key={i}>{t('worksMap.point', { lat: lat.toFixed(5), lon: lon.toFixed(5) })}</li>
            ))}
          </ol>
        ) : null}
      </div>
    </div>
  );
}

/** The drawn points as the API's polygon (the ring closed), or null under three points. */
export function polygonOf(points: Vertex[]) {
  return points.length >= 3
    ? { type: 'Polygon' as const, coordinates: [[...points, points[0]!]] }
    : null;
}
