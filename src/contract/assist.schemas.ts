/**
 * The assistance API's schemas, once: requests, answers (OpenAPI through fastify-type-provider-zod)
 * and the web client's types (`z.infer`).
 */
import { z } from 'zod';
import { questionTypeView } from './classifier.schemas.js';

export const suggestionsQuery = z.object({
  text: z.string().trim().min(1).max(2000),
  limit: z.coerce.number().int().min(1).max(10).default(3),
});

export const questionTypeSuggestionView = z.object({
  questionType: questionTypeView,
  kindName: z.string(),
  kindNameEn: z.string().nullable(),
  /** Where registration would route it (the routing rule). */
  executor: z.object({ id: z.number().int(), name: z.string() }).nullable(),
  /** The executor that most often finally answered this question type, when not the routed one. */
  usuallyAnsweredBy: z.object({ id: z.number().int(), name: z.string() }).nullable(),
  confidence: z.number().min(0).max(1),
  reason: z.object({
    matchedWords: z.array(z.string()),
    similarPastAppeals: z.number().int().min(0),
  }),
});
export type QuestionTypeSuggestion = z.infer<typeof questionTypeSuggestionView>;

export const suggestionsView = z.object({
  modelVersion: z.number().int(),
  suggestions: z.array(questionTypeSuggestionView),
});

export type SuggestionsView = z.infer<typeof suggestionsView>;

export const publicSuggestionsView = z.object({
  suggestions: z.array(
    z.object({
      id: z.number().int(),
      name: z.string(),
      nameEn: z.string().nullable(),
      kindName: z.string(),
      kindNameEn: z.string().nullable(),
      matchedWords: z.array(z.string()),
    }),
  ),
});

export type PublicSuggestionsView = z.infer<typeof publicSuggestionsView>;

export const modelView = z.object({
  version: z.number().int(),
  trainedAt: z.string(),
  historyAppeals: z.number().int(),
  seedDocuments: z.number().int(),
  questionTypes: z.number().int(),
  features: z.number().int(),
  tookMs: z.number().int(),
});

export type ModelView = z.infer<typeof modelView>;

export const FORMAL_REASONS = ['near_copy', 'boilerplate', 'off_subject'] as const;

export const answerFlagView = z.object({
  responseId: z.number().int(),
  reason: z.enum(FORMAL_REASONS),
  details: z.object({
    appealId: z.number().int().optional(),
    similarity: z.number().optional(),
    phrases: z.array(z.string()).optional(),
  }),
  at: z.string(),
});

export type AnswerFlagView = z.infer<typeof answerFlagView>;

export const flagCountsQuery = z.object({
  from: z.iso.date().describe('First day, YYYY-MM-DD (a day in the city’s time zone)'),
  to: z.iso.date().describe('Last day included, YYYY-MM-DD'),
});

export const executorFlagCountsView = z.object({
  executorId: z.number().int(),
  executorName: z.string(),
  responses: z.number().int(),
  flagged: z.number().int(),
  byReason: z.object({
    near_copy: z.number().int(),
    boilerplate: z.number().int(),
    off_subject: z.number().int(),
  }),
});

export type ExecutorFlagCountsView = z.infer<typeof executorFlagCountsView>;

export const boilerplateView = z.object({ id: z.number().int(), phrase: z.string() });
export const boilerplateListSchema = z.object({
  phrases: z.array(z.string().trim().min(3).max(300)).max(500),
});

export type BoilerplateView = z.infer<typeof boilerplateView>;
