/**
 * What the extension and explanation pages share: a page of requests filtered by state, and the
 * head of each request's card (the appeal's number as a link and the state's badges).
 */
import { Anchor, Group, SegmentedControl, Skeleton, Stack, Text } from '@mantine/core';
import type { QueryKey, UseQueryOptions } from '@tanstack/react-query';
import { useQuery } from '@tanstack/react-query';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { PageHeader } from '../../../shared/layout/PageHeader.js';
import { ErrorNote } from '../../../shared/ui/ErrorNote.js';

interface RequestListPageProps<S extends string, T extends { id: number }, K extends QueryKey> {
  /** The catalogue section: `<section>.title`, `.filter` and `.states.<state>`. */
  section: 'extension' | 'explanation';
  description: string;
  states: readonly S[];
  query: (state: S) => UseQueryOptions<T[], Error, T[], K>;
  renderItem: (item: T) => ReactNode;
}

export function RequestListPage<S extends string, T extends { id: number }, K extends QueryKey>({
  section,
  description,
  states,
  query,
  renderItem,
}: RequestListPageProps<S, T, K>) {
  const { t } = useTranslation();
  const [state, setState] = useState<S>(states[0]!);
  const list = useQuery(query(state));
  return (
    <>
      <PageHeader title={t(`${section}.title`)} description={description} />
      <Stack gap="md">
        <SegmentedControl
          value={state}
          onChange={setState}
          data={states.map((s) => ({ value: s, label: t(`${section}.states.${s}`) }))}
          aria-label={t(`${section}.filter`)}
          style={{ alignSelf: 'flex-start' }}
        />
        <ErrorNote error={list.error} />
        {list.isPending ? <Skeleton h={160} /> : null}
        {list.data?.length === 0 ? <Text c="dimmed">{t('common.nothing')}</Text> : null}
        <Stack gap="sm" component="ul" className="plain-list" aria-label={t(`${section}.title`)}>
          {list.data?.map((item) => (
            <li key={item.id}>{renderItem(item)}</li>
          ))}
        </Stack>
      </Stack>
    </>
  );
}

/** The appeal's number, linked to its card, with the request's badges on the right. */
export function RequestHeading({
  appealId,
  appealNumber,
  headingId,
  children,
}: {
  appealId: number;
  appealNumber: string;
  headingId: string;
  children: ReactNode;
}) {
  const { t } = useTranslation();
  return (
    <Group justify="space-between" gap="xs">
      <Anchor component={Link} to={`/appeals/${appealId}`} fw={700} id={headingId}>
        {t('card.title', { number: appealNumber })}
      </Anchor>
      {children}
    </Group>
  );
}
