/**
 * At intake (issue 19, item 3): the knowledge base's articles for the chosen question type and a
 * search box; the operator reads one to the caller and, for a consultation, marks which article(s)
 * answered, or that none did, with a note (recorded after registration).
 */
import {
  Badge,
  Button,
  Checkbox,
  Collapse,
  Group,
  Paper,
  Stack,
  Text,
  Textarea,
  TextInput,
  Title,
  Typography,
} from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type {
  ArticleSummaryView,
  ArticleView,
  QuestionTypeScriptView,
} from '../../../../contract/knowledge.schemas.js';
import { api } from '../../../shared/api/client.js';
import { localName } from '../../../shared/i18n/locale.js';

export interface ConsultationAnswerDraft {
  articleIds: number[];
  noArticle: boolean;
  note: string;
}

export const emptyConsultationAnswer: ConsultationAnswerDraft = {
  articleIds: [],
  noArticle: false,
  note: '',
};

function ArticleItem({
  article,
  consultation,
  checked,
  onToggle,
}: {
  article: ArticleSummaryView;
  consultation: boolean;
  checked: boolean;
  onToggle: (checked: boolean) => void;
}) {
  const { t, i18n } = useTranslation();
  const [open, setOpen] = useState(false);
  const full = useQuery({
    queryKey: ['knowledge', 'article', article.id],
    queryFn: ({ signal }) =>
      api.get<ArticleView>(`/knowledge/articles/${article.id}`, undefined, signal),
    enabled: open,
  });
  const title = localName(i18n.language, article.title, article.titleEn);
  const html = full.data ? (i18n.language === 'en' && full.data.htmlEn) || full.data.htmlUk : '';
  return (
    <Paper withBorder p="sm" radius="sm">
      <Group justify="space-between" wrap="nowrap" gap="xs">
        <Text fw={600} size="sm">
          {title}
        </Text>
        <Button
          size="compact-sm"
          variant="subtle"
          aria-expanded={open}
          onClick={() => setOpen((o) => !o)}
        >
          {open ? t('newCall.articles.hide') : t('newCall.articles.read')}
        </Button>
      </Group>
      <Collapse expanded={open}>
        <Typography>
          <div
            data-testid={`intake-article-${article.id}`}
            // Sanitised twice on the server (server/knowledge/safe-html.ts, ADR 039).
            dangerouslySetInnerHTML={{ __html: html }}
          />
        </Typography>
      </Collapse>
      {consultation ? (
        <Checkbox
          mt="xs"
          label={t('newCall.articles.answered', { title })}
          checked={checked}
          onChange={(e) => onToggle(e.currentTarget.checked)}
        />
      ) : null}
    </Paper>
  );
}

/**
 * The script of the chosen question type (what to say and ask the caller), when it has one. Plain
 * text shown as text, line breaks kept.
 */
export function IntakeScript({ questionTypeId }: { questionTypeId: number | null }) {
  const { t, i18n } = useTranslation();
  const script = useQuery({
    // The same key as the knowledge feature's `scriptsQuery`, so its edits refresh this.
    queryKey: ['knowledge', 'scripts', questionTypeId ?? 'all'],
    queryFn: ({ signal }) =>
      api.get<QuestionTypeScriptView[]>(
        '/knowledge/scripts',
        { questionTypeId: questionTypeId ?? undefined },
        signal,
      ),
    enabled: questionTypeId !== null,
  });
  const found = questionTypeId === null ? undefined : script.data?.[0];
  if (!found) return null;
  return (
    <Paper
      withBorder
      p="md"
      radius="md"
      component="section"
      aria-labelledby="intake-script-heading"
      data-testid="intake-script"
      bg="blue.0"
    >
      <Title order={3} size="h5" id="intake-script-heading" mb="xs">
        {t('newCall.script.title')}
      </Title>
      <Text size="sm" style={{ whiteSpace: 'pre-line' }}>
        {(i18n.language === 'en' && found.scriptEn) || found.scriptUk}
      </Text>
    </Paper>
  );
}

export function IntakeArticles({
  questionTypeId,
  consultation,
  value,
  onChange,
}: {
  questionTypeId: number | null;
  consultation: boolean;
  value: ConsultationAnswerDraft;
  onChange: (next: ConsultationAnswerDraft) => void;
}) {
  const { t } = useTranslation();
  const [q, setQ] = useState('');
  const [debounced] = useDebouncedValue(q.trim(), 300);
  const linked = useQuery({
    queryKey: ['knowledge', 'articles', 'type', questionTypeId],
    queryFn: ({ signal }) =>
      api.get<ArticleSummaryView[]>(
        '/knowledge/articles',
        { questionTypeId: questionTypeId ?? undefined, limit: 10 },
        signal,
      ),
    enabled: questionTypeId !== null,
  });
  const found = useQuery({
    queryKey: ['knowledge', 'articles', 'intake', debounced],
    queryFn: ({ signal }) =>
      api.get<ArticleSummaryView[]>('/knowledge/articles', { q: debounced, limit: 10 }, signal),
    enabled: debounced.length >= 2,
  });
  const shown = [
    ...(linked.data ?? []),
    ...(debounced.length >= 2 ? (found.data ?? []) : []).filter(
      (f) => !(linked.data ?? []).some((l) => l.id === f.id),
    ),
  ];
  if (questionTypeId === null && !consultation) return null;
  const toggle = (id: number, checked: boolean) =>
    onChange({
      ...value,
      noArticle: checked ? false : value.noArticle,
      articleIds: checked
        ? [...new Set([...value.articleIds, id])]
        : value.articleIds.filter((a) => a !== id),
    });
  return (
    <Paper
      withBorder
      p="md"
      radius="md"
      component="section"
      aria-labelledby="intake-articles-heading"
      data-testid="intake-articles"
    >
      <Stack gap="sm">
        <Group gap="xs">
          <Title order={3} size="h5" id="intake-articles-heading">
            {t('newCall.articles.title')}
          </Title>
          {linked.data ? (
            <Badge variant="outline" color="blue.9">
              {linked.data.length}
            </Badge>
          ) : null}
        </Group>
        <TextInput
          type="search"
          size="sm"
          label={t('newCall.articles.search')}
          value={q}
          onChange={(e) => setQ(e.currentTarget.value)}
          onKeyDown={(e) => {
            // Enter searches here; it never submits the call's form.
            if (e.key === 'Enter') e.preventDefault();
          }}
        />
        {shown.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t('newCall.articles.none')}
          </Text>
        ) : (
          shown.map((a) => (
            <ArticleItem
              key={a.id}
              article={a}
              consultation={consultation}
              checked={value.articleIds.includes(a.id)}
              onToggle={(checked) => toggle(a.id, checked)}
            />
          ))
        )}
        {consultation ? (
          <>
            <Checkbox
              label={t('newCall.articles.noArticle')}
              checked={value.noArticle}
              onChange={(e) =>
                onChange({
                  ...value,
                  noArticle: e.currentTarget.checked,
                  articleIds: e.currentTarget.checked ? [] : value.articleIds,
                })
              }
            />
            {value.noArticle ? (
              <Textarea
                label={t('newCall.articles.note')}
                description={t('newCall.articles.noteHint')}
                autosize
                minRows={2}
                value={value.note}
                onChange={(e) => onChange({ ...value, note: e.currentTarget.value })}
              />
            ) : null}
          </>
        ) : null}
      </Stack>
    </Paper>
  );
}
