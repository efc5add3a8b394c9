/**
 * The submission form's "where": the address from the registry, a point on the map (with the
 * building and district it falls in), and the works under way there.
 */
import { Fieldset, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { AddressPicker } from '../../shared/ui/AddressPicker.js';
import { WorksAtAddress } from '../../shared/ui/WorksAtAddress.js';
import { searchPublicAddresses, type PointPlace } from '../api.js';
import type { Draft, FieldError, SetDraftField } from '../lib/submission-draft.js';
import { LocationPicker, type Point } from './LocationPicker.js';

interface Props {
  draft: Draft;
  set: SetDraftField;
  err: FieldError;
  /** Where the picked point falls (`usePointPlace`), or null. */
  pointPlace: PointPlace | null;
  /** An address picked from the registry: the point's place no longer applies. */
  onBuildingPicked: () => void;
  choosePoint: (point: Point | null) => void;
}

export function PlaceFieldset({
  draft,
  set,
  err,
  pointPlace,
  onBuildingPicked,
  choosePoint,
}: Props) {
  const { t } = useTranslation();
  return (
    <Fieldset legend={t('portal.submit.where')}>
      <Stack gap="sm">
        <div data-field="address">
          <AddressPicker
            label={t('portal.submit.address')}
            description={t('portal.submit.addressHint')}
            value={{ text: draft.address, buildingId: draft.buildingId }}
            onChange={(picked) => {
              if (picked.buildingId !== null) onBuildingPicked();
              set('address', picked.text);
              set('buildingId', picked.buildingId);
              const b = picked.building;
              if (b?.latitude != null && b.longitude != null)
                set('point', { latitude: b.latitude, longitude: b.longitude });
            }}
            error={err('address')}
            search={searchPublicAddresses}
            scope="public"
          />
        </div>
        <LocationPicker value={draft.point} onChange={choosePoint} />
        <WorksAtAddress buildingId={draft.buildingId} point={draft.point} scope="public" />
        {pointPlace ? (
          <Text
            size="sm"
            c={pointPlace.district ? 'teal.9' : 'red.9'}
            data-testid="point-place"
            aria-live="polite"
          >
            {pointPlace.building
              ? t('portal.submit.pointBuilding', {
                  label: pointPlace.building.label,
                  metres: pointPlace.building.distanceMetres,
                })
              : t('portal.submit.pointNoBuilding')}
            {pointPlace.district
              ? ` ${t('portal.submit.pointDistrict', { name: pointPlace.district.name })}`
              : ` ${t('portal.submit.pointOutside')}`}
          </Text>
        ) : null}
        {err('latitude') ? (
          <Text size="sm" c="red.9">
            {err('latitude')}
          </Text>
        ) : null}
      </Stack>
    </Fieldset>
  );
}
