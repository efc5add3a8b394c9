/**
 * The knowledge base (issue 19): search the articles (Ukrainian word forms, the apostrophes,
 * Latin look-alikes), open one, write a new one (editors); below, what citizens asked about
 * (regulation 3.1.6): consultations by question type, the share answered from an article, and the
 * questions no article answered.
 */
import { Badge, Button, Group, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { localName } from '../../../shared/i18n/locale.js';
import { PageHeader } from '../../../shared/layout/PageHeader.js';
import { cityToday, formatDate, formatDateTime } from '../../../shared/lib/format.js';
import { ErrorNote } from '../../../shared/ui/ErrorNote.js';
import { TableScroll } from '../../../shared/ui/TableScroll.js';
import { articleListQuery, knowledgeReportQuery } from '../api/knowledge.js';

function KnowledgeReportSection() {
  const { t, i18n } = useTranslation();
  const today = cityToday();
  const [from, setFrom] = useState(`${today.slice(0, 7)}-01`);
  const [to, setTo] = useState(today);
  const valid = /^\d{4}-\d{2}-\d{2}$/.test(from) && /^\d{4}-\d{2}-\d{2}$/.test(to) && from <= to;
  const report = useQuery({ ...knowledgeReportQuery(from, to), enabled: valid });
  const data = report.data;
  return (
    <Stack gap="sm" component="section" aria-labelledby="knowledge-report-heading">
      <Title order={2} size="h3" id="knowledge-report-heading">
        {t('knowledge.report.title')}
      </Title>
      <Group gap="sm" align="flex-end">
        <TextInput
          type="date"
          label={t('knowledge.report.from')}
          value={from}
          onChange={(e) => setFrom(e.currentTarget.value)}
        />
        <TextInput
          type="date"
          label={t('knowledge.report.to')}
          value={to}
          onChange={(e) => setTo(e.currentTarget.value)}
        />
      </Group>
      <ErrorNote error={report.error} />
      {data ? (
        <>
          <Text data-testid="knowledge-report-summary">
            {t('knowledge.report.summary', {
              consultations: data.consultations,
              answered: data.answeredFromArticle,
              share: Math.round(data.answeredShare * 100),
            })}
          </Text>
          <TableScroll label={t('knowledge.report.topics')} minWidth={480}>
            <Table striped aria-label={t('knowledge.report.topics')}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('knowledge.report.questionType')}</Table.Th>
                  <Table.Th>{t('knowledge.report.consultations')}</Table.Th>
                  <Table.Th>{t('knowledge.report.fromArticle')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {data.topics.map((row) => (
                  <Table.Tr key={row.questionTypeId}>
                    <Table.Td>{row.name}</Table.Td>
                    <Table.Td>{row.consultations}</Table.Td>
                    <Table.Td>{row.answeredFromArticle}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </TableScroll>
          <Title order={3} size="h4">
            {t('knowledge.report.unanswered')}
          </Title>
          {data.unanswered.length === 0 ? (
            <Text c="dimmed">{t('knowledge.report.noUnanswered')}</Text>
          ) : (
            <Stack gap={4}>
              {data.unanswered.map((u) => (
                <Text key={`${u.appealId}-${u.at}`} size="sm">
                  <Link to={`/appeals/${u.appealId}`}>{u.number}</Link> —{' '}
                  {formatDateTime(u.at, i18n.language)}: {u.note}
                </Text>
              ))}
            </Stack>
          )}
        </>
      ) : null}
    </Stack>
  );
}

export function KnowledgePage() {
  const { t, i18n } = useTranslation();
  const [q, setQ] = useState('');
  const [debounced] = useDebouncedValue(q, 250);
  const list = useQuery(articleListQuery(debounced));
  const today = cityToday();
  return (
    <Stack gap="lg">
      <PageHeader
        title={t('knowledge.title')}
        description={t('knowledge.subtitle')}
        actions={
          <>
            <Button component={Link} to="/knowledge/scripts" variant="default">
              {t('knowledge.scripts.title')}
            </Button>
            <Button component={Link} to="/knowledge/new">
              {t('knowledge.newArticle')}
            </Button>
          </>
        }
      />
      <TextInput
        label={t('knowledge.search')}
        description={t('knowledge.searchHint')}
        value={q}
        onChange={(e) => setQ(e.currentTarget.value)}
        type="search"
      />
      <ErrorNote error={list.error} />
      <TableScroll label={t('knowledge.articles')} minWidth={560}>
        <Table striped aria-label={t('knowledge.articles')}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('knowledge.articleTitle')}</Table.Th>
              <Table.Th>{t('knowledge.tags')}</Table.Th>
              <Table.Th>{t('knowledge.reviewBy')}</Table.Th>
              <Table.Th>{t('knowledge.updated')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {(list.data ?? []).map((a) => (
              <Table.Tr key={a.id}>
                <Table.Td>
                  <Group gap="xs">
                    <Link to={`/knowledge/${a.id}`}>
                      {localName(i18n.language, a.title, a.titleEn)}
                    </Link>
                    {a.isPublic ? (
                      <Badge variant="outline" color="teal.9">
                        {t('knowledge.public')}
                      </Badge>
                    ) : null}
                  </Group>
                </Table.Td>
                <Table.Td>{a.tags.join(', ')}</Table.Td>
                <Table.Td>
                  {formatDate(a.reviewBy, i18n.language)}
                  {a.reviewBy < today ? (
                    <Badge ml="xs" variant="outline" color="red.9">
                      {t('knowledge.reviewDue')}
                    </Badge>
                  ) : null}
                </Table.Td>
                <Table.Td>{formatDateTime(a.updatedAt, i18n.language)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </TableScroll>
      {list.data && list.data.length === 0 ? (
        <Text c="dimmed">{t('knowledge.nothingFound')}</Text>
      ) : null}
      <KnowledgeReportSection />
    </Stack>
  );
}
