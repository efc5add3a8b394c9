import { Alert, Checkbox, Group, MultiSelect, Stack, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { DUTY_QUEUES, QUEUE_ROLES } from '../../../../domain/duties.js';
import type { Role } from '../../../../domain/vocabulary.js';
import { PageHeader } from '../../../shared/layout/PageHeader.js';
import { ErrorNote } from '../../../shared/ui/ErrorNote.js';
import { TableScroll } from '../../../shared/ui/TableScroll.js';
import { dutiesQuery, useSetControllerDuties, useSetOperatorDuties } from '../api/duties.js';

/**
 * The head of the centre distributes duties (regulation 5.4.3; issue 14, item 9): which executor
 * organisations each controller watches, which queues each operator works, and what nobody covers.
 */
export function DutiesPage() {
  const { t } = useTranslation();
  const duties = useQuery(dutiesQuery);
  const setControllers = useSetControllerDuties();
  const setQueues = useSetOperatorDuties();
  const data = duties.data;
  const executorName = new Map((data?.executors ?? []).map((e) => [e.id, e.name]));
  return (
    <Stack gap="md">
      <PageHeader title={t('duties.title')} description={t('duties.subtitle')} />
      <ErrorNote error={duties.error ?? setControllers.error ?? setQueues.error} />
      {data ? (
        <>
          <Alert
            color={
              data.uncovered.executorIds.length || data.uncovered.queues.length ? 'orange' : 'green'
            }
            title={
              // The light alert's own title colour is below 4.5:1 on orange (axe): dark text.
              <Text fw={700} c="dark.9">
                {t('duties.uncovered')}
              </Text>
            }
          >
            <Text size="sm">
              {t('duties.uncoveredQueues')}:{' '}
              {data.uncovered.queues.length
                ? data.uncovered.queues.map((q) => t(`duties.queue.${q}`)).join(', ')
                : t('duties.none')}
            </Text>
            <Text size="sm">
              {t('duties.uncoveredExecutors', { count: data.uncovered.executorIds.length })}
              {data.uncovered.executorIds.length
                ? `: ${data.uncovered.executorIds
                    .slice(0, 20)
                    .map((id) => executorName.get(id))
                    .join('; ')}${data.uncovered.executorIds.length > 20 ? '…' : ''}`
                : ''}
            </Text>
          </Alert>

          <Title order={2} size="h3">
            {t('duties.controllers')}
          </Title>
          <TableScroll label={t('duties.controllers')} minWidth={560}>
            <Table striped aria-label={t('duties.controllers')}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('duties.person')}</Table.Th>
                  <Table.Th>{t('duties.executors')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {data.controllers.map((c) => (
                  <Table.Tr key={c.id}>
                    <Table.Td>{c.fullName}</Table.Td>
                    <Table.Td>
                      <MultiSelect
                        aria-label={t('duties.executorsOf', { name: c.fullName })}
                        data={data.executors.map((e) => ({ value: String(e.id), label: e.name }))}
                        value={c.executorIds.map(String)}
                        onChange={(ids) =>
                          setControllers.mutate({ userId: c.id, executorIds: ids.map(Number) })
                        }
                        searchable
                        clearable
                        placeholder={t('duties.choose')}
                      />
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </TableScroll>

          <Title order={2} size="h3">
            {t('duties.operators')}
          </Title>
          <TableScroll label={t('duties.operators')} minWidth={560}>
            <Table striped aria-label={t('duties.operators')}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('duties.person')}</Table.Th>
                  <Table.Th>{t('duties.queues')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {data.operators.map((o) => (
                  <Table.Tr key={o.id}>
                    <Table.Td>
                      {o.fullName}{' '}
                      <Text span size="sm" c="dimmed">
                        ({t(`role.${o.role}`)})
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <Group gap="md">
                        {DUTY_QUEUES.filter((q) => QUEUE_ROLES[q].includes(o.role as Role)).map(
                          (q) => (
                            <Checkbox
                              key={q}
                              label={t(`duties.queue.${q}`)}
                              aria-label={`${t(`duties.queue.${q}`)}: ${o.fullName}`}
                              checked={o.queues.includes(q)}
                              onChange={(e) =>
                                setQueues.mutate({
                                  userId: o.id,
                                  queues: e.currentTarget.checked
                                    ? [...o.queues, q]
                                    : o.queues.filter((x) => x !== q),
                                })
                              }
                            />
                          ),
                        )}
                      </Group>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </TableScroll>
        </>
      ) : null}
    </Stack>
  );
}
