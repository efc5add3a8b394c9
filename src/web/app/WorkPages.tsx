import { useTranslation } from 'react-i18next';
import { WorkQueuePage } from '../features/work-queues/components/WorkQueuePage.js';
import { EXECUTOR_QUEUES, REVIEW_QUEUES } from './StartPage.js';

export function InboxPage() {
  const { t } = useTranslation();
  return (
    <WorkQueuePage
      queues={EXECUTOR_QUEUES}
      mode="executor"
      title={t('inbox.title')}
      description={t('inbox.subtitle')}
    />
  );
}

export function ReviewPage() {
  const { t } = useTranslation();
  return (
    <WorkQueuePage
      queues={REVIEW_QUEUES}
      mode="controller"
      title={t('review.title')}
      description={t('review.subtitle')}
    />
  );
}
