import { Anchor, Button, Code, Group, Stack, Table, Text, TextInput } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { API_BASE, withQuery } from '../../../shared/api/client.js';
import { formatDateTime } from '../../../shared/lib/format.js';
import { ErrorNote } from '../../../shared/ui/ErrorNote.js';
import { TableScroll } from '../../../shared/ui/TableScroll.js';
import { auditQuery, type AuditQuery } from '../api/admin.js';

const show = (value: unknown) =>
  value === null || value === undefined ? '—' : JSON.stringify(value);

/** The audit log: who changed what and when, before → after; filters and a CSV export. */
export function AuditAdmin() {
  const { t, i18n } = useTranslation();
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
        {field('action')}
        {field('target')}
        {field('from', 'date')}
        {field('to', 'date')}
        <Button type="submit">{t('admin.audit.apply')}</Button>
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
                    <Code>{e.action}</Code>
                  </Table.Td>
                  <Table.Td>{e.target ?? '—'}</Table.Td>
                  <Table.Td>
                    {fields.map((f) => (
                      <Text key={f} size="sm">
                        {f}: {show(before?.[f])} → {show(after?.[f])}
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
