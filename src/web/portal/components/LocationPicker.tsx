import { Button, Group, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { CircleMarker, useMap, useMapEvents } from 'react-leaflet';
import { CityMap } from './CityMap.js';

export interface Point {
  latitude: number;
  longitude: number;
}

const round = (value: number) => Math.round(value * 1e6) / 1e6;

function ClickToChoose({ onChoose }: { onChoose: (point: Point) => void }) {
  useMapEvents({
    click: (event) =>
      onChoose({ latitude: round(event.latlng.lat), longitude: round(event.latlng.lng) }),
  });
  return null;
}

/** "Use the centre of the map": the keyboard's way to choose a point (arrows pan the map). */
function CentreButton({ onChoose }: { onChoose: (point: Point) => void }) {
  const { t } = useTranslation();
  const map = useMap();
  return (
    <div className="leaflet-bottom leaflet-left">
      <div className="leaflet-control">
        <Button
          size="xs"
          variant="white"
          onClick={(event) => {
            event.stopPropagation();
            const c = map.getCenter();
            onChoose({ latitude: round(c.lat), longitude: round(c.lng) });
          }}
        >
          {t('portal.submit.mapCentre')}
        </Button>
      </div>
    </div>
  );
}

/**
 * The place of the problem on the map: a click (or the centre button, by keyboard) sets the point,
 * "Remove" clears it. Optional: the address field alone is enough.
 */
export function LocationPicker({
  value,
  onChange,
}: {
  value: Point | null;
  onChange: (point: Point | null) => void;
}) {
  const { t } = useTranslation();
  return (
    <div>
      <CityMap label={t('portal.submit.mapLabel')}>
        <ClickToChoose onChoose={onChange} />
        <CentreButton onChoose={onChange} />
        {value ? (
          <CircleMarker
            center={[value.latitude, value.longitude]}
            radius={9}
            pathOptions={{ color: '#c92a2a', fillColor: '#e03131', fillOpacity: 0.8, weight: 2 }}
          />
        ) : null}
      </CityMap>
      <Group gap="sm" mt="xs" aria-live="polite">
        <Text size="sm" data-testid="chosen-point">
          {value
            ? t('portal.submit.pointChosen', {
                lat: value.latitude.toFixed(5),
                lon: value.longitude.toFixed(5),
              })
            : t('portal.submit.noPoint')}
        </Text>
        {value ? (
          <Button size="compact-sm" variant="subtle" onClick={() => onChange(null)}>
            {t('portal.submit.removePoint')}
          </Button>
        ) : null}
      </Group>
    </div>
  );
}
