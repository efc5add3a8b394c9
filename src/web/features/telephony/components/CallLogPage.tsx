import {
  Anchor,
  Badge,
  Group,
  SegmentedControl,
  Stack,
  Switch,
  Table,
  Text,
  Title,
} from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { PageHeader } from '../../../shared/layout/PageHeader.js';
import {
  CITY_TIME_ZONE,
  cityDayStart,
  cityToday,
  formatDateTime,
} from '../../../shared/lib/format.js';
import { intlLocale } from '../../../shared/i18n/locale.js';
import { useLiveEvents } from '../../../shared/live/useLiveEvents.js';
import { ErrorNote } from '../../../shared/ui/ErrorNote.js';
import { EmptyRow } from '../../../shared/ui/EmptyRow.js';
import { TableScroll } from '../../../shared/ui/TableScroll.js';
import {
  PRESENCE_TOPIC,
  callLogQuery,
  figuresQuery,
  phoneForDisplay,
  type CallView,
} from '../api/telephony.js';

/** Seconds as `m:ss` or `h:mm:ss` (a dash when unknown). */
export function formatSeconds(seconds: number | null | undefined): string {
  if (seconds === null || seconds === undefined) return '—';
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = seconds % 60;
  const two = (n: number) => String(n).padStart(2, '0');
  return h > 0 ? `${h}:${two(m)}:${two(s)}` : `${m}:${two(s)}`;
}

