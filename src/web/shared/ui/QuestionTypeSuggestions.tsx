import { useDebouncedValue } from '@mantine/hooks';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { QuestionType } from '../api/types.js';
import { SuggestionList } from './SuggestionList.js';
import { MIN_SUGGESTION_TEXT, questionTypeSuggestionsQuery } from '../api/suggestions.js';
import { localName } from '../i18n/locale.js';

/**
 * The three most likely question types for what the caller said (`text`: the description as the
 * operator types it), each with the executor it routes to and why; choosing one sets the question
 * type. Used on the new-call screen and in the moderator's queue.
 */
export function QuestionTypeSuggestions({
  text,
  chosenId,
  onChoose,
}: {
  text: string;
  chosenId: number | null;
  onChoose: (type: QuestionType) => void;
}) {
  const { t, i18n } = useTranslation();
  const [debounced] = useDebouncedValue(text.trim(), 250);
  const enough = debounced.length >= MIN_SUGGESTION_TEXT;
  const result = useQuery({ ...questionTypeSuggestionsQuery(debounced), enabled: enough });
  const suggestions = enough ? (result.data?.suggestions ?? []) : [];
  return (
    <SuggestionList
      label={t('assist.suggestionsLabel')}
      chosenId={chosenId}
      items={suggestions.map((s) => ({
        id: s.questionType.id,
        name: localName(i18n.language, s.questionType.name, s.questionType.nameEn),
        kindName: localName(i18n.language, s.kindName, s.kindNameEn),
        executorName: s.executor?.name ?? null,
        usuallyAnsweredBy: s.usuallyAnsweredBy?.name ?? null,
        matchedWords: s.reason.matchedWords,
        similarPastAppeals: s.reason.similarPastAppeals,
        isEmergency: s.questionType.isEmergency,
      }))}
      onChoose={(id) => {
        const chosen = suggestions.find((s) => s.questionType.id === id);
        if (chosen) onChoose(chosen.questionType);
      }}
    />
  );
}
