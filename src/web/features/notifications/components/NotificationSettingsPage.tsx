import { Alert, Anchor, Button, Paper, Radio, Skeleton, Stack, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import {
  EMAIL_NOTIFICATION_CHOICES,
  type EmailNotificationChoice,
} from '../../../../domain/notifications.js';
import { PageHeader } from '../../../shared/layout/PageHeader.js';
import { ErrorNote } from '../../../shared/ui/ErrorNote.js';
import { notificationSettingsQuery, useSaveNotificationSettings } from '../api/notifications.js';

/**
 * The signed-in person's own page (`/me/notifications`): which notifications also come by e-mail.
 * Every one is shown in the app under the bell whatever is chosen here (ADR 027).
 */
export function NotificationSettingsPage() {
  const { t } = useTranslation();
  const settings = useQuery(notificationSettingsQuery());
  const save = useSaveNotificationSettings();
  const [choice, setChoice] = useState<EmailNotificationChoice | null>(null);
  useEffect(() => {
    if (settings.data && choice === null) setChoice(settings.data.notifyByEmail);
  }, [settings.data, choice]);

  return (
    <>
      <PageHeader
        title={t('notificationSettings.title')}
        description={t('notificationSettings.subtitle')}
        actions={
          <Anchor component={Link} to="/notifications" size="sm">
            {t('notificationSettings.backToList')}
          </Anchor>
        }
      />
      <ErrorNote error={settings.error} />
      {settings.isPending ? <Skeleton h={200} /> : null}
      {settings.data && choice ? (
        <Paper
          withBorder
          p="md"
          radius="md"
          maw={640}
          component="form"
          onSubmit={(event: React.FormEvent) => {
            event.preventDefault();
            save.mutate({ notifyByEmail: choice });
          }}
        >
          <Stack gap="md">
            <Text size="sm" data-testid="notification-email">
              {settings.data.email
                ? t('notificationSettings.emailIs', { email: settings.data.email })
                : t('notificationSettings.noEmail')}
            </Text>
            <Radio.Group
              value={choice}
              onChange={(value) => {
                setChoice(value);
                save.reset();
              }}
              label={t('notificationSettings.label')}
              description={t('notificationSettings.inAppAlways')}
            >
              <Stack gap="sm" mt="xs">
                {EMAIL_NOTIFICATION_CHOICES.map((value) => (
                  <Radio
                    key={value}
                    value={value}
                    label={t(`notificationSettings.choice.${value}`)}
                    description={t(`notificationSettings.choiceHint.${value}`)}
                  />
                ))}
              </Stack>
            </Radio.Group>
            <Button type="submit" loading={save.isPending} style={{ alignSelf: 'flex-start' }}>
              {t('notificationSettings.save')}
            </Button>
            <div aria-live="polite">
              {save.isSuccess ? (
                <Alert color="green" variant="light">
                  {t('notificationSettings.saved')}
                </Alert>
              ) : null}
            </div>
            <ErrorNote error={save.error} />
          </Stack>
        </Paper>
      ) : null}
    </>
  );
}
