import {
  Affix,
  Anchor,
  Badge,
  Button,
  CloseButton,
  Group,
  Kbd,
  Paper,
  ScrollArea,
  Stack,
  Text,
  Title,
  VisuallyHidden,
} from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { formatDate, formatDateTime } from '../../../shared/lib/format.js';
import { useQuestionTypeName } from '../../../shared/lib/use-question-type-name.js';
import { useLiveEvents } from '../../../shared/live/useLiveEvents.js';
import {
  SCREEN_POP_KEY,
  phoneForDisplay,
  SCREEN_POP_TOPIC,
  PRESENCE_TOPIC,
  myTelephonyQuery,
  ringingQuery,
  type ScreenPopView,
} from '../api/telephony.js';

/** The new-call screen with the caller's number filled in (read by NewCallPage). */
export function newCallUrl(notice: Pick<ScreenPopView, 'callerNumber' | 'callId'>): string {
  const params = new URLSearchParams();
  const phone = phoneForDisplay(notice.callerNumber);
  if (phone) params.set('phone', phone);
  params.set('call', String(notice.callId));
  return `/new-call?${params.toString()}`;
}

/** What a screen reader says when the call rings (the visible notice says more). */
function announcement(
  notice: ScreenPopView,
  t: (key: string, options?: Record<string, unknown>) => string,
): string {
  const number = phoneForDisplay(notice.callerNumber) ?? t('telephony.pop.hiddenNumber');
  const who = notice.applicants.length
    ? t('telephony.pop.announceKnown', {
        names: notice.applicants.map((a) => a.fullName).join(', '),
      })
    : t('telephony.pop.announceUnknown');
  return `${t('telephony.pop.announce', { number })} ${who} ${t('telephony.pop.announceKey', { key: SCREEN_POP_KEY })}`;
}

/**
 * The screen pop (issue 20, item 3): when the signed-in operator's extension rings, the live bus
 * (topic `telephony.screen-pop`, ADR 038/040) brings the caller's number, the applicants known by
 * it, their last appeals and the open works at their address. The notice is announced at once
 * (role="alert") without taking the focus from what the operator is typing; one key (F2) opens
 * the new-call screen with the number filled in. On every (re)connection the call ringing now is
 * read from `GET /telephony/me/ringing`, so a reload during the ring still shows it.
 */
