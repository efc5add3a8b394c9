import {
  Anchor,
  Button,
  Group,
  Paper,
  Radio,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { meQuery } from '../../../shared/api/queries.js';
import { PageHeader } from '../../../shared/layout/PageHeader.js';
import { ErrorNote } from '../../../shared/ui/ErrorNote.js';
import { TableScroll } from '../../../shared/ui/TableScroll.js';
import {
  applicantHistoryQuery,
  applicantSearchQuery,
  duplicatesQuery,
  useMergeApplicants,
  useUndoMerge,
  useUpdateApplicant,
  type ApplicantRecord,
  type DuplicateProposal,
} from '../api/applicants.js';

/**
 * Applicants' records (issue 14, item 8): search by name, phone, e-mail or address; edit with
 * history; likely duplicates merged by a person with the right, and merges undone. Every read of
 * personal data here is logged by the server.
 */
export function ApplicantsPage() {
  const { t } = useTranslation();
  const me = useQuery(meQuery);
  const can = (p: string) =>
    (me.data?.permissions as readonly string[] | undefined)?.includes(p) ?? false;
  const [typed, setTyped] = useState('');
  const [q, setQ] = useState('');
  const [selected, setSelected] = useState<ApplicantRecord | null>(null);
  const found = useQuery(applicantSearchQuery(q));
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setQ(typed.trim());
    setSelected(null);
  };
  return (
    <Stack gap="md">
      <PageHeader title={t('applicants.title')} description={t('applicants.subtitle')} />
      <Group component="form" onSubmit={submit} align="flex-end" role="search">
        <TextInput
          label={t('applicants.search')}
          description={t('applicants.searchHelp')}
          value={typed}
          onChange={(e) => setTyped(e.currentTarget.value)}
          w={420}
          maw="100%"
        />
        <Button type="submit">{t('applicants.find')}</Button>
      </Group>
      <ErrorNote error={found.error} />
      {found.data ? (
        found.data.length === 0 ? (
          <Text>{t('applicants.nothing')}</Text>
        ) : (
          <ApplicantTable rows={found.data} onOpen={setSelected} label={t('applicants.results')} />
        )
      ) : null}
      {selected ? (
        <ApplicantPanel
          key={selected.id}
          applicant={selected}
          canEdit={can('applicant.write')}
          canMerge={can('applicant.merge')}
        />
      ) : null}
      {can('applicant.merge') ? <Duplicates /> : null}
    </Stack>
  );
}

