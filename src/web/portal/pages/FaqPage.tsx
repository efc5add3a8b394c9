/**
 * Public information (regulation 3.1.6; issue 19, item 5): the knowledge base's public articles
 * as questions and answers by topic (the classifier's kinds), searchable. `?topic=<question type
 * id>` shows the articles of one topic (linked from the submit form).
 */
import { Accordion, Stack, Text, TextInput, Title, Typography } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import type { z } from 'zod';
import type { publicArticleView } from '../../../contract/knowledge.schemas.js';
import { localName } from '../../shared/i18n/locale.js';
import { ErrorNote } from '../../shared/ui/ErrorNote.js';
import { publicApi, publicQuestionTypesQuery } from '../api.js';

type PublicArticle = z.infer<typeof publicArticleView>;

const articlesQuery = (q: string, topic: number | undefined) =>
  queryOptions({
    queryKey: ['public-articles', q, topic],
    queryFn: ({ signal }) =>
      publicApi.get<PublicArticle[]>(
        '/articles',
        { q: q.trim() || undefined, questionTypeId: topic, limit: 50 },
        signal,
      ),
  });

export function FaqPage() {
  const { t, i18n } = useTranslation();
  const [params] = useSearchParams();
  const topicParam = Number(params.get('topic'));
  const topic = Number.isInteger(topicParam) && topicParam > 0 ? topicParam : undefined;
  const [q, setQ] = useState('');
  const [debounced] = useDebouncedValue(q, 250);
  const articles = useQuery(articlesQuery(debounced, topic));
  const kinds = useQuery(publicQuestionTypesQuery);
  const en = i18n.language === 'en';

  const kindOf = new Map<number, { id: number; name: string }>();
  for (const k of kinds.data ?? [])
    for (const qt of k.questionTypes)
      kindOf.set(qt.id, { id: k.id, name: localName(i18n.language, k.name, k.nameEn) });
  const groups = new Map<string, PublicArticle[]>();
  for (const a of articles.data ?? []) {
    const kind = a.questionTypeIds.map((id) => kindOf.get(id)).find(Boolean);
    const name = kind?.name ?? t('portal.faq.otherTopics');
    groups.set(name, [...(groups.get(name) ?? []), a]);
  }

  return (
    <Stack gap="lg">
      <Title order={1}>{t('portal.faq.title')}</Title>
      <Text>{t('portal.faq.intro')}</Text>
      <TextInput
        type="search"
        label={t('portal.faq.search')}
        value={q}
        onChange={(e) => setQ(e.currentTarget.value)}
      />
      <ErrorNote error={articles.error} />
      {articles.data && articles.data.length === 0 ? <Text>{t('portal.faq.nothing')}</Text> : null}
      {[...groups.entries()].map(([name, list]) => (
        <Stack key={name} gap="xs" component="section">
          <Title order={2} size="h3">
            {name}
          </Title>
          <Accordion variant="separated">
            {list.map((a) => (
              <Accordion.Item key={a.id} value={String(a.id)}>
                <Accordion.Control>
                  {localName(i18n.language, a.title, a.titleEn)}
                </Accordion.Control>
                <Accordion.Panel>
                  <Typography>
                    <div
                      // Sanitised twice on the server (server/knowledge/safe-html.ts, ADR 039).
                      dangerouslySetInnerHTML={{ __html: (en && a.htmlEn) || a.htmlUk }}
                    />
                  </Typography>
                </Accordion.Panel>
              </Accordion.Item>
            ))}
          </Accordion>
        </Stack>
      ))}
    </Stack>
  );
}
