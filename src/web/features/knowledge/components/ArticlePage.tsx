/**
 * One article (issue 19): its body (sanitised HTML), links, review date and versions; an editor
 * edits it or restores an earlier version.
 */
import { Badge, Button, Group, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { classifierQuery } from '../../../shared/api/queries.js';
import { localName } from '../../../shared/i18n/locale.js';
import { PageHeader } from '../../../shared/layout/PageHeader.js';
import { formatDate, formatDateTime } from '../../../shared/lib/format.js';
import { ErrorNote } from '../../../shared/ui/ErrorNote.js';
import { TableScroll } from '../../../shared/ui/TableScroll.js';
import { articleQuery, useRestoreArticle } from '../api/knowledge.js';
import { ArticleHtml } from './ArticleHtml.js';

export function ArticlePage() {
  const { t, i18n } = useTranslation();
  const id = Number(useParams().id);
  const article = useQuery(articleQuery(id));
  const classifier = useQuery(classifierQuery);
  const restore = useRestoreArticle(id);
  const a = article.data;
  const typeName = new Map(
    (classifier.data ?? []).flatMap((k) =>
      k.questionTypes.map((q) => [q.id, localName(i18n.language, q.name, q.nameEn)] as const),
    ),
  );
  const en = i18n.language === 'en';
  /** The service's change words ('created', 'edited', 'restored version N') in the page's language. */
  const changeText = (change: string) => {
    const restored = /^restored version (\d+)$/.exec(change);
    if (restored) return t('knowledge.changeRestored', { version: restored[1] });
    if (change === 'created' || change === 'edited') return t(`knowledge.change_${change}`);
    return change;
  };
  return (
    <Stack gap="md">
      <ErrorNote error={article.error ?? restore.error} />
      {a ? (
        <>
          <PageHeader
            title={localName(i18n.language, a.title, a.titleEn)}
            description={t('knowledge.versionLine', {
              version: a.version,
              date: formatDateTime(a.updatedAt, i18n.language),
            })}
            actions={
              <Button component={Link} to={`/knowledge/${a.id}/edit`}>
                {t('knowledge.edit')}
              </Button>
            }
          />
          <Group gap="xs">
            {a.isPublic ? (
              <Badge variant="outline" color="teal.9">
                {t('knowledge.public')}
              </Badge>
            ) : (
              <Badge variant="outline" color="gray.9">
                {t('knowledge.staffOnly')}
              </Badge>
            )}
            {a.tags.map((tag) => (
              <Badge key={tag} variant="outline" color="gray.9">
                {tag}
              </Badge>
            ))}
          </Group>
          <Text size="sm">
            {t('knowledge.questionTypes')}:{' '}
            {a.questionTypeIds.map((q) => typeName.get(q) ?? `#${q}`).join('; ') || '—'}
          </Text>
          <Text size="sm">
            {t('knowledge.reviewBy')}: {formatDate(a.reviewBy, i18n.language)}
          </Text>
          <Paper withBorder p="lg" radius="md" component="article" aria-label={t('knowledge.body')}>
            <ArticleHtml html={(en && a.htmlEn) || a.htmlUk} />
          </Paper>
          <Title order={2} size="h3">
            {t('knowledge.versions')}
          </Title>
          <TableScroll label={t('knowledge.versions')} minWidth={480}>
            <Table striped aria-label={t('knowledge.versions')}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('knowledge.version')}</Table.Th>
                  <Table.Th>{t('knowledge.change')}</Table.Th>
                  <Table.Th>{t('knowledge.changedAt')}</Table.Th>
                  <Table.Th>{t('knowledge.actions')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {a.versions.map((v) => (
                  <Table.Tr key={v.version}>
                    <Table.Td>{v.version}</Table.Td>
                    <Table.Td>{changeText(v.change)}</Table.Td>
                    <Table.Td>{formatDateTime(v.changedAt, i18n.language)}</Table.Td>
                    <Table.Td>
                      {v.version !== a.version ? (
                        <Button
                          size="xs"
                          variant="default"
                          loading={restore.isPending}
                          onClick={() => restore.mutate(v.version)}
                        >
                          {t('knowledge.restore', { version: v.version })}
                        </Button>
                      ) : (
                        <Text size="sm">{t('knowledge.current')}</Text>
                      )}
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
