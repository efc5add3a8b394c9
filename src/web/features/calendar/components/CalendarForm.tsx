import {
  Button,
  Checkbox,
  Group,
  Paper,
  SimpleGrid,
  Stack,
  Switch,
  Text,
  TextInput,
} from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, detailField } from '../../../shared/api/client.js';
import type { WorkCalendar } from '../../../shared/api/types.js';
import { ErrorNote } from '../../../shared/ui/ErrorNote.js';
import { useSaveCalendar } from '../api/calendar.js';
import { isEnd, isStart, WEEKDAYS, weekdayName } from './calendar-days.js';
import { Section } from './CalendarSection.js';
import { DayList } from './DayList.js';
import { Holidays } from './Holidays.js';

/**
 * The work calendar's form: martial law, service hours, weekend days, holidays and transferred
 * days; saved as one calendar (the server's errors listed by field).
 */
export function CalendarForm({ initial }: { initial: WorkCalendar }) {
  const { t, i18n } = useTranslation();
  const save = useSaveCalendar();
  const [calendar, setCalendar] = useState<WorkCalendar>(initial);
  const [touched, setTouched] = useState(false);
  const set = <K extends keyof WorkCalendar>(key: K, value: WorkCalendar[K]) => {
    setCalendar((c) => ({ ...c, [key]: value }));
    save.reset();
  };
  const { start, end } = calendar.serviceHours;
  const startError = touched && !isStart(start) ? t('calendar.badTime') : undefined;
  const endError = touched && !isEnd(end) ? t('calendar.badTime') : undefined;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setTouched(true);
    if (!isStart(start) || !isEnd(end)) return;
    save.mutate(calendar, { onSuccess: (saved) => setCalendar(saved) });
  };
  const details = save.error instanceof ApiError ? save.error.details : [];

  return (
    <form onSubmit={submit} noValidate aria-label={t('calendar.title')}>
      <Stack gap="lg">
        <Section id="mode-heading" title={t('calendar.mode')}>
          <Stack gap="md">
            <Switch
              checked={calendar.martialLaw}
              onChange={(e) => set('martialLaw', e.currentTarget.checked)}
              label={t('calendar.martialLaw')}
              description={t('calendar.martialLawHint')}
              size="md"
            />
            <Text size="sm">
              {t('calendar.timeZone')}: <strong>{calendar.timeZone}</strong>
            </Text>
          </Stack>
        </Section>
        <Section id="hours-heading" title={t('calendar.serviceHours')}>
          <Stack gap="sm">
            <Text size="sm" c="dimmed">
              {t('calendar.serviceHoursHint')}
            </Text>
            <Switch
              checked={start === '00:00' && end === '24:00'}
              onChange={(e) =>
                set('serviceHours', {
                  ...calendar.serviceHours,
                  ...(e.currentTarget.checked
                    ? { start: '00:00', end: '24:00' }
                    : { start: '08:00', end: '22:00' }),
                })
              }
              label={t('calendar.roundTheClock')}
            />
            <Switch
              checked={calendar.serviceHours.workingDaysOnly ?? false}
              onChange={(e) =>
                set('serviceHours', {
                  ...calendar.serviceHours,
                  workingDaysOnly: e.currentTarget.checked,
                })
              }
              label={t('calendar.workingDaysOnly')}
              description={t('calendar.workingDaysOnlyHint')}
            />
            <SimpleGrid cols={{ base: 2 }} maw={320}>
              <TextInput
                label={t('calendar.start')}
                value={start}
                placeholder="08:00"
                inputMode="numeric"
                onChange={(e) =>
                  set('serviceHours', { ...calendar.serviceHours, start: e.currentTarget.value })
                }
                error={startError}
              />
              <TextInput
                label={t('calendar.end')}
                value={end}
                placeholder="22:00"
                inputMode="numeric"
                onChange={(e) =>
                  set('serviceHours', { ...calendar.serviceHours, end: e.currentTarget.value })
                }
                error={endError}
              />
            </SimpleGrid>
          </Stack>
        </Section>
        <Section id="weekend-heading" title={t('calendar.weekendDays')}>
          <Checkbox.Group
            value={calendar.weekendDays.map(String)}
            onChange={(v) =>
              set(
                'weekendDays',
                v.map(Number).sort((a, b) => a - b),
              )
            }
            label={t('calendar.weekendDaysHint')}
          >
            <Group gap="md" mt="xs">
              {WEEKDAYS.map((d) => (
                <Checkbox key={d} value={String(d)} label={weekdayName(d, i18n.language)} />
              ))}
            </Group>
          </Checkbox.Group>
        </Section>
        <Holidays holidays={calendar.holidays} onChange={(h) => set('holidays', h)} />
        <SimpleGrid cols={{ base: 1, md: 2 }} spacing="lg">
          <DayList
            id="working-heading"
            title={t('calendar.transferredWorkingDays')}
            hint={t('calendar.transferredWorkingDaysHint')}
            days={calendar.transferredWorkingDays}
            onChange={(d) => set('transferredWorkingDays', d)}
          />
          <DayList
            id="off-heading"
            title={t('calendar.transferredDaysOff')}
            hint={t('calendar.transferredDaysOffHint')}
            days={calendar.transferredDaysOff}
            onChange={(d) => set('transferredDaysOff', d)}
          />
        </SimpleGrid>
        <Paper withBorder p="md" radius="md" className="sticky-actions">
          <Stack gap="xs">
            <ErrorNote error={save.error} title={t('calendar.notSaved')} />
            {details.length > 0 ? (
              <Stack
                gap={2}
                component="ul"
                className="error-details"
                aria-label={t('calendar.problems')}
              >
                {details.map((d, i) => (
                  <Text key={i} component="li" size="sm" c="red.9">
                    {d.path ? `${detailField(d.path)}: ` : ''}
                    {d.message}
                  </Text>
                ))}
              </Stack>
            ) : null}
            {save.isSuccess ? (
              <Text size="sm" c="teal.8" role="status">
                {t('calendar.saved')}
              </Text>
            ) : null}
            <Group gap="sm">
              <Button type="submit" loading={save.isPending} size="md">
                {t('calendar.save')}
              </Button>
              <Button
                variant="default"
                onClick={() => {
                  setCalendar(initial);
                  setTouched(false);
                  save.reset();
                }}
              >
                {t('calendar.reset')}
              </Button>
            </Group>
          </Stack>
        </Paper>
      </Stack>
    </form>
  );
}
