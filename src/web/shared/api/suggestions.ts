/**
 * Question-type suggestions for the caller's words (`GET /assist/suggestions`), as the operator
 * types: the most likely question types, where each routes, and why.
 */
import { keepPreviousData, queryOptions } from '@tanstack/react-query';
import type { SuggestionsView } from '../../../contract/assist.schemas.js';
import { api } from './client.js';

export type { SuggestionsView };

/** Below this many letters nothing is asked. */
export const MIN_SUGGESTION_TEXT = 3;

export const questionTypeSuggestionsQuery = (text: string) =>
  queryOptions({
    queryKey: ['assist', 'suggestions', text],
    queryFn: ({ signal }) =>
      api.get<SuggestionsView>('/assist/suggestions', { text, limit: 3 }, signal),
    enabled: text.length >= MIN_SUGGESTION_TEXT,
    staleTime: 60_000,
    placeholderData: keepPreviousData,
  });
