import { Anchor, Badge, Group, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { AppealCard } from '../../../shared/api/types.js';

/**
 * Under the card's address: the building and district from the registry (and a link to the
 * registry of appeals at the building), or the flags of what could not be placed; under the
 * executor: why the rules chose it (issue 15).
 */
export function AddressPlaceNote({
  place,
  part,
  address = null,
}: {
  place: AppealCard['addressPlace'] | undefined;
  part: 'address' | 'routing';
  /** The appeal's address as written, the label of the registry filter's building. */
  address?: string | null;
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
        <Badge size="xs" variant="light" color="teal" c="#05523d">
          {t('addressPlace.building')}
        </Badge>
      )}
      {place.districtName && (
        <Text size="xs" c="dimmed">
          {t('addressPlace.district', { name: place.districtName })}
        </Text>
      )}
      {place.buildingId !== null && (
        <Anchor
          component={Link}
          size="xs"
          to={`/appeals?${new URLSearchParams({
            buildingId: String(place.buildingId),
            ...(address ? { place: address } : {}),
          }).toString()}`}
        >
          {t('addressPlace.appealsHere')}
        </Anchor>
      )}
      {place.flags.map((flag) => (
        <Badge key={flag} size="xs" variant="light" color="orange" c="#7a2e0b">
          {t(`addressPlace.flag_${flag}`)}
        </Badge>
      ))}
    </Group>
  );
}
