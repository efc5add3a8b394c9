import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { AppealStatus } from '../../../domain/vocabulary.js';

const COLOURS: Record<AppealStatus, string> = {
  registered: 'blue',
  in_work: 'indigo',
  on_check: 'grape',
  rework: 'warn',
  closed: 'gray',
};

export function StatusBadge({ status }: { status: AppealStatus }) {
  const { t } = useTranslation();
  return (
    <Badge
      color={COLOURS[status]}
      // Orange text on its light tint is too faint (3.6:1); the darker shade reads at 4.5:1 or more.
      c={status === 'rework' ? 'warn.8' : undefined}
      variant="light"
      radius="sm"
      className="status-badge"
    >
      {t(`status.${status}`)}
    </Badge>
  );
}

export function PrivilegedBadge() {
  const { t } = useTranslation();
  return (
    <Badge color="red" variant="outline" radius="sm" className="status-badge">
      {t('appeal.privileged')}
    </Badge>
  );
}
