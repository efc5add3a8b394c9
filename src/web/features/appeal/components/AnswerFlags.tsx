import { Alert, Anchor, List } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { meQuery } from '../../../shared/api/queries.js';
import { answerFlagsQuery } from '../api/answer-flags.js';

/**
 * The formal-answer flags of one response (Regulation 3.1.3), for whoever reviews answers: a
 * near copy of the executor's answer to another appeal (linked), boilerplate (the phrases), or
 * nothing in common with the appeal. The controller decides; nothing is blocked.
 */
export function AnswerFlags({ appealId, responseId }: { appealId: number; responseId: number }) {
  const { t } = useTranslation();
  const me = useQuery(meQuery);
  const mayReview = me.data?.permissions.includes('appeal.review') ?? false;
  const flags = useQuery({ ...answerFlagsQuery(appealId), enabled: mayReview });
  const mine = (flags.data ?? []).filter((f) => f.responseId === responseId);
  if (mine.length === 0) return null;
  return (
    <Alert
      mt="sm"
      color="orange"
      variant="light"
      title={t('assist.formalAnswer')}
      // The light orange title alone is below 4.5:1 on its background (WCAG 1.4.3).
      styles={{ title: { color: 'var(--mantine-color-text)' } }}
      data-testid="answer-flags"
    >
      <List size="sm" spacing={2}>
        {mine.map((flag) => (
          <List.Item key={flag.reason}>
            {flag.reason === 'near_copy' ? (
              <>
                {t('assist.flag.near_copy', {
                  percent: Math.round((flag.details.similarity ?? 0) * 100),
                })}{' '}
                {flag.details.appealId ? (
                  <Anchor component={Link} to={`/appeals/${flag.details.appealId}`}>
                    {t('assist.otherAppeal')}
                  </Anchor>
                ) : null}
              </>
            ) : flag.reason === 'boilerplate' ? (
              t('assist.flag.boilerplate', {
                phrases: (flag.details.phrases ?? []).map((p) => `«${p}»`).join(', '),
              })
            ) : (
              t('assist.flag.off_subject')
            )}
          </List.Item>
        ))}
      </List>
    </Alert>
  );
}
