import {
  Button,
  Group,
  SegmentedControl,
  Select,
  SimpleGrid,
  Stack,
  Text,
  Title,
  VisuallyHidden,
} from '@mantine/core';
import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { APPEAL_STATUSES, type AppealStatus } from '../../../domain/vocabulary.js';
import { ErrorNote } from '../../shared/ui/ErrorNote.js';
import {
  districtsQuery,
  publicAppealsQuery,
  publicQuestionTypesQuery,
  type PublicFilters,
} from '../api.js';
import { wordsFilter } from '../lib/words-filter.js';
import { AppealsMap } from '../components/AppealsMap.js';
import { PublicAppealCard } from '../components/PublicAppealCard.js';
import { questionTypeGroups } from '../../shared/i18n/locale.js';

const numberParam = (value: string | null) =>
  value && /^\d+$/.test(value) ? Number(value) : undefined;

/**
 * The city's appeals as anyone may see them: depersonalised (no names, contacts, flat numbers or
 * texts; confidential appeals left out), newest first, filtered by question type, status and
 * district — as a list or on the map. Filters live in the URL, so a view can be shared.
 */
export function AppealsPage() {
  const { t, i18n } = useTranslation();
  const [params, setParams] = useSearchParams();
  const view = params.get('view') === 'map' ? 'map' : 'list';
  const statusParam = params.get('status');
  const filters: PublicFilters = {
    questionTypeId: numberParam(params.get('questionTypeId')),
    districtId: numberParam(params.get('districtId')),
    status: APPEAL_STATUSES.includes(statusParam as AppealStatus)
      ? (statusParam as AppealStatus)
      : undefined,
  };
  const kinds = useQuery(publicQuestionTypesQuery);
  const districts = useQuery(districtsQuery);

  const questionTypeOptions = useMemo(
    () => questionTypeGroups(kinds.data, i18n.language),
    [kinds.data, i18n.language],
  );

  const setParam = (key: string, value: string | null) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    setParams(next, { replace: true });
  };

  return (
    <Stack gap="md">
      <div>
        <Title order={1}>{t('portal.appeals.title')}</Title>
        <Text c="dimmed">{t('portal.appeals.subtitle')}</Text>
      </div>
      <SimpleGrid
        cols={{ base: 1, sm: 3 }}
        spacing="sm"
        component="section"
        aria-label={t('portal.appeals.filters')}
      >
        <Select
          label={t('portal.appeals.questionType')}
          placeholder={t('portal.appeals.any')}
          data={questionTypeOptions}
          searchable
          filter={wordsFilter}
          clearable
          value={filters.questionTypeId ? String(filters.questionTypeId) : null}
          onChange={(v) => setParam('questionTypeId', v)}
          nothingFoundMessage={t('portal.submit.noQuestionTypes')}
        />
        <Select
          label={t('appeal.status')}
          placeholder={t('portal.appeals.any')}
          data={APPEAL_STATUSES.map((s) => ({ value: s, label: t(`status.${s}`) }))}
          clearable
          value={filters.status ?? null}
          onChange={(v) => setParam('status', v)}
        />
        <Select
          label={t('portal.appeals.district')}
          placeholder={t('portal.appeals.any')}
          data={(districts.data ?? []).map((d) => ({
            value: String(d.id),
            label: d.shortName ?? d.name,
          }))}
          clearable
          value={filters.districtId ? String(filters.districtId) : null}
          onChange={(v) => setParam('districtId', v)}
        />
      </SimpleGrid>
      <Group>
        <VisuallyHidden id="view-label">{t('portal.appeals.view')}</VisuallyHidden>
        <SegmentedControl
          aria-labelledby="view-label"
          value={view}
          onChange={(v) => setParam('view', v === 'map' ? 'map' : null)}
          data={[
            { value: 'list', label: t('portal.appeals.list') },
            { value: 'map', label: t('portal.appeals.map') },
          ]}
        />
      </Group>
      {view === 'map' ? <AppealsMap filters={filters} /> : <AppealList filters={filters} />}
    </Stack>
  );
}

function AppealList({ filters }: { filters: PublicFilters }) {
  const { t } = useTranslation();
  const pages = useInfiniteQuery(publicAppealsQuery(filters));
  if (pages.isError) return <ErrorNote error={pages.error} />;
  const items = pages.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <Stack gap="sm" aria-busy={pages.isFetching}>
      {pages.isPending ? <Text c="dimmed">{t('common.loading')}</Text> : null}
      {!pages.isPending && items.length === 0 ? <Text>{t('portal.appeals.empty')}</Text> : null}
      <SimpleGrid
        cols={{ base: 1, sm: 2, lg: 3 }}
        spacing="sm"
        component="ul"
        className="plain-list"
      >
        {items.map((a) => (
          <li key={a.number}>
            <PublicAppealCard appeal={a} />
          </li>
        ))}
      </SimpleGrid>
      {pages.hasNextPage ? (
        <Button
          variant="default"
          onClick={() => void pages.fetchNextPage()}
          loading={pages.isFetchingNextPage}
          w="fit-content"
        >
          {t('portal.appeals.more')}
        </Button>
      ) : null}
    </Stack>
  );
}
