import { Anchor } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { publicApi } from '../api.js';

/**
 * On the submit form (issue 19, item 5): when the chosen topic has public articles, a link to
 * their answers (opens in a new tab, so the form keeps what was typed).
 */
export function TopicHelpLink({ questionTypeId }: { questionTypeId: number | null }) {
  const { t } = useTranslation();
  const articles = useQuery({
    queryKey: ['public-articles', 'topic', questionTypeId],
    queryFn: ({ signal }) =>
      publicApi.get<{ id: number }[]>(
        '/articles',
        { questionTypeId: questionTypeId ?? undefined, limit: 1 },
        signal,
      ),
    enabled: questionTypeId !== null,
  });
  if (questionTypeId === null || !articles.data || articles.data.length === 0) return null;
  return (
    <Anchor component={Link} to={`/faq?topic=${questionTypeId}`} target="_blank" size="sm">
      {t('portal.faq.forTopic')}
    </Anchor>
  );
}
