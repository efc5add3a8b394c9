import { Button, Group, Modal, Paper, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { formatDateTime } from '../../../shared/lib/format.js';
import type { Registered } from '../api/new-call.js';

/** The registration number, big, to read to the caller; then the next call. */
export function RegisteredDialog({
  registered,
  consultation,
  onNewCall,
  onSameCaller,
}: {
  registered: Registered | null;
  consultation: boolean;
  onNewCall: () => void;
  onSameCaller: () => void;
}) {
  const { t, i18n } = useTranslation();
  return (
    <Modal
      opened={registered !== null}
      onClose={onNewCall}
      title={consultation ? t('newCall.consultationRegistered') : t('newCall.registered')}
      centered
      size="lg"
      returnFocus={false}
      closeButtonProps={{ 'aria-label': t('common.close') }}
    >
      {registered ? (
        <Stack gap="md" align="center" py="md">
          <Text c="dimmed">{t('newCall.readNumber')}</Text>
          <Text className="registration-number" data-testid="registration-number">
            {registered.number}
          </Text>
          {consultation ? (
            <Text>{t('newCall.consultationClosed')}</Text>
          ) : registered.controlDate ? (
            <Text>
              {t('newCall.answerBy', {
                date: formatDateTime(registered.controlDate, i18n.language),
              })}
            </Text>
          ) : null}
          {registered.tracking ? (
            <Paper
              withBorder
              p="sm"
              radius="md"
              w="100%"
              component="section"
              aria-labelledby="tracking-code-heading"
            >
              <Stack gap={4} align="center">
                <Text fw={600} id="tracking-code-heading">
                  {t('newCall.trackingTitle')}
                </Text>
                <Text size="sm" c="dimmed" ta="center">
                  {t('newCall.trackingHint')}
                </Text>
                <Text size="sm">{t('newCall.accessCode')}</Text>
                <Text className="tracking-code" data-testid="tracking-code">
                  {registered.tracking.accessCode}
                </Text>
                <Text size="sm" c="dimmed" ta="center">
                  {registered.tracking.emailed
                    ? t('newCall.trackingEmailed')
                    : t('newCall.trackingNotEmailed')}
                </Text>
              </Stack>
            </Paper>
          ) : null}
          <Group justify="center" mt="md">
            <Button onClick={onNewCall} data-autofocus>
              {t('newCall.nextCall')}
            </Button>
            <Button variant="default" onClick={onSameCaller}>
              {t('newCall.sameCaller')}
            </Button>
            <Button
              variant="subtle"
              component={Link}
              to={`/appeals/${registered.id}`}
              target="_blank"
            >
              {t('newCall.openCard')}
            </Button>
          </Group>
        </Stack>
      ) : null}
    </Modal>
  );
}
