import { Anchor, Group, Loader, Radio, Stack, Table, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { appealListQuery } from '../../../shared/api/queries.js';
import type { Applicant } from '../../../shared/api/types.js';
import { formatDate } from '../../../shared/lib/format.js';
import { ErrorNote } from '../../../shared/ui/ErrorNote.js';
import { StatusBadge } from '../../../shared/ui/StatusBadge.js';
import { useQuestionTypeName } from '../../../shared/lib/use-question-type-name.js';

/**
 * The applicants already on record with the caller's phone: the operator picks one (or a new
 * applicant) with the arrow keys.
 */
export function ApplicantMatches({
  matches,
  loading,
  error,
  selectedId,
  onSelect,
}: {
  matches: Applicant[];
  loading: boolean;
  error: unknown;
  selectedId: number | null;
  onSelect: (applicant: Applicant | null) => void;
}) {
  const { t } = useTranslation();
  if (loading) {
    return (
      <Group gap="xs" aria-live="polite">
        <Loader size="xs" aria-hidden="true" />
        <Text size="sm" c="dimmed">
          {t('newCall.searchingApplicant')}
        </Text>
      </Group>
    );
  }
  if (error) return <ErrorNote error={error} />;
  if (matches.length === 0) return null;
  return (
    <Radio.Group
      label={t('newCall.foundApplicants', { count: matches.length })}
      value={selectedId === null ? 'new' : String(selectedId)}
      onChange={(value) =>
        onSelect(value === 'new' ? null : (matches.find((m) => String(m.id) === value) ?? null))
      }
    >
      <Stack gap={6} mt={6}>
        {matches.map((applicant) => (
          <Radio
            key={applicant.id}
            value={String(applicant.id)}
            label={applicant.fullName}
            description={[
              applicant.address,
              applicant.privilegedCategory,
              applicant.phones.join(', '),
            ]
              .filter(Boolean)
              .join(' · ')}
          />
        ))}
        <Radio value="new" label={t('newCall.newApplicant')} />
      </Stack>
    </Radio.Group>
  );
}

/** The chosen applicant's earlier appeals and their state (links open in a new tab). */
export function EarlierAppeals({ applicantId }: { applicantId: number }) {
  const { t, i18n } = useTranslation();
  const questionTypeName = useQuestionTypeName();
  const list = useQuery(
    appealListQuery({ applicantId: String(applicantId), sort: 'received_desc' }, 5, null),
  );
  if (list.error) return <ErrorNote error={list.error} />;
  if (!list.data) return <Loader size="xs" aria-label={t('common.loading')} />;
  if (list.data.items.length === 0) {
    return (
      <Text size="sm" c="dimmed">
        {t('newCall.noEarlierAppeals')}
      </Text>
    );
  }
  return (
    <section aria-labelledby="earlier-appeals">
      <Text size="sm" fw={600} id="earlier-appeals" mb={4}>
        {t('newCall.earlierAppeals')}
      </Text>
      <Table verticalSpacing={4} fz="sm">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('appeal.number')}</Table.Th>
            <Table.Th>{t('appeal.receivedAt')}</Table.Th>
            <Table.Th>{t('appeal.questionType')}</Table.Th>
            <Table.Th>{t('appeal.status')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {list.data.items.map((appeal) => (
            <Table.Tr key={appeal.id}>
              <Table.Td>
                <Anchor
                  component={Link}
                  to={`/appeals/${appeal.id}`}
                  target="_blank"
                  size="sm"
                  className="nowrap"
                >
                  {appeal.number}
                </Anchor>
              </Table.Td>
              <Table.Td>{formatDate(appeal.receivedAt, i18n.language)}</Table.Td>
              <Table.Td>{questionTypeName(appeal.questionType)}</Table.Td>
              <Table.Td>
                <StatusBadge status={appeal.status} />
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </section>
  );
}
