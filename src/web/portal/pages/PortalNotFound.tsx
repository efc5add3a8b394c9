import { Anchor, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';

export function PortalNotFound() {
  const { t } = useTranslation();
  return (
    <Stack>
      <Title order={1}>{t('notFound.title')}</Title>
      <Text>{t('portal.notFound')}</Text>
      <Anchor component={Link} to="/">
        {t('portal.brand')}
      </Anchor>
    </Stack>
  );
}
