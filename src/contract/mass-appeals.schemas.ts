/**
 * Mass appeals (issue 16, item 4; ADR 035): groups of appeals of one question type at one place
 * proposed for a controller to confirm; once confirmed, worked as one through the lead appeal.
 */
import { z } from 'zod';
import { APPEAL_STATUSES } from '../domain/vocabulary.js';

export const MASS_APPEAL_STATUSES = ['proposed', 'confirmed', 'dismissed'] as const;

export const massAppealMember = z.object({
  id: z.number().int(),
  number: z.string(),
  status: z.enum(APPEAL_STATUSES),
  receivedAt: z.string(),
  address: z.string().nullable(),
});

export const massAppealView = z.object({
  id: z.number().int(),
  status: z.enum(MASS_APPEAL_STATUSES),
  questionTypeId: z.number().int(),
  questionTypeName: z.string(),
  questionTypeNameEn: z.string().nullable(),
  /** A building (streetId null) or a whole street (buildingId null). */
  buildingId: z.number().int().nullable(),
  streetId: z.number().int().nullable(),
  /** «вулиця Сумська, 10» or «вулиця Сумська». */
  place: z.string().nullable(),
  leadAppealId: z.number().int().nullable(),
  leadNumber: z.string().nullable(),
  firstReceivedAt: z.string(),
  lastReceivedAt: z.string(),
  proposedAt: z.string(),
  decidedAt: z.string().nullable(),
  memberCount: z.number().int(),
  members: z.array(massAppealMember),
});
export type MassAppealView = z.infer<typeof massAppealView>;

export const massAppealListQuery = z.object({
  status: z.enum(MASS_APPEAL_STATUSES).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

export const proposeResult = z.object({
  proposed: z.number().int(),
  joined: z.number().int(),
});
