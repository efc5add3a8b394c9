import { Button, Card, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { formatNumber } from '../../shared/lib/format.js';
import { statisticsQuery } from '../api.js';

/** What the portal offers, in the order citizens need it: report, follow, look around. */
export function HomePage() {
  const { t, i18n } = useTranslation();
  const stats = useQuery(statisticsQuery(undefined, undefined));
  const closed = stats.data?.byStatus.find((s) => s.status === 'closed')?.count ?? 0;
  return (
    <Stack gap="lg">
      <div>
        <Title order={1}>{t('portal.home.title')}</Title>
        <Text size="lg" c="dimmed" maw={720}>
          {t('portal.home.subtitle')}
        </Text>
      </div>
      <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="md">
        <Card withBorder radius="md" padding="lg">
          <Title order={2} size="h3">
            {t('portal.home.submitTitle')}
          </Title>
          <Text size="sm" mt="xs" mb="md">
            {t('portal.home.submitText')}
          </Text>
          <Button component={Link} to="/submit" mt="auto">
            {t('portal.nav.submit')}
          </Button>
        </Card>
        <Card withBorder radius="md" padding="lg">
          <Title order={2} size="h3">
            {t('portal.home.trackTitle')}
          </Title>
          <Text size="sm" mt="xs" mb="md">
            {t('portal.home.trackText')}
          </Text>
          <Button component={Link} to="/track" variant="light" mt="auto">
            {t('portal.nav.track')}
          </Button>
        </Card>
        <Card withBorder radius="md" padding="lg">
          <Title order={2} size="h3">
            {t('portal.home.cityTitle')}
          </Title>
          <Text size="sm" mt="xs" mb="md">
            {stats.data
              ? t('portal.home.cityText', {
                  total: formatNumber(stats.data.total, i18n.language),
                  closed: formatNumber(closed, i18n.language),
                })
              : t('portal.home.cityTextPlain')}
          </Text>
          <Button component={Link} to="/appeals" variant="light" mt="auto">
            {t('portal.nav.appeals')}
          </Button>
        </Card>
      </SimpleGrid>
      <Text size="sm" c="dimmed" maw={720}>
        {t('portal.home.law')}
      </Text>
    </Stack>
  );
}
