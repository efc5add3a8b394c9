/**
 * On the appeal card (issue 16): the emergency or planned works the appeal is linked to — public
 * text, status and expected (or actual) end — with «Unlink» for the intake roles, and the
 * confirmed mass appeal it belongs to, with a link to its lead appeal. Nothing when neither.
 */
import { Alert, Anchor, Button, Stack, Text } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { AppealWorksView } from '../../../../contract/works.schemas.js';
import { api } from '../../../shared/api/client.js';
import { meQuery } from '../../../shared/api/queries.js';
import { formatDateTime } from '../../../shared/lib/format.js';
import { errorText } from '../../../shared/lib/server-errors.js';

/** Title colour with at least 4.5:1 on the light yellow alert background. */
const DARK_YELLOW = '#5c3d00';

export function AppealWorksNote({ appealId }: { appealId: number }) {
  const { t, i18n } = useTranslation();
  const client = useQueryClient();
  const me = useQuery(meQuery);
  const context = useQuery({
    queryKey: ['appeal', appealId, 'works'],
    queryFn: ({ signal }) =>
      api.get<AppealWorksView>(`/appeals/${appealId}/works`, undefined, signal),
  });
  const unlink = useMutation({
    mutationFn: () => api.post(`/appeals/${appealId}/works-unlink`),
    onSuccess: () => void client.invalidateQueries({ queryKey: ['appeal', appealId] }),
  });
  const data = context.data;
  if (!data || (!data.work && !data.massAppeal)) return null;
  const lang = i18n.language;
  const w = data.work;
  const m = data.massAppeal;
  return (
    <Stack gap="xs" data-testid="appeal-works">
      {w ? (
        <Alert
          color="yellow"
          title={
            <Text span fw={700} c={DARK_YELLOW}>
              {t('works.card.linked')}: {t(`works.kind.${w.kind}`)},{' '}
              {t(`works.service.${w.service}`)} ({t(`works.status.${w.status}`)})
            </Text>
          }
        >
          <Stack gap={4}>
            <Text size="sm">
              {lang.startsWith('en') && w.publicTextEn ? w.publicTextEn : w.publicTextUk}
            </Text>
            <Text size="sm">
              {t('works.expectedEnd', { at: formatDateTime(w.expectedEndAt, lang) })}
            </Text>
            {unlink.isError ? (
              <Text size="sm" c="red.9" role="alert">
                {errorText(t, unlink.error)}
              </Text>
            ) : null}
            {me.data?.permissions.includes('appeal.register') ? (
              <Button
                size="xs"
                variant="default"
                style={{ alignSelf: 'flex-start' }}
                loading={unlink.isPending}
                onClick={() => unlink.mutate()}
              >
                {t('works.card.unlink')}
              </Button>
            ) : null}
          </Stack>
        </Alert>
      ) : null}
      {m ? (
        <Alert
          color="blue"
          title={
            <Text span fw={700} c="blue.9">
              {t('massAppeals.card.title', { count: m.members })}
            </Text>
          }
        >
          <Text size="sm">
            {m.leadAppealId === appealId ? (
              t('massAppeals.card.isLead')
            ) : (
              <>
                {t('massAppeals.card.follows')}{' '}
                <Anchor component={Link} to={`/appeals/${m.leadAppealId}`} fw={600} c="blue.9">
                  {m.leadNumber}
                </Anchor>
              </>
            )}
          </Text>
        </Alert>
      ) : null}
    </Stack>
  );
}
