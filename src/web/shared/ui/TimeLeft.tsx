import { Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { formatDateTime, timeLeft } from '../lib/format.js';

/** The control date with the time left (or how late it is), coloured calmly. */
export function ControlDate({
  controlDate,
  closed,
  withDate = true,
}: {
  controlDate: string | null;
  closed: boolean;
  withDate?: boolean;
}) {
  const { t, i18n } = useTranslation();
  if (!controlDate)
    return (
      <Text span inherit>
        —
      </Text>
    );
  const left = timeLeft(controlDate);
  const date = withDate ? formatDateTime(controlDate, i18n.language) : null;
  if (closed || left.state === 'none')
    return (
      <Text span inherit>
        {date}
      </Text>
    );
  const amount =
    left.days > 0
      ? t('time.days', { count: left.days })
      : t('time.hours', { count: Math.max(left.hours, 1) });
  const label =
    left.state === 'overdue' ? t('time.overdueBy', { amount }) : t('time.left', { amount });
  const colour = left.state === 'overdue' ? 'red.9' : left.dueSoon ? 'warn.8' : 'dimmed';
  return (
    <Text span inherit>
      {date}
      {date ? ' · ' : ''}
      <Text span inherit c={colour} fw={left.state === 'overdue' ? 600 : 400}>
        {label}
      </Text>
    </Text>
  );
}
