import {
  Anchor,
  Button,
  Checkbox,
  Group,
  NativeSelect,
  Paper,
  Popover,
  Skeleton,
  Stack,
  Table,
  Text,
} from '@mantine/core';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useMemo, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { personalDataAccess } from '../../../../domain/policy.js';
import { appealListQuery, meQuery } from '../../../shared/api/queries.js';
import type { AppealSummary } from '../../../shared/api/types.js';
import { PageHeader } from '../../../shared/layout/PageHeader.js';
import { formatDateTime } from '../../../shared/lib/format.js';
import { resultLabel } from '../../../shared/lib/results.js';
import { ErrorNote } from '../../../shared/ui/ErrorNote.js';
import { TableScroll } from '../../../shared/ui/TableScroll.js';
import { PrivilegedBadge, StatusBadge } from '../../../shared/ui/StatusBadge.js';
import { ControlDate } from '../../../shared/ui/TimeLeft.js';
import { useQuestionTypeName } from '../../../shared/lib/use-question-type-name.js';
import { COLUMNS, loadColumns, saveColumns, type ColumnId } from '../api/columns.js';
import {
  PAGE_SIZES,
  readUrlFilters,
  toApiFilters,
  type UrlFilterKey,
} from '../api/registry-filters.js';
import { ExportButtons } from './ExportButtons.js';
import { RegistryCount } from './RegistryCount.js';
import { RegistryFilters } from './RegistryFilters.js';

/** Rows per page from the URL: 1–200 (the API's bounds), 25 when absent or wrong. */
function pageSize(value: string | null): string {
  const n = Number(value);
  return Number.isInteger(n) && n >= 1 && n <= 200 ? String(n) : '25';
}

function useCell(): (column: ColumnId, appeal: AppealSummary) => ReactNode {
  const { t, i18n } = useTranslation();
  const questionTypeName = useQuestionTypeName();
  return (column, a) => {
    switch (column) {
      case 'number':
        return (
          <Group gap={6} wrap="nowrap">
            <Anchor component={Link} to={`/appeals/${a.id}`} fw={600} size="sm" className="nowrap">
              {a.number}
            </Anchor>
            {a.privileged ? <PrivilegedBadge /> : null}
          </Group>
        );
      case 'receivedAt':
        return formatDateTime(a.receivedAt, i18n.language);
      case 'status':
        return <StatusBadge status={a.status} />;
      case 'questionType':
        return questionTypeName(a.questionType);
      case 'address':
        return a.address ?? '—';
      case 'applicant':
        return a.applicant ? (
          <>
            <Text size="sm">{a.applicant.fullName}</Text>
            <Text size="xs" c="dimmed" className="nowrap">
              {a.applicant.phones.join(', ')}
            </Text>
          </>
        ) : (
          '—'
        );
      case 'description':
        return (
          <Text size="sm" lineClamp={2}>
            {a.description}
          </Text>
        );
      case 'executor':
        return a.mainExecutor?.name ?? '—';
      case 'controlDate':
        return <ControlDate controlDate={a.controlDate} closed={a.status === 'closed'} />;
      case 'channel':
        return t(`channel.${a.channel}`);
      case 'kind':
        return t(`kind.${a.kind}`);
      case 'reworkCount':
        return a.reworkCount;
      case 'result':
        return resultLabel(a.result, i18n.language);
    }
  };
}

