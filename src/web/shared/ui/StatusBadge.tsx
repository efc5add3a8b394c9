import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { AppealStatus } from '../../../domain/vocabulary.js';

const COLOURS: Record<AppealStatus, string> = {
  registered: 'blue',
  in_work: 'indigo',
  on_check: 'grape',
  rework: 'orange',
  closed: 'gray',
};

export function StatusBadge({ status }: { status: AppealStatus }) {
  const { t } = useTranslation();
  return (
    <Badge color={COLOURS[status]} variant="light" radius="sm" className="status-badge">
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
