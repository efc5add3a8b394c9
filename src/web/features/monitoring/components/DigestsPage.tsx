import { Anchor, Group, Stack, Table, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { digestDocument } from '../../../../domain/digest-document.js';
import { PageHeader } from '../../../shared/layout/PageHeader.js';
import { formatDateTime } from '../../../shared/lib/format.js';
import { EmptyRow } from '../../../shared/ui/EmptyRow.js';
import { ErrorNote } from '../../../shared/ui/ErrorNote.js';
import { TableScroll } from '../../../shared/ui/TableScroll.js';
import { digestQuery, digestsQuery } from '../api/monitoring.js';

/**
 * The morning digests (issue 18 item 5; `monitoring.read`): the days made, newest first, with three
 * headline figures; `/alerts/digests/:day` shows one day's sections — the very sections its e-mail
 * and PDF were rendered from (`domain/digest-document.ts`) — and links the PDF.
 */
export function DigestsPage() {
  const { t, i18n } = useTranslation();
  const day = useParams().day;
  const list = useQuery(digestsQuery);
  return (
    <Stack gap="md">
      <PageHeader
        title={t('digests.title')}
        description={t('digests.subtitle')}
        actions={
          <Anchor component={Link} to="/alerts">
            {t('digests.toAlerts')}
          </Anchor>
        }
      />
      {day ? <DigestOfDay day={day} /> : null}
      <ErrorNote error={list.error} />
      <TableScroll label={t('digests.list')} minWidth={480}>
        <Table striped aria-label={t('digests.list')}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('digests.col.day')}</Table.Th>
              <Table.Th scope="col">{t('digests.col.registered')}</Table.Th>
              <Table.Th scope="col">{t('digests.col.overdue')}</Table.Th>
              <Table.Th scope="col">{t('digests.col.alerts')}</Table.Th>
              <Table.Th scope="col">{t('digests.col.madeAt')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {(list.data ?? []).map((d) => (
              <Table.Tr key={d.day} aria-current={d.day === day ? 'page' : undefined}>
                <Table.Th scope="row" fw={500}>
                  <Anchor component={Link} to={`/alerts/digests/${d.day}`}>
                    {new Date(`${d.day}T12:00:00Z`).toLocaleDateString(i18n.language, {
                      timeZone: 'UTC',
                    })}
                  </Anchor>
                </Table.Th>
                <Table.Td>{d.registered}</Table.Td>
                <Table.Td>{d.overdue}</Table.Td>
                <Table.Td>{d.alerts}</Table.Td>
                <Table.Td>{formatDateTime(d.madeAt, i18n.language)}</Table.Td>
              </Table.Tr>
            ))}
            {list.data && list.data.length === 0 ? (
              <EmptyRow columns={5}>{t('digests.none')}</EmptyRow>
            ) : null}
          </Table.Tbody>
        </Table>
      </TableScroll>
    </Stack>
  );
}

function DigestOfDay({ day }: { day: string }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language.startsWith('en') ? 'en' : 'uk';
  const digest = useQuery(digestQuery(day));
  if (digest.error) return <ErrorNote error={digest.error} />;
  if (!digest.data) return <Text c="dimmed">{t('common.loading')}</Text>;
  const doc = digestDocument(digest.data, lang);
  return (
    <Stack gap="sm" component="section" aria-labelledby="digest-title">
      <Group justify="space-between" align="baseline">
        <Text id="digest-title" fw={700} size="lg" component="h2">
          {doc.title}
        </Text>
        <Anchor href={`/api/v1/monitoring/digests/${day}?format=pdf&lang=${lang}`} target="_blank">
          {t('digests.pdf')}
        </Anchor>
      </Group>
      <Text c="dimmed" size="sm">
        {doc.madeAt}
      </Text>
      {doc.sections.map((s) => (
        <Table key={s.heading} aria-label={s.heading} withTableBorder>
          <Table.Caption style={{ captionSide: 'top', textAlign: 'left', fontWeight: 600 }}>
            {s.heading}
          </Table.Caption>
          <Table.Tbody>
            {s.rows.map((r, i) => (
              <Table.Tr key={i}>
                <Table.Th scope="row" fw={400}>
                  {r.label}
                </Table.Th>
                <Table.Td ta="right" style={{ whiteSpace: 'nowrap' }}>
                  {r.value}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      ))}
    </Stack>
  );
}
