/**
 * Applicants: as the intake screen finds them by phone, and as a new one is written with an appeal.
 */
import { z } from 'zod';
import { emailField, phoneField } from '../domain/portal-forms.js';
import { AUTHOR_SEX_KEYS } from '../domain/classifier-858.js';
import { text } from './common.js';

export const applicantView = z.object({
  id: z.number().int(),
  fullName: z.string(),
  phones: z.array(z.string()),
  email: z.string().nullable(),
  address: z.string().nullable(),
  privilegedCategory: z.string().nullable(),
  socialStatus: z.string().nullable(),
  /** Issue 17: the sex the last intake recorded (Classifier No. 858, I.4). */
  sex: z.enum(AUTHOR_SEX_KEYS).nullable().optional(),
});

export const applicantInputSchema = z.object({
  fullName: text(200),
  phones: z.array(phoneField()).max(5).default([]),
  email: emailField().nullish(),
  address: z.string().trim().max(500).nullish(),
  privilegedCategory: z.string().trim().max(100).nullish(),
  socialStatus: z.string().trim().max(100).nullish(),
});
export type ApplicantInput = z.infer<typeof applicantInputSchema>;

// --- issue 14 (item 8): search, edit with history, merge duplicates --------------------------

export const applicantSearchQuery = z.object({
  /** Name, e-mail or address words (apostrophes and Latin look-alikes folded), or a phone. */
  q: z.string().trim().min(2).max(200),
});

export const applicantChangeSchema = applicantInputSchema.partial();
export type ApplicantChange = z.infer<typeof applicantChangeSchema>;

export const applicantListItem = applicantView.extend({ appealCount: z.number().int() });

export const duplicateProposal = z.object({
  /** `phone`: a shared phone number; `name_address`: the same name and address (folded). */
  reason: z.enum(['phone', 'name_address']),
  applicants: z.array(applicantListItem),
});

export const mergeSchema = z.object({
  survivorId: z.number().int().positive(),
  mergedId: z.number().int().positive(),
});

export const mergeView = z.object({
  id: z.number().int(),
  survivorId: z.number().int(),
  mergedId: z.number().int(),
  appealIds: z.array(z.number().int()),
  mergedAt: z.date(),
  undoneAt: z.date().nullable(),
});

export const applicantHistoryEntry = z.object({
  at: z.date(),
  actorLabel: z.string(),
  action: z.string(),
  data: z.record(z.string(), z.unknown()),
});
