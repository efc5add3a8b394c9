import { Badge, Group, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { AppealCard } from '../../../shared/api/types.js';

/**
 * Under the card's address: the building and district from the registry, or the flags of what
 * could not be placed; under the executor: why the rules chose it (issue 15).
 */
export function AddressPlaceNote({
  place,
  part,
}: {
  place: AppealCard['addressPlace'] | undefined;
  part: 'address' | 'routing';
}) {
  const { t } = useTranslation();
  if (!place) return null;
  if (part === 'routing') {
    return place.routing ? (
      <Text size="xs" c="dimmed" data-testid="routing-reason">
        {t(`addressPlace.routing_${place.routing.rule}`)}
      </Text>
    ) : null;
  }
  return (
    <Group gap={4} mt={2}>
      {place.buildingId !== null && (
        <Badge size="xs" variant="light" color="teal">
          {t('addressPlace.building')}
        </Badge>
      )}
      {place.districtName && (
        <Text size="xs" c="dimmed">
          {t('addressPlace.district', { name: place.districtName })}
        </Text>
      )}
      {place.flags.map((flag) => (
        <Badge key={flag} size="xs" variant="light" color="orange">
          {t(`addressPlace.flag_${flag}`)}
        </Badge>
      ))}
    </Group>
  );
}
