import { useDebouncedValue } from '@mantine/hooks';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { PublicSuggestionsView } from '../../../contract/assist.schemas.js';
import { SuggestionList } from '../../shared/ui/SuggestionList.js';
import { publicApi } from '../api.js';
import { localName } from '../../shared/i18n/locale.js';

const MIN_TEXT = 3;

/**
 * Topics that fit what the citizen wrote, under the description (the same model as the operator's
 * suggestions, public topics only); choosing one fills the topic field. Only topics the form
 * offers (`offered`) are shown.
 */
export function TopicSuggestions({
  text,
  chosenId,
  offered,
  onChoose,
}: {
  text: string;
  chosenId: number | null;
  offered: ReadonlySet<number>;
  onChoose: (id: number) => void;
}) {
  const { t, i18n } = useTranslation();
  const [debounced] = useDebouncedValue(text.trim(), 300);
  const enough = debounced.length >= MIN_TEXT;
  const result = useQuery({
    queryKey: ['public', 'question-type-suggestions', debounced],
    queryFn: ({ signal }) =>
      publicApi.get<PublicSuggestionsView>(
        '/question-type-suggestions',
        { text: debounced, limit: 3 },
        signal,
      ),
    enabled: enough,
    staleTime: 60_000,
    placeholderData: keepPreviousData,
  });
  const items = (enough ? (result.data?.suggestions ?? []) : [])
    .filter((s) => offered.has(s.id))
    .map((s) => ({
      id: s.id,
      name: localName(i18n.language, s.name, s.nameEn),
      kindName: localName(i18n.language, s.kindName, s.kindNameEn),
      matchedWords: s.matchedWords,
    }));
  return (
    <SuggestionList
      label={t('assist.topicSuggestionsLabel')}
      items={items}
      chosenId={chosenId}
      onChoose={onChoose}
    />
  );
}
