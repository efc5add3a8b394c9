/** Formal-answer flags of an appeal's responses (`GET /appeals/{id}/answer-flags`, controllers). */
import { queryOptions } from '@tanstack/react-query';
import type { AnswerFlagView } from '../../../../contract/assist.schemas.js';
import { api } from '../../../shared/api/client.js';

export type { AnswerFlagView };

export const answerFlagsQuery = (appealId: number) =>
  queryOptions({
    queryKey: ['appeals', appealId, 'answer-flags'],
    queryFn: () => api.get<AnswerFlagView[]>(`/appeals/${appealId}/answer-flags`),
  });
