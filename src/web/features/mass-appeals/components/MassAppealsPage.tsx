/**
 * Mass appeals (issue 16, item 4): the controller's screen. Proposed groups — one question type at
 * one building or street within a window — with their appeals; confirm (the members then follow
 * the lead appeal's one assignment: status, answer, result) or dismiss (they go on one by one).
 * Confirmed and dismissed groups are listed under their own tab. Permission `appeal.review`.
 */
import {
  Alert,
  Anchor,
  Badge,
  Button,
  Group,
  Paper,
  SegmentedControl,
  Stack,
  Text,
  Title,
} from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { MassAppealView } from '../../../../contract/mass-appeals.schemas.js';
import { api } from '../../../shared/api/client.js';
import { PageHeader } from '../../../shared/layout/PageHeader.js';
import { formatDateTime } from '../../../shared/lib/format.js';
import { errorText } from '../../../shared/lib/server-errors.js';

type Status = MassAppealView['status'];

function GroupCard({ group }: { group: MassAppealView }) {
  const { t, i18n } = useTranslation();
  const client = useQueryClient();
  const decide = useMutation({
    mutationFn: (what: 'confirm' | 'dismiss') =>
      api.post<MassAppealView>(`/mass-appeals/${group.id}/${what}`),
    onSuccess: () => void client.invalidateQueries({ queryKey: ['mass-appeals'] }),
  });
  const en = i18n.language.startsWith('en');
  const headingId = `mass-${group.id}`;
  return (
    <Paper withBorder p="md" component="section" aria-labelledby={headingId}>
      <Stack gap="xs">
        <Group justify="space-between" align="flex-start" wrap="wrap">
          <Stack gap={2}>
            <Title order={2} size="h4" id={headingId}>
              {(en && group.questionTypeNameEn) || group.questionTypeName}
            </Title>
            <Text size="sm">
              {group.place ?? '—'} ·{' '}
              {t('massAppeals.window', {
                from: formatDateTime(group.firstReceivedAt, i18n.language),
                to: formatDateTime(group.lastReceivedAt, i18n.language),
              })}
            </Text>
          </Stack>
          <Badge
            color={group.status === 'confirmed' ? '#1b5e20' : 'dark'}
            variant="filled"
            size="lg"
          >
            {t('massAppeals.count', { count: group.memberCount })}
          </Badge>
        </Group>
        {group.leadNumber ? (
          <Text size="sm">
            {t('massAppeals.lead')}{' '}
            <Anchor component={Link} to={`/appeals/${group.leadAppealId}`} fw={600} c="blue.9">
              {group.leadNumber}
            </Anchor>
          </Text>
        ) : null}
        <Group gap="xs" component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
          {group.members.map((m) => (
            <li key={m.id}>
              <Anchor component={Link} to={`/appeals/${m.id}`} size="sm" c="blue.9">
                {m.number}
              </Anchor>{' '}
              <Text span size="xs">
                ({t(`status.${m.status}`)})
              </Text>
            </li>
          ))}
        </Group>
        {decide.isError ? (
          <Alert color="red" role="alert">
            {errorText(t, decide.error)}
          </Alert>
        ) : null}
        {group.status === 'proposed' ? (
          <Group gap="sm">
            <Button loading={decide.isPending} onClick={() => decide.mutate('confirm')}>
              {t('massAppeals.confirm')}
            </Button>
            <Button
              variant="default"
              disabled={decide.isPending}
              onClick={() => decide.mutate('dismiss')}
            >
              {t('massAppeals.dismiss')}
            </Button>
          </Group>
        ) : null}
      </Stack>
    </Paper>
  );
}

/** The controller's list of mass appeals (proposed first). */
export function MassAppealsPage() {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [status, setStatus] = useState<Status>('proposed');
  const list = useQuery({
    queryKey: ['mass-appeals', status],
    queryFn: ({ signal }) => api.get<MassAppealView[]>('/mass-appeals', { status }, signal),
  });
  const propose = useMutation({
    mutationFn: () => api.post<{ proposed: number; joined: number }>('/mass-appeals/propose'),
    onSuccess: () => void client.invalidateQueries({ queryKey: ['mass-appeals'] }),
  });
  return (
    <Stack gap="md">
      <PageHeader
        title={t('massAppeals.title')}
        description={t('massAppeals.description')}
        actions={
          <Button variant="default" loading={propose.isPending} onClick={() => propose.mutate()}>
            {t('massAppeals.look')}
          </Button>
        }
      />
      <SegmentedControl
        aria-label={t('massAppeals.statusFilter')}
        value={status}
        onChange={(v) => setStatus(v)}
        data={(['proposed', 'confirmed', 'dismissed'] as const).map((s) => ({
          value: s,
          label: t(`massAppeals.status.${s}`),
        }))}
        style={{ alignSelf: 'flex-start' }}
      />
      {propose.data ? (
        <Text size="sm" role="status">
          {t('massAppeals.looked', {
            proposed: propose.data.proposed,
            joined: propose.data.joined,
          })}
        </Text>
      ) : null}
      {list.data && list.data.length === 0 ? <Text>{t('massAppeals.none')}</Text> : null}
      {(list.data ?? []).map((g) => (
        <GroupCard key={g.id} group={g} />
      ))}
    </Stack>
  );
}
