import { Alert, Button, Code, Group, Stack, Table, Text, TextInput } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../../shared/lib/format.js';
import { ErrorNote } from '../../../shared/ui/ErrorNote.js';
import { TableScroll } from '../../../shared/ui/TableScroll.js';
import { open311KeysQuery, useIssueOpen311Key, useRevokeOpen311Key } from '../api/admin.js';

/** Open311 API keys: issue (the key shown once), list, revoke. */
export function Open311KeysAdmin() {
  const { t, i18n } = useTranslation();
  const keys = useQuery(open311KeysQuery);
  const issue = useIssueOpen311Key();
  const revoke = useRevokeOpen311Key();
  const [name, setName] = useState('');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    issue.mutate(name, { onSuccess: () => setName('') });
  };
  return (
    <Stack gap="md">
      <Group component="form" onSubmit={submit} align="flex-end">
        <TextInput
          label={t('admin.keys.name')}
          description={t('admin.keys.nameHint')}
          required
          value={name}
          onChange={(e) => setName(e.currentTarget.value)}
          w={360}
        />
        <Button type="submit" loading={issue.isPending}>
          {t('admin.keys.issue')}
        </Button>
      </Group>
      <ErrorNote error={issue.error ?? revoke.error ?? keys.error} />
      {issue.data ? (
        <Alert color="blue" role="status">
          {t('admin.keys.issued', { name: issue.data.name })} <Code>{issue.data.apiKey}</Code>
        </Alert>
      ) : null}
      <TableScroll label={t('admin.section.open311')} minWidth={720}>
        <Table striped aria-label={t('admin.section.open311')}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('admin.keys.name')}</Table.Th>
              <Table.Th>{t('admin.keys.prefix')}</Table.Th>
              <Table.Th>{t('admin.keys.created')}</Table.Th>
              <Table.Th>{t('admin.keys.lastUsed')}</Table.Th>
              <Table.Th>{t('admin.actions')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {(keys.data ?? []).map((k) => (
              <Table.Tr key={k.id}>
                <Table.Td>{k.name}</Table.Td>
                <Table.Td>
                  <Code>{k.prefix}…</Code>
                </Table.Td>
                <Table.Td>{formatDateTime(k.createdAt, i18n.language)}</Table.Td>
                <Table.Td>
                  {k.lastUsedAt ? formatDateTime(k.lastUsedAt, i18n.language) : '—'}
                </Table.Td>
                <Table.Td>
                  {k.revokedAt ? (
                    <Text size="sm">
                      {t('admin.keys.revokedAt', {
                        at: formatDateTime(k.revokedAt, i18n.language),
                      })}
                    </Text>
                  ) : (
                    <Button size="compact-sm" variant="default" onClick={() => revoke.mutate(k.id)}>
                      {t('admin.keys.revoke')}
                    </Button>
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </TableScroll>
      {keys.data?.length === 0 ? <Text c="dimmed">{t('admin.nothing')}</Text> : null}
    </Stack>
  );
}
