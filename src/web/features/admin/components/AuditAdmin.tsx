import { Anchor, Button, Code, Group, Select, Stack, Table, Text, TextInput } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { API_BASE, withQuery } from '../../../shared/api/client.js';
import { formatDateTime } from '../../../shared/lib/format.js';
import { ErrorNote } from '../../../shared/ui/ErrorNote.js';
import { TableScroll } from '../../../shared/ui/TableScroll.js';
import { auditQuery, organisationsQuery, type AuditQuery } from '../api/admin.js';

/** Fields that hold organisations' ids: shown by name when the reader may list organisations. */
const ORGANISATION_FIELDS = new Set([
  'executorId',
  'coExecutorIds',
  'organisationId',
  'parentId',
  'executorIds',
]);

/** The actions the administration screens record (their names are in `admin.audit.actions`). */
const AUDIT_ACTIONS = [
  'createUser',
  'updateUser',
  'deactivateUser',
  'reactivateUser',
  'resetPassword',
  'changeOwnPassword',
  'createOrganisation',
  'updateOrganisation',
  'moveOrganisation',
  'deactivateOrganisation',
  'reactivateOrganisation',
  'createKind',
  'updateKind',
  'deactivateKind',
  'reactivateKind',
  'createQuestionType',
  'updateQuestionType',
  'moveQuestionType',
  'deactivateQuestionType',
  'reactivateQuestionType',
  'setDefaultExecutor',
  'putRoutingRule',
  'deleteRoutingRule',
  'changeSetting',
  'saveNotificationTemplate',
  'resetNotificationTemplate',
  'updateApplicant',
  'mergeApplicants',
  'undoApplicantMerge',
  'setControllerDuties',
  'setOperatorDuties',
  'readApplicant',
  'issueOpen311ApiKey',
  'revokeOpen311ApiKey',
] as const;

/** The audit log: who changed what and when, before → after; filters and a CSV export. */
export function AuditAdmin() {
  const { t, i18n } = useTranslation();
  // Entries are shown in the reader's language; an action or field without a name shows its code.
  const actionName = (code: string) => t(`admin.audit.actions.${code}`, { defaultValue: code });
  const fieldName = (code: string) => t(`admin.audit.fields.${code}`, { defaultValue: code });
  // The head of the centre reads the log without the organisations' screen: ids stay ids then.
  const organisations = useQuery({ ...organisationsQuery, retry: false });
  const orgNames = new Map((organisations.data ?? []).map((o) => [o.id, o.name]));
  const showField = (field: string, value: unknown): string => {
    if (!ORGANISATION_FIELDS.has(field)) return show(value);
    const named = (v: unknown) => (typeof v === 'number' ? (orgNames.get(v) ?? v) : v);
    return show(Array.isArray(value) ? value.map(named) : named(value));
  };
  const show = (value: unknown): string => {
    if (value === null || value === undefined || value === '') return '—';
    if (value === true) return t('admin.audit.yes');
    if (value === false) return t('admin.audit.no');
    if (typeof value === 'string' || typeof value === 'number') return String(value);
    if (Array.isArray(value)) return value.length === 0 ? '—' : value.map(show).join(', ');
    return JSON.stringify(value);
  };
  const [draft, setDraft] = useState<AuditQuery>({});
  const [filter, setFilter] = useState<AuditQuery>({});
  const audit = useQuery(auditQuery(filter));
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setFilter(Object.fromEntries(Object.entries(draft).filter(([, v]) => v)));
  };
  const field = (key: keyof AuditQuery, type = 'text') => (
    <TextInput
      label={t(`admin.audit.${key}`)}
      type={type}
      value={draft[key] ?? ''}
      onChange={(e) => setDraft({ ...draft, [key]: e.currentTarget.value })}
    />
  );
  return (
    <Stack gap="md">
      <Group component="form" onSubmit={submit} align="flex-end" gap="sm" wrap="wrap">
        {field('actor')}
        <Select
          label={t('admin.audit.action')}
          placeholder={t('admin.audit.anyAction')}
          data={AUDIT_ACTIONS.map((a) => ({ value: a, label: actionName(a) }))}
          searchable
          clearable
          value={draft.action ?? null}
          onChange={(v) => setDraft({ ...draft, action: v ?? '' })}
          w={300}
        />
        {field('target')}
        {field('from', 'date')}
        {field('to', 'date')}
        <Button type="submit">{t('admin.audit.apply')}</Button>
        {/* Issue 14 (item 10): who read whose personal data. */}
        <Button
          type="button"
          variant="default"
          onClick={() => {
            const next = { ...draft, action: 'readApplicant' };
            setDraft(next);
            setFilter(Object.fromEntries(Object.entries(next).filter(([, v]) => v)));
          }}
        >
          {t('admin.audit.personalDataReads')}
        </Button>
        <Anchor href={withQuery(`${API_BASE}/admin/audit.csv`, { ...filter })} download>
          {t('admin.audit.export')}
        </Anchor>
      </Group>
      {audit.isError ? <ErrorNote error={audit.error} /> : null}
      <TableScroll label={t('admin.section.audit')} minWidth={760}>
        <Table striped aria-label={t('admin.section.audit')}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('admin.audit.at')}</Table.Th>
              <Table.Th>{t('admin.audit.actor')}</Table.Th>
              <Table.Th>{t('admin.audit.action')}</Table.Th>
              <Table.Th>{t('admin.audit.target')}</Table.Th>
              <Table.Th>{t('admin.audit.change')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {(audit.data?.entries ?? []).map((e) => {
              const fields = Array.isArray(e.data.fields) ? (e.data.fields as string[]) : [];
              const before = (e.data.before ?? null) as Record<string, unknown> | null;
              const after = (e.data.after ?? null) as Record<string, unknown> | null;
              return (
                <Table.Tr key={e.id}>
                  <Table.Td>{formatDateTime(e.at, i18n.language)}</Table.Td>
                  <Table.Td>{e.actorLabel}</Table.Td>
                  <Table.Td>
                    <Text size="sm">{actionName(e.action)}</Text>
                    {actionName(e.action) === e.action ? null : (
                      <Code fz="xs" c="dimmed">
                        {e.action}
                      </Code>
                    )}
                  </Table.Td>
                  <Table.Td>{e.target ?? '—'}</Table.Td>
                  <Table.Td>
                    {fields.map((f) => (
                      <Text key={f} size="sm">
                        {fieldName(f)}: {showField(f, before?.[f])} → {showField(f, after?.[f])}
                      </Text>
                    ))}
                  </Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      </TableScroll>
      {audit.data?.entries.length === 0 ? <Text c="dimmed">{t('admin.nothing')}</Text> : null}
    </Stack>
  );
}