/** The time of day in the city (hours, minutes, seconds). */
function formatTime(iso: string | null, language: string): string {
  if (!iso) return '—';
  return new Intl.DateTimeFormat(intlLocale(language), {
    timeZone: CITY_TIME_ZONE,
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).format(new Date(iso));
}

/** `YYYY-MM-DD` plus `days` (calendar arithmetic on the date alone). */
function addDays(day: string, days: number): string {
  const d = new Date(`${day}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

const PERIODS = { today: 1, week: 7, month: 30 } as const;
type Period = keyof typeof PERIODS;

const OUTCOME_COLOURS: Record<CallView['state'], string> = {
  ringing: 'blue',
  answered: 'green',
  ended: 'gray',
  missed: 'red',
};

/**
 * The head's call log (issue 20, item 4; `calls.monitor`): per-operator figures over a period
 * (calls, answered, talk time, after-call time), and every call with its times, operator, line,
 * outcome and the appeals registered during it; a switch keeps only the calls that ended with
 * nothing registered. Refreshed on the live bus's presence events (a call answered or ended
 * moves its operator's presence) and every 30 s.
 */
export function CallLogPage() {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const [unregistered, setUnregistered] = useState(false);
  const [period, setPeriod] = useState<Period>('today');
  const range = useMemo(() => {
    const today = cityToday();
    return {
      from: cityDayStart(addDays(today, 1 - PERIODS[period])),
      to: cityDayStart(addDays(today, 1)),
    };
  }, [period]);
  const calls = useQuery(callLogQuery({ unregistered }));
  const figures = useQuery(figuresQuery(range));
  useLiveEvents([PRESENCE_TOPIC], {
    onEvent: () => void queryClient.invalidateQueries({ queryKey: ['telephony'] }),
    onConnect: () => void queryClient.invalidateQueries({ queryKey: ['telephony'] }),
  });
  const lang = i18n.language;

  return (
    <Stack gap="lg">
      <PageHeader title={t('telephony.log.title')} description={t('telephony.log.subtitle')} />
      <ErrorNote error={calls.error ?? figures.error} />

      <section aria-labelledby="figures-heading">
        <Group justify="space-between" align="flex-end" mb="sm">
          <Title order={2} size="h3" id="figures-heading">
            {t('telephony.figures.title')}
          </Title>
          <SegmentedControl
            aria-label={t('telephony.figures.period')}
            value={period}
            onChange={(v) => setPeriod(v)}
            data={(Object.keys(PERIODS) as Period[]).map((p) => ({
              value: p,
              label: t(`telephony.figures.${p}`),
            }))}
          />
        </Group>
        <TableScroll label={t('telephony.figures.title')} minWidth={560}>
          <Table striped aria-labelledby="figures-heading">
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('telephony.col.operator')}</Table.Th>
                <Table.Th scope="col" ta="right">
                  {t('telephony.figures.calls')}
                </Table.Th>
                <Table.Th scope="col" ta="right">
                  {t('telephony.figures.answered')}
                </Table.Th>
                <Table.Th scope="col" ta="right">
                  {t('telephony.figures.talk')}
                </Table.Th>
                <Table.Th scope="col" ta="right">
                  {t('telephony.figures.afterCall')}
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {(figures.data?.items ?? []).map((f) => (
                <Table.Tr key={f.operatorId}>
                  <Table.Th scope="row" fw={500}>
                    {f.fullName}
                  </Table.Th>
                  <Table.Td ta="right">{f.calls}</Table.Td>
                  <Table.Td ta="right">{f.answered}</Table.Td>
                  <Table.Td ta="right">{formatSeconds(f.talkSeconds)}</Table.Td>
                  <Table.Td ta="right">{formatSeconds(f.afterCallSeconds)}</Table.Td>
                </Table.Tr>
              ))}
              {figures.data && figures.data.items.length === 0 ? (
                <EmptyRow columns={5}>{t('telephony.figures.none')}</EmptyRow>
              ) : null}
            </Table.Tbody>
          </Table>
        </TableScroll>
      </section>

      <section aria-labelledby="calls-heading">
        <Group justify="space-between" align="flex-end" mb="sm">
          <Title order={2} size="h3" id="calls-heading">
            {t('telephony.log.calls')}
          </Title>
          <Switch
            label={t('telephony.log.unregisteredOnly')}
            checked={unregistered}
            onChange={(e) => setUnregistered(e.currentTarget.checked)}
          />
        </Group>
        <TableScroll label={t('telephony.log.calls')} minWidth={1000}>
          <Table striped aria-labelledby="calls-heading" data-testid="call-log">
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('telephony.col.ringing')}</Table.Th>
                <Table.Th scope="col">{t('telephony.col.caller')}</Table.Th>
                <Table.Th scope="col">{t('telephony.col.line')}</Table.Th>
                <Table.Th scope="col">{t('telephony.col.operator')}</Table.Th>
                <Table.Th scope="col">{t('telephony.col.outcome')}</Table.Th>
                <Table.Th scope="col">{t('telephony.col.answered')}</Table.Th>
                <Table.Th scope="col">{t('telephony.col.ended')}</Table.Th>
                <Table.Th scope="col" ta="right">
                  {t('telephony.col.talk')}
                </Table.Th>
                <Table.Th scope="col">{t('telephony.col.appeals')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {(calls.data?.items ?? []).map((c) => (
                <Table.Tr key={c.id} data-call={c.externalId}>
                  <Table.Td>{formatDateTime(c.ringingAt ?? c.answeredAt, lang)}</Table.Td>
                  <Table.Td>
                    {phoneForDisplay(c.callerNumber) ?? t('telephony.pop.hiddenNumber')}
                  </Table.Td>
                  <Table.Td>{c.line ?? '—'}</Table.Td>
                  <Table.Td>
                    {c.operator ? c.operator.fullName : '—'}
                    {c.extension ? (
                      <Text span size="sm" c="dimmed">
                        {' '}
                        ({t('telephony.ext', { extension: c.extension })})
                      </Text>
                    ) : null}
                  </Table.Td>
                  <Table.Td>
                    <Badge
                      color={OUTCOME_COLOURS[c.state]}
                      c={`${OUTCOME_COLOURS[c.state]}.9`}
                      variant="light"
                      radius="sm"
                      className="status-badge"
                    >
                      {t(`telephony.state.${c.state}`)}
                    </Badge>
                  </Table.Td>
                  <Table.Td>{formatTime(c.answeredAt, lang)}</Table.Td>
                  <Table.Td>{formatTime(c.endedAt, lang)}</Table.Td>
                  <Table.Td ta="right">{formatSeconds(c.talkSeconds)}</Table.Td>
                  <Table.Td>
                    {c.appeals.length ? (
                      <Group gap={6}>
                        {c.appeals.map((a) => (
                          <Anchor key={a.id} component={Link} to={`/appeals/${a.id}`} size="sm">
                            {a.number}
                          </Anchor>
                        ))}
                      </Group>
                    ) : c.state === 'ended' || c.state === 'missed' ? (
                      <Text size="sm" c="red.9">
                        {t('telephony.log.nothingRegistered')}
                      </Text>
                    ) : (
                      '—'
                    )}
                  </Table.Td>
                </Table.Tr>
              ))}
              {calls.data && calls.data.items.length === 0 ? (
                <EmptyRow columns={9}>{t('telephony.log.none')}</EmptyRow>
              ) : null}
            </Table.Tbody>
          </Table>
        </TableScroll>
      </section>
    </Stack>
  );
}
