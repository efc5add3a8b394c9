/**
 * Issue 15, item 5: the executor registration will choose at this address, and why — the
 * building's maintainer, the district's rule, works at the place or the question type's default —
 * named under the question type instead of the default (so the screen says what the card will
 * say). A consultation is closed at once and goes to no executor. (The screen has no executor of
 * the operator's own choice: the preview is what registration does.)
 */
import { useDebouncedValue } from '@mantine/hooks';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { routingPreviewQuery, type NewCallValues } from '../api/new-call.js';

interface Place {
  questionTypeId: number | null;
  buildingId: number | null;
  /** The address as typed: previewed once it has settled. */
  address: string;
  kind: NewCallValues['kind'];
}

/** The note under the question type, or null (a consultation, or no answer yet). */
export function useExecutorNote({ questionTypeId, buildingId, address, kind }: Place) {
  const { t } = useTranslation();
  const [settledAddress] = useDebouncedValue(address, 400);
  const routing = useQuery(
    routingPreviewQuery({ questionTypeId, buildingId, districtId: null, address: settledAddress }),
  );
  if (kind === 'consultation' || !routing.data) return null;
  const { executor, coExecutors, reason, workId } = routing.data;
  if (reason === 'works') return t('newCall.routing.works', { id: workId });
  if (reason === 'inactive_default')
    return t('newCall.routing.inactiveDefault', { executor: executor?.name ?? '' });
  if (!executor) return t('newCall.routing.none');
  const said = t(`newCall.routing.${reason === 'none' ? 'default' : reason}`, {
    executor: executor.name,
  });
  return coExecutors.length === 0
    ? said
    : `${said} · ${t('newCall.routing.coExecutors', { names: coExecutors.map((c) => c.name).join(', ') })}`;
}
