import { Group, Image, Skeleton, Stack, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { appealQuery } from '../../../shared/api/queries.js';
import { resultLabel } from '../../../shared/lib/results.js';

/**
 * What the controller checks, on the review queue's card (issue 12): the executor's latest answer,
 * the result it proposes and its photos, so the queue can be worked through before opening a card.
 */
export function ReviewPreview({ appealId }: { appealId: number }) {
  const { t, i18n } = useTranslation();
  const card = useQuery(appealQuery(appealId));
  if (!card.data) return card.isPending ? <Skeleton h={48} /> : null;
  const response = card.data.responses.at(-1);
  if (!response) return null;
  const photos = card.data.attachments
    .filter((a) => a.responseId === response.id && a.mediaType.startsWith('image/'))
    .slice(0, 4);
  return (
    <Stack gap={4} data-testid="review-preview">
      <Text size="sm" fw={600}>
        {t('review.answer', { executor: response.executor })}
      </Text>
      <Text size="sm" lineClamp={4} className="wrap-anywhere" style={{ whiteSpace: 'pre-wrap' }}>
        {response.text}
      </Text>
      {response.proposedResult ? (
        <Text size="sm">
          {t('review.proposed')}: {resultLabel(response.proposedResult, i18n.language)}
        </Text>
      ) : null}
      {photos.length > 0 ? (
        <Group gap="xs">
          {photos.map((p) => (
            <Image
              key={p.id}
              src={p.url}
              alt={t('card.imageAlt', { name: p.fileName })}
              w={72}
              h={72}
              radius="sm"
              fit="cover"
            />
          ))}
        </Group>
      ) : null}
    </Stack>
  );
}