/** The registry: a server-side page of appeals, the view kept in the URL, CSV of the filter. */
export function RegistryPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const filters = readUrlFilters(params);
  const apiFilters = toApiFilters(filters);
  const limit = pageSize(params.get('limit'));
  const filterKey = JSON.stringify([apiFilters, limit]);
  const [pages, setPages] = useState<{ key: string; cursors: (string | null)[] }>({
    key: filterKey,
    cursors: [null],
  });
  const cursors = pages.key === filterKey ? pages.cursors : [null];
  const cursor = cursors.at(-1) ?? null;
  const list = useQuery({
    ...appealListQuery(apiFilters, Number(limit), cursor),
    placeholderData: keepPreviousData,
  });
  const [columns, setColumns] = useState<ColumnId[]>(loadColumns);
  const cell = useCell();
  // The applicant column only for a role that may see personal data (the API leaves it out otherwise).
  const me = useQuery(meQuery);
  const seesApplicants = me.data ? personalDataAccess(me.data.role) !== 'none' : false;
  const offered = COLUMNS.filter((c) => c !== 'applicant' || seesApplicants);
  const visible = useMemo(
    () => offered.filter((c) => columns.includes(c)),
    [columns, offered.join()],
  );

  const setFilters = (changes: Partial<Record<UrlFilterKey | 'limit', string | null>>) => {
    const next = new URLSearchParams(params);
    for (const [key, value] of Object.entries(changes)) {
      if (value) next.set(key, value);
      else next.delete(key);
    }
    setParams(next);
  };
  const setFilter = (key: UrlFilterKey | 'limit', value: string | null) =>
    setFilters({ [key]: value });

  const chooseColumns = (values: string[]) => {
    const chosen = COLUMNS.filter((c) => c === 'number' || values.includes(c));
    setColumns(chosen);
    saveColumns(chosen);
  };

  return (
    <>
      <PageHeader
        title={t('registry.title')}
        description={t('registry.subtitle')}
        actions={
          <>
            <Popover position="bottom-end" withArrow shadow="md" trapFocus>
              <Popover.Target>
                <Button variant="default">{t('registry.columns')}</Button>
              </Popover.Target>
              <Popover.Dropdown>
                <Checkbox.Group
                  label={t('registry.columnsLabel')}
                  value={columns}
                  onChange={chooseColumns}
                >
                  <Stack gap={6} mt="xs">
                    {offered.map((c) => (
                      <Checkbox
                        key={c}
                        value={c}
                        label={t(`column.${c}`)}
                        disabled={c === 'number'}
                      />
                    ))}
                  </Stack>
                </Checkbox.Group>
              </Popover.Dropdown>
            </Popover>
            <ExportButtons filters={filters} />
          </>
        }
      />
      <Stack gap="md">
        <RegistryFilters
          filters={filters}
          onChange={setFilter}
          onChangeMany={setFilters}
          onReset={() => setParams(new URLSearchParams())}
        />
        <ErrorNote error={list.error} />
        <RegistryCount filters={apiFilters} />
        <Paper withBorder radius="md" component="section" aria-label={t('registry.results')}>
          {!list.data ? (
            <Stack p="md">
              <Skeleton h={28} />
              <Skeleton h={28} />
              <Skeleton h={28} />
            </Stack>
          ) : list.data.items.length === 0 ? (
            <Text p="xl" ta="center" c="dimmed">
              {t('registry.empty')}
            </Text>
          ) : (
            <TableScroll label={t('registry.results')} minWidth={720}>
              <Table
                highlightOnHover
                verticalSpacing="sm"
                horizontalSpacing="md"
                fz="sm"
                aria-busy={list.isFetching}
              >
                <Table.Thead>
                  <Table.Tr>
                    {visible.map((c) => (
                      <Table.Th key={c} scope="col">
                        {t(`column.${c}`)}
                      </Table.Th>
                    ))}
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {list.data.items.map((appeal) => (
                    <Table.Tr key={appeal.id}>
                      {visible.map((c) => (
                        <Table.Td key={c}>{cell(c, appeal)}</Table.Td>
                      ))}
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </TableScroll>
          )}
        </Paper>
        <Group justify="space-between" component="nav" aria-label={t('registry.pages')}>
          <Group gap="xs">
            <Text size="sm" c="dimmed">
              {t('registry.pageNumber', { page: cursors.length })}
            </Text>
            <NativeSelect
              aria-label={t('registry.pageSize')}
              size="xs"
              value={limit}
              onChange={(e) =>
                setFilter('limit', e.currentTarget.value === '25' ? null : e.currentTarget.value)
              }
              data={[...new Set([...PAGE_SIZES, limit])].map((s) => ({
                value: s,
                label: t('registry.perPage', { count: Number(s) }),
              }))}
            />
          </Group>
          <Group gap="xs">
            <Button
              variant="default"
              disabled={cursors.length <= 1}
              onClick={() => setPages({ key: filterKey, cursors: cursors.slice(0, -1) })}
            >
              {t('registry.previous')}
            </Button>
            <Button
              variant="default"
              disabled={!list.data?.nextCursor || list.isPlaceholderData}
              onClick={() =>
                list.data?.nextCursor &&
                setPages({ key: filterKey, cursors: [...cursors, list.data.nextCursor] })
              }
            >
              {t('registry.next')}
            </Button>
          </Group>
        </Group>
      </Stack>
    </>
  );
}