export function ScreenPop() {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const questionName = useQuestionTypeName();
  const queryClient = useQueryClient();
  const [notice, setNotice] = useState<ScreenPopView | null>(null);
  // Said in the language of the screen (a language switch says it again in the new one).
  const spoken = notice ? announcement(notice, t) : '';

  const show = useCallback((next: ScreenPopView) => setNotice(next), []);

  // One stream for both: the pop, and the operator's own presence moved by a call (the header).
  useLiveEvents([SCREEN_POP_TOPIC, PRESENCE_TOPIC], {
    onEvent: (topic, data) => {
      if (topic === PRESENCE_TOPIC) {
        void queryClient.invalidateQueries({ queryKey: myTelephonyQuery.queryKey });
        return;
      }
      if (topic === SCREEN_POP_TOPIC && data && typeof data === 'object' && 'callId' in data) {
        show(data as ScreenPopView);
      }
    },
    onConnect: () => {
      void queryClient
        .fetchQuery({ ...ringingQuery, staleTime: 0 })
        .then((answer) => {
          if (answer.call) show(answer.call);
        })
        .then(() => queryClient.invalidateQueries({ queryKey: myTelephonyQuery.queryKey }))
        .catch(() => undefined);
    },
  });

  const dismiss = useCallback(() => setNotice(null), []);

  const open = useCallback(() => {
    if (!notice) return;
    const url = newCallUrl(notice);
    dismiss();
    void navigate(url);
  }, [notice, navigate, dismiss]);

  // The one key works wherever the focus is (the operator may be typing in another form).
  useEffect(() => {
    if (!notice) return undefined;
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== SCREEN_POP_KEY || event.ctrlKey || event.altKey || event.metaKey) return;
      event.preventDefault();
      open();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [notice, open]);

  return (
    <>
      <VisuallyHidden role="alert" aria-atomic="true">
        {spoken}
      </VisuallyHidden>
      {notice ? (
        <Affix position={{ bottom: 16, right: 16 }} zIndex={300}>
          <Paper
            component="section"
            aria-labelledby="screen-pop-title"
            data-testid="screen-pop"
            withBorder
            shadow="xl"
            radius="md"
            p="md"
            className="screen-pop"
          >
            <Stack gap="sm">
              <Group justify="space-between" align="flex-start" wrap="nowrap">
                <div>
                  <Title order={2} size="h4" id="screen-pop-title">
                    {t('telephony.pop.title')}
                  </Title>
                  <Text fw={700} size="xl" className="screen-pop-number">
                    {phoneForDisplay(notice.callerNumber) ?? t('telephony.pop.hiddenNumber')}
                  </Text>
                  <Text size="sm" c="dimmed">
                    {[
                      notice.line ? t('telephony.pop.line', { line: notice.line }) : null,
                      notice.ringingAt ? formatDateTime(notice.ringingAt, i18n.language) : null,
                    ]
                      .filter(Boolean)
                      .join(' · ')}
                  </Text>
                </div>
                <CloseButton aria-label={t('telephony.pop.dismiss')} onClick={dismiss} />
              </Group>
              <ScrollArea.Autosize mah={340} type="auto">
                {notice.applicants.length === 0 ? (
                  <Text size="sm">{t('telephony.pop.unknown')}</Text>
                ) : (
                  <Stack gap="sm" component="ul" className="plain-list">
                    {notice.applicants.map((a) => (
                      <li key={a.id}>
                        <Text fw={600}>{a.fullName}</Text>
                        {a.address ? (
                          <Text size="sm" c="dimmed">
                            {a.address}
                          </Text>
                        ) : null}
                        {a.lastAppeals.length ? (
                          <>
                            <Text size="sm" fw={500} mt={4}>
                              {t('telephony.pop.lastAppeals')}
                            </Text>
                            <ul className="plain-list">
                              {a.lastAppeals.map((ap) => (
                                <li key={ap.id}>
                                  <Text size="sm">
                                    <Anchor component={Link} to={`/appeals/${ap.id}`}>
                                      {ap.number}
                                    </Anchor>{' '}
                                    · {formatDate(ap.registeredAt, i18n.language)} ·{' '}
                                    {questionName({ id: ap.questionTypeId, name: ap.question })} ·{' '}
                                    {t(`status.${ap.status}`)}
                                  </Text>
                                </li>
                              ))}
                            </ul>
                          </>
                        ) : (
                          <Text size="sm">{t('telephony.pop.noAppeals')}</Text>
                        )}
                        {a.openWorks.length ? (
                          <>
                            <Text size="sm" fw={500} mt={4}>
                              {t('telephony.pop.openWorks')}
                            </Text>
                            <ul className="plain-list">
                              {a.openWorks.map((w) => (
                                <li key={w.id}>
                                  <Badge color="orange.9" variant="light" size="sm" mr={4}>
                                    {w.until
                                      ? t('telephony.pop.until', {
                                          at: formatDateTime(w.until, i18n.language),
                                        })
                                      : t('telephony.pop.noEnd')}
                                  </Badge>
                                  <Text size="sm" span>
                                    {w.title}
                                  </Text>
                                </li>
                              ))}
                            </ul>
                          </>
                        ) : null}
                      </li>
                    ))}
                  </Stack>
                )}
              </ScrollArea.Autosize>
              <Stack gap={4}>
                <Button onClick={open} fullWidth>
                  {t('telephony.pop.open')}
                </Button>
                <Text size="sm" c="dimmed" ta="center">
                  <Kbd>{SCREEN_POP_KEY}</Kbd> {t('telephony.pop.keyHint')}
                </Text>
              </Stack>
            </Stack>
          </Paper>
        </Affix>
      ) : null}
    </>
  );
}
