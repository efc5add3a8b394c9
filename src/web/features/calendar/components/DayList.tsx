import { Button, Group, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DayInput } from '../../../shared/ui/DayInput.js';
import { dayLabel, isDay } from './calendar-days.js';
import { RemoveButton, Section } from './CalendarSection.js';

/** A list of days with add and remove (transferred working days, transferred days off). */
export function DayList({
  id,
  title,
  hint,
  days,
  onChange,
}: {
  id: string;
  title: string;
  hint: string;
  days: string[];
  onChange: (days: string[]) => void;
}) {
  const { t, i18n } = useTranslation();
  const [day, setDay] = useState('');
  const [error, setError] = useState<string | null>(null);
  const add = () => {
    if (!isDay(day)) return setError(t('calendar.badDate'));
    if (days.includes(day)) return setError(t('calendar.duplicate'));
    onChange([...days, day].sort());
    setDay('');
    setError(null);
  };
  return (
    <Section id={id} title={title}>
      <Stack gap="sm">
        <Text size="sm" c="dimmed">
          {hint}
        </Text>
        {days.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t('calendar.noDays')}
          </Text>
        ) : (
          <Group gap="xs" component="ul" className="plain-list">
            {days.map((d) => (
              <Group key={d} component="li" gap={2} className="day-chip" wrap="nowrap">
                <Text size="sm">{dayLabel(d, i18n.language)}</Text>
                <RemoveButton
                  label={t('calendar.removeDay', { day: dayLabel(d, i18n.language) })}
                  onClick={() => onChange(days.filter((x) => x !== d))}
                />
              </Group>
            ))}
          </Group>
        )}
        <Group gap="xs" align="flex-end">
          <DayInput label={t('calendar.date')} value={day} onChange={setDay} error={error} />
          <Button variant="default" onClick={add}>
            {t('calendar.add')}
          </Button>
        </Group>
      </Stack>
    </Section>
  );
}
