/**
 * Deadline control over HTTP: extension and explanation requests (Art. 20; regulation 4.1.5).
 */
import { z } from 'zod';
import {
  EXPLANATION_STATES,
  EXTENSION_STATES,
  type ExplanationState,
  type ExtensionState,
} from '../domain/deadlines.js';

export { EXPLANATION_STATES, EXTENSION_STATES, type ExplanationState, type ExtensionState };

export const extensionRequestSchema = z.object({
  reason: z.string().trim().min(1, 'must not be empty').max(2000),
  days: z.number().int().min(1).max(30),
});

export const extensionDecisionSchema = z.object({
  approve: z.boolean(),
  comment: z.string().trim().max(2000).optional(),
});

export const extensionRequestView = z.object({
  id: z.number().int(),
  appealId: z.number().int(),
  appealNumber: z.string(),
  executor: z.string().nullable(),
  reason: z.string(),
  requestedDays: z.number().int(),
  state: z.enum(EXTENSION_STATES),
  newDeadline: z.string().nullable(),
  decisionComment: z.string().nullable(),
  createdAt: z.string(),
});
export type ExtensionRequestView = z.infer<typeof extensionRequestView>;

export const explanationRequestSchema = z.object({
  question: z.string().trim().min(1, 'must not be empty').max(2000),
});

export const explanationAnswerSchema = z.object({
  answer: z.string().trim().min(1, 'must not be empty').max(5000),
});

export const explanationView = z.object({
  id: z.number().int(),
  appealId: z.number().int(),
  appealNumber: z.string(),
  executor: z.string(),
  question: z.string(),
  dueAt: z.string(),
  state: z.enum(EXPLANATION_STATES),
  answer: z.string().nullable(),
  answeredAt: z.string().nullable(),
  overdue: z.boolean(),
});
export type ExplanationView = z.infer<typeof explanationView>;

export const extensionListQuery = z.object({ state: z.enum(EXTENSION_STATES).optional() });
export const explanationListQuery = z.object({ state: z.enum(EXPLANATION_STATES).optional() });
export const extensionCreatedView = z.object({ id: z.number().int() });
export const explanationCreatedView = z.object({ id: z.number().int(), dueAt: z.string() });
