import { Group, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import {
  appealCountQuery,
  executorsQuery,
  type AppealFilters,
} from '../../../shared/api/queries.js';

/**
 * How many appeals the filter holds (the figure a dashboard card showed opens this list), and the
 * main-executor condition a dashboard row put in the URL, which has no field of its own.
 */
export function RegistryCount({ filters }: { filters: AppealFilters }) {
  const { t } = useTranslation();
  const count = useQuery(appealCountQuery(filters));
  const executors = useQuery({ ...executorsQuery, enabled: filters.mainExecutorId !== undefined });
  const main = filters.mainExecutorId;
  const mainName =
    main === undefined
      ? null
      : main === 'none'
        ? t('registry.noMainExecutor')
        : t('registry.mainExecutor', {
            name: executors.data?.find((e) => String(e.id) === main)?.name ?? main,
          });
  return (
    <Group gap="md" data-testid="registry-count">
      {count.data ? (
        <Text size="sm" fw={600}>
          {t('registry.found', { count: count.data.count })}
        </Text>
      ) : null}
      {mainName ? (
        <Text size="sm" c="dimmed">
          {mainName}
        </Text>
      ) : null}
    </Group>
  );
}
