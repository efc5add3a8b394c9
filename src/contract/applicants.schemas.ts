/**
 * Applicants: as the intake screen finds them by phone, and as a new one is written with an appeal.
 */
import { z } from 'zod';
import { text } from './common.js';

export const applicantView = z.object({
  id: z.number().int(),
  fullName: z.string(),
  phones: z.array(z.string()),
  email: z.string().nullable(),
  address: z.string().nullable(),
  privilegedCategory: z.string().nullable(),
  socialStatus: z.string().nullable(),
});

export const applicantInputSchema = z.object({
  fullName: text(200),
  phones: z.array(z.string().trim().min(5).max(30)).max(5).default([]),
  email: z.email().max(320).nullish(),
  address: z.string().trim().max(500).nullish(),
  privilegedCategory: z.string().trim().max(100).nullish(),
  socialStatus: z.string().trim().max(100).nullish(),
});
export type ApplicantInput = z.infer<typeof applicantInputSchema>;
