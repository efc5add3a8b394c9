/**
 * Executors (organisations) over HTTP: the view and the administrator's new organisation.
 */
import { z } from 'zod';
import { ORGANISATION_TYPES } from '../domain/vocabulary.js';

export const newOrganisationSchema = z.object({
  name: z.string().trim().min(1).max(300),
  shortName: z.string().trim().max(100).nullish(),
  type: z.enum(ORGANISATION_TYPES).default('other'),
  parentId: z.number().int().positive().nullish(),
  email: z.email().nullish(),
  phone: z.string().trim().max(30).nullish(),
});
export type NewOrganisation = z.infer<typeof newOrganisationSchema>;

export const organisationView = z.object({
  id: z.number().int(),
  parentId: z.number().int().nullable(),
  name: z.string(),
  shortName: z.string().nullable(),
  type: z.enum(ORGANISATION_TYPES),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  active: z.boolean(),
});
export type OrganisationView = z.infer<typeof organisationView>;