function ApplicantTable({
  rows,
  onOpen,
  label,
}: {
  rows: ApplicantRecord[];
  onOpen?: (a: ApplicantRecord) => void;
  label: string;
}) {
  const { t } = useTranslation();
  return (
    <TableScroll label={label} minWidth={640}>
      <Table striped aria-label={label}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('applicants.name')}</Table.Th>
            <Table.Th>{t('applicants.phones')}</Table.Th>
            <Table.Th>{t('applicants.email')}</Table.Th>
            <Table.Th>{t('applicants.address')}</Table.Th>
            <Table.Th>{t('applicants.appeals')}</Table.Th>
            {onOpen ? <Table.Th>{t('admin.actions')}</Table.Th> : null}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((a) => (
            <Table.Tr key={a.id}>
              <Table.Td>
                {a.fullName}{' '}
                <Text span size="xs" c="dimmed">
                  #{a.id}
                </Text>
              </Table.Td>
              <Table.Td>{a.phones.join(', ')}</Table.Td>
              <Table.Td>{a.email ?? '—'}</Table.Td>
              <Table.Td>{a.address ?? '—'}</Table.Td>
              <Table.Td>
                {/* The applicant's appeals in the registry (no dead end). */}
                {a.appealCount > 0 ? (
                  <Anchor
                    component={Link}
                    to={`/appeals?applicantId=${a.id}`}
                    aria-label={`${a.appealCount} — ${t('applicants.appealsOf', { name: a.fullName })}`}
                  >
                    {a.appealCount}
                  </Anchor>
                ) : (
                  0
                )}
              </Table.Td>
              {onOpen ? (
                <Table.Td>
                  <Button size="xs" variant="default" onClick={() => onOpen(a)}>
                    {t('applicants.open')}
                  </Button>
                </Table.Td>
              ) : null}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </TableScroll>
  );
}

function ApplicantPanel({
  applicant,
  canEdit,
  canMerge,
}: {
  applicant: ApplicantRecord;
  canEdit: boolean;
  canMerge: boolean;
}) {
  const { t, i18n } = useTranslation();
  const history = useQuery(applicantHistoryQuery(applicant.id));
  const update = useUpdateApplicant();
  const undo = useUndoMerge();
  const [fullName, setFullName] = useState(applicant.fullName);
  const [phones, setPhones] = useState(applicant.phones.join(', '));
  const [email, setEmail] = useState(applicant.email ?? '');
  const [address, setAddress] = useState(applicant.address ?? '');
  const save = (event: FormEvent) => {
    event.preventDefault();
    update.mutate({
      id: applicant.id,
      change: {
        fullName,
        phones: phones
          .split(',')
          .map((p) => p.trim())
          .filter(Boolean),
        email: email.trim() || null,
        address: address.trim() || null,
      },
    });
  };
  const when = (at: string | null) =>
    at ? new Date(at).toLocaleString(i18n.language === 'en' ? 'en-GB' : 'uk-UA') : '—';
  return (
    <Paper withBorder p="md">
      <Stack gap="sm">
        <Title order={2} size="h3">
          {applicant.fullName} (#{applicant.id})
        </Title>
        <Stack gap="xs" component="form" onSubmit={save}>
          <TextInput
            label={t('applicants.name')}
            value={fullName}
            onChange={(e) => setFullName(e.currentTarget.value)}
            disabled={!canEdit}
            required
          />
          <TextInput
            label={t('applicants.phones')}
            description={t('applicants.phonesHelp')}
            value={phones}
            onChange={(e) => setPhones(e.currentTarget.value)}
            disabled={!canEdit}
          />
          <TextInput
            label={t('applicants.email')}
            value={email}
            onChange={(e) => setEmail(e.currentTarget.value)}
            disabled={!canEdit}
          />
          <TextInput
            label={t('applicants.address')}
            value={address}
            onChange={(e) => setAddress(e.currentTarget.value)}
            disabled={!canEdit}
          />
          {canEdit ? (
            <Group>
              <Button type="submit" loading={update.isPending}>
                {t('admin.save')}
              </Button>
              {update.isSuccess ? (
                <Text size="sm" c="green.9" role="status">
                  {t('admin.saved')}
                </Text>
              ) : null}
            </Group>
          ) : null}
          <ErrorNote error={update.error ?? undo.error} />
        </Stack>
        <Title order={3} size="h4">
          {t('applicants.history')}
        </Title>
        {(history.data?.entries ?? []).length === 0 ? (
          <Text size="sm">{t('applicants.noHistory')}</Text>
        ) : (
          <Stack gap={4} component="ul" style={{ paddingLeft: 18, margin: 0 }}>
            {history.data?.entries.map((e, i) => (
              <Text size="sm" component="li" key={i}>
                {when(e.at)} · {e.actorLabel} · {t(`applicants.action.${e.action}`)}{' '}
                {Array.isArray(e.data.fields) ? (e.data.fields as string[]).join(', ') : ''}
              </Text>
            ))}
          </Stack>
        )}
        {(history.data?.merges ?? []).map((m) => (
          <Group key={m.id} gap="xs">
            <Text size="sm">
              {t('applicants.mergeLine', {
                merged: m.mergedId,
                survivor: m.survivorId,
                count: m.appealIds.length,
              })}{' '}
              {when(m.mergedAt)}
              {m.undoneAt ? ` · ${t('applicants.undone')} ${when(m.undoneAt)}` : ''}
            </Text>
            {canMerge && !m.undoneAt ? (
              <Button size="xs" variant="default" onClick={() => undo.mutate(m.id)}>
                {t('applicants.undo')}
              </Button>
            ) : null}
          </Group>
        ))}
      </Stack>
    </Paper>
  );
}

function Duplicates() {
  const { t } = useTranslation();
  const proposals = useQuery(duplicatesQuery);
  return (
    <Stack gap="sm">
      <Title order={2} size="h3">
        {t('applicants.duplicates')}
      </Title>
      <Text size="sm" c="dimmed">
        {t('applicants.duplicatesHelp')}
      </Text>
      <Group>
        <Button
          variant="default"
          onClick={() => void proposals.refetch()}
          loading={proposals.isFetching}
        >
          {t('applicants.findDuplicates')}
        </Button>
      </Group>
      <ErrorNote error={proposals.error} />
      {proposals.data?.length === 0 ? <Text>{t('applicants.noDuplicates')}</Text> : null}
      {(proposals.data ?? []).map((p, i) => (
        <Proposal
          key={`${p.reason}-${p.applicants.map((a) => a.id).join('-')}-${i}`}
          proposal={p}
        />
      ))}
    </Stack>
  );
}

function Proposal({ proposal }: { proposal: DuplicateProposal }) {
  const { t } = useTranslation();
  const merge = useMergeApplicants();
  const [survivor, setSurvivor] = useState(String(proposal.applicants[0]?.id ?? ''));
  const confirm = async () => {
    for (const a of proposal.applicants)
      if (String(a.id) !== survivor)
        await merge.mutateAsync({ survivorId: Number(survivor), mergedId: a.id });
  };
  return (
    <Paper withBorder p="sm">
      <Stack gap="xs">
        <Text fw={600}>{t(`applicants.reason.${proposal.reason}`)}</Text>
        <Radio.Group label={t('applicants.survivor')} value={survivor} onChange={setSurvivor}>
          <Stack gap={4} mt={4}>
            {proposal.applicants.map((a) => (
              <Radio
                key={a.id}
                value={String(a.id)}
                label={`#${a.id} ${a.fullName} · ${a.phones.join(', ')} · ${a.address ?? '—'} · ${t('applicants.appealCount', { count: a.appealCount })}`}
              />
            ))}
          </Stack>
        </Radio.Group>
        <Group>
          <Button onClick={() => void confirm().catch(() => undefined)} loading={merge.isPending}>
            {t('applicants.merge')}
          </Button>
          {merge.isSuccess ? (
            <Text size="sm" c="green.9" role="status">
              {t('applicants.merged')}
            </Text>
          ) : null}
        </Group>
        <ErrorNote error={merge.error} />
      </Stack>
    </Paper>
  );
}
