import { Alert, Anchor, Button, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { formatDateTime } from '../../shared/lib/format.js';
import type { SubmissionReceiptView } from '../api.js';

export interface PhotoOutcome {
  name: string;
  ok: boolean;
  /** The stored photo (the same photo sent twice is stored once). */
  id?: number;
  message?: string;
}

/** The receipt: tracking number and access code (shown once), photos' fate, where to follow it. */
export function Receipt({
  receipt,
  photos,
  editedAfterLoss = false,
  onNew,
}: {
  receipt: SubmissionReceiptView;
  photos: PhotoOutcome[];
  /** The form was changed after a send whose answer was lost: that first send is what arrived. */
  editedAfterLoss?: boolean;
  onNew: () => void;
}) {
  const { t, i18n } = useTranslation();
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  const failed = photos.filter((p) => !p.ok);
  const trackLink = `/track?number=${encodeURIComponent(receipt.trackingNumber)}`;

  return (
    <Stack gap="md" maw={640}>
      <Title order={1} ref={heading} tabIndex={-1}>
        {t('portal.receipt.title')}
      </Title>
      <Text>
        {t('portal.receipt.text', { at: formatDateTime(receipt.submittedAt, i18n.language) })}
      </Text>
      {editedAfterLoss ? (
        <Alert color="orange" variant="light">
          {t('portal.receipt.editedAfterLoss')}
        </Alert>
      ) : null}
      <Paper withBorder p="lg" radius="md" className="receipt">
        <Stack gap="sm">
          <div>
            <Text size="sm" c="dimmed">
              {t('portal.receipt.number')}
            </Text>
            <Text className="receipt-code" data-testid="tracking-number">
              {receipt.trackingNumber}
            </Text>
          </div>
          <div>
            <Text size="sm" c="dimmed">
              {t('portal.receipt.code')}
            </Text>
            <Text className="receipt-code" data-testid="access-code">
              {receipt.accessCode}
            </Text>
          </div>
          <Text size="sm">{t('portal.receipt.keep')}</Text>
          <Text size="sm">
            {receipt.receiptEmailed ? t('portal.receipt.emailed') : t('portal.receipt.notEmailed')}
          </Text>
        </Stack>
      </Paper>
      {photos.length > 0 ? (
        <Text size="sm">
          {t('portal.receipt.photos', { count: photos.length - failed.length })}
        </Text>
      ) : null}
      {failed.length > 0 ? (
        <Alert color="orange" variant="light" title={t('portal.receipt.photosFailed')}>
          {failed.map((p) => (
            <Text size="sm" key={p.name}>
              {p.name}: {p.message}
            </Text>
          ))}
        </Alert>
      ) : null}
      <Text size="sm" c="dimmed">
        {t('portal.receipt.next')}
      </Text>
      <Group>
        <Button component={Link} to={trackLink} state={{ accessCode: receipt.accessCode }}>
          {t('portal.receipt.track')}
        </Button>
        <Button variant="default" onClick={() => window.print()}>
          {t('portal.receipt.print')}
        </Button>
        <Anchor component="button" type="button" onClick={onNew}>
          {t('portal.receipt.another')}
        </Anchor>
      </Group>
    </Stack>
  );
}
