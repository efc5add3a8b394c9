import {
  Button,
  Checkbox,
  Group,
  MultiSelect,
  Paper,
  Select,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorNote } from '../../../shared/ui/ErrorNote.js';
import { TableScroll } from '../../../shared/ui/TableScroll.js';
import {
  adminClassifierQuery,
  districtsQuery,
  organisationsQuery,
  routingQuery,
  useDeleteRoutingRule,
  usePutRoutingRule,
  useSetDefaultExecutor,
} from '../api/admin.js';
import { numberOrNull, organisationOptions } from './options.js';

/**
 * Routing of a question type (ADR 024, 045): its default executor, rules by district and «to the
 * building's maintainer», each with optional co-executors, and where an appeal of the type goes
 * in each district, with whom, and why.
 */
export function RoutingAdmin() {
  const { t, i18n } = useTranslation();
  // The classifier's own English names on an English screen (the Ukrainian one when none is set).
  const named = (x: { name: string; nameEn: string | null }) =>
    i18n.language === 'en' && x.nameEn ? x.nameEn : x.name;
  const classifier = useQuery(adminClassifierQuery);
  const organisations = useQuery(organisationsQuery);
  const districts = useQuery(districtsQuery);
  const [questionTypeId, setQuestionTypeId] = useState<string | null>(null);
  const routing = useQuery(routingQuery(numberOrNull(questionTypeId)));
  const setDefault = useSetDefaultExecutor();
  const putRule = usePutRoutingRule();
  const deleteRule = useDeleteRoutingRule();
  const [defaultExecutor, setDefaultExecutor] = useState<string | null>(null);
  // null: the co-executors as saved.
  const [defaultCo, setDefaultCo] = useState<string[] | null>(null);
  const [ruleCo, setRuleCo] = useState<string[]>([]);
  const [ruleDistrict, setRuleDistrict] = useState<string | null>(null);
  const [ruleExecutor, setRuleExecutor] = useState<string | null>(null);
  const [toMaintainer, setToMaintainer] = useState(false);
  const typeOptions = (classifier.data ?? []).flatMap((k) =>
    k.questionTypes
      .filter((q) => q.active)
      .map((q) => ({ value: String(q.id), label: `${named(k)} — ${named(q)}` })),
  );
  const orgName = (id: number | null) =>
    id === null ? '—' : (organisations.data?.find((o) => o.id === id)?.name ?? String(id));
  const districtName = (id: number | null) =>
    id === null
      ? t('admin.routing.anyDistrict')
      : (districts.data?.find((d) => d.id === id)?.name ?? String(id));
  const qt = numberOrNull(questionTypeId);
  const names = (list: readonly { name: string }[]) =>
    list.length === 0 ? '—' : list.map((o) => o.name).join('; ');
  const shownDefault =
    defaultExecutor ??
    (routing.data?.defaultExecutorId ? String(routing.data.defaultExecutorId) : null);
  const shownDefaultCo =
    defaultCo ?? (routing.data?.defaultCoExecutors ?? []).map((o) => String(o.id));

  const saveDefault = (event: FormEvent) => {
    event.preventDefault();
    if (qt === null) return;
    const executorId = numberOrNull(shownDefault);
    setDefault.mutate(
      {
        questionTypeId: qt,
        executorId,
        coExecutorIds:
          executorId === null ? [] : shownDefaultCo.map(Number).filter((id) => id !== executorId),
      },
      {
        onSuccess: () => {
          setDefaultExecutor(null);
          setDefaultCo(null);
        },
      },
    );
  };
  const addRule = (event: FormEvent) => {
    event.preventDefault();
    if (qt === null) return;
    putRule.mutate(
      {
        questionTypeId: qt,
        districtId: numberOrNull(ruleDistrict),
        executorId: toMaintainer ? null : numberOrNull(ruleExecutor),
        toMaintainer,
        coExecutorIds: ruleCo.map(Number),
      },
      { onSuccess: () => setRuleCo([]) },
    );
  };

  return (
    <Stack gap="md">
      <Select
        label={t('admin.routing.questionType')}
        data={typeOptions}
        searchable
        value={questionTypeId}
        onChange={(v) => {
          setQuestionTypeId(v);
          setDefaultExecutor(null);
          setDefaultCo(null);
          setRuleCo([]);
        }}
        maw={640}
      />
      {routing.isError ? <ErrorNote error={routing.error} /> : null}
      {routing.data && qt !== null ? (
        <>
          <Paper withBorder p="md" component="form" onSubmit={saveDefault}>
            <Group align="flex-end" wrap="wrap">
              <Select
                label={t('admin.routing.defaultExecutor')}
                data={organisationOptions(organisations.data)}
                searchable
                clearable
                value={shownDefault}
                onChange={(v) => setDefaultExecutor(v ?? '')}
                w={420}
              />
              <MultiSelect
                label={t('admin.routing.coExecutors')}
                description={t('admin.routing.coExecutorsHelp')}
                data={organisationOptions(organisations.data, {
                  exclude: numberOrNull(shownDefault) ?? undefined,
                })}
                searchable
                clearable
                disabled={numberOrNull(shownDefault) === null}
                value={shownDefaultCo}
                onChange={setDefaultCo}
                w={420}
              />
              <Button type="submit" loading={setDefault.isPending}>
                {t('admin.save')}
              </Button>
            </Group>
            <ErrorNote error={setDefault.error} />
          </Paper>
          <Paper withBorder p="md" component="form" onSubmit={addRule}>
            <Title order={2} size="h4" mb="xs">
              {t('admin.routing.rules')}
            </Title>
            <TableScroll label={t('admin.routing.rules')} minWidth={520}>
              <Table aria-label={t('admin.routing.rules')}>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t('admin.routing.district')}</Table.Th>
                    <Table.Th>{t('admin.routing.target')}</Table.Th>
                    <Table.Th>{t('admin.routing.coExecutors')}</Table.Th>
                    <Table.Th>{t('admin.actions')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {routing.data.rules.map((r) => (
                    <Table.Tr key={r.id}>
                      <Table.Td>{districtName(r.districtId)}</Table.Td>
                      <Table.Td>
                        {r.toMaintainer ? t('admin.routing.maintainer') : orgName(r.executorId)}
                      </Table.Td>
                      <Table.Td>{names(r.coExecutors)}</Table.Td>
                      <Table.Td>
                        <Button
                          size="compact-sm"
                          variant="default"
                          onClick={() => deleteRule.mutate({ questionTypeId: qt, id: r.id })}
                        >
                          {t('admin.routing.remove')}
                        </Button>
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </TableScroll>
            {routing.data.rules.length === 0 ? (
              <Text c="dimmed">{t('admin.routing.noRules')}</Text>
            ) : null}
            <Group align="flex-end" wrap="wrap" mt="sm">
              <Select
                label={t('admin.routing.district')}
                data={(districts.data ?? []).map((d) => ({ value: String(d.id), label: d.name }))}
                clearable
                placeholder={t('admin.routing.anyDistrict')}
                value={ruleDistrict}
                onChange={setRuleDistrict}
              />
              <Checkbox
                label={t('admin.routing.maintainer')}
                checked={toMaintainer}
                onChange={(e) => setToMaintainer(e.currentTarget.checked)}
              />
              {toMaintainer ? null : (
                <Select
                  label={t('admin.routing.target')}
                  data={organisationOptions(organisations.data)}
                  searchable
                  value={ruleExecutor}
                  onChange={setRuleExecutor}
                  w={360}
                />
              )}
              <MultiSelect
                label={t('admin.routing.coExecutors')}
                data={organisationOptions(organisations.data, {
                  exclude: toMaintainer ? undefined : (numberOrNull(ruleExecutor) ?? undefined),
                })}
                searchable
                clearable
                value={ruleCo}
                onChange={setRuleCo}
                w={360}
              />
              <Button type="submit" loading={putRule.isPending}>
                {t('admin.routing.add')}
              </Button>
            </Group>
            <ErrorNote error={putRule.error ?? deleteRule.error} />
          </Paper>
          <Paper withBorder p="md">
            <Title order={2} size="h4" mb="xs">
              {t('admin.routing.whereTitle')}
            </Title>
            {routing.data.maintainerDistricts.length > 0 ? (
              <Text mb="xs">
                {t('admin.routing.maintainerFirst', {
                  districts: routing.data.maintainerDistricts.map(districtName).join(', '),
                })}
              </Text>
            ) : null}
            <TableScroll label={t('admin.routing.whereTitle')} minWidth={520}>
              <Table striped aria-label={t('admin.routing.whereTitle')}>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t('admin.routing.district')}</Table.Th>
                    <Table.Th>{t('admin.routing.goesTo')}</Table.Th>
                    <Table.Th>{t('admin.routing.coExecutors')}</Table.Th>
                    <Table.Th>{t('admin.routing.why')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {routing.data.decisions.map((d) => (
                    <Table.Tr key={d.districtId ?? 'none'}>
                      <Table.Td>{d.districtName ?? t('admin.routing.noDistrict')}</Table.Td>
                      <Table.Td>{d.executorName ?? t('admin.routing.unrouted')}</Table.Td>
                      <Table.Td>{names(d.coExecutors)}</Table.Td>
                      <Table.Td>{t(`admin.routing.reason.${d.rule}`)}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </TableScroll>
          </Paper>
        </>
      ) : (
        <Text c="dimmed">{t('admin.routing.pick')}</Text>
      )}
    </Stack>
  );
}
