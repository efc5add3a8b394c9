/**
 * Staff users over HTTP: the administrator's new user and the user view.
 */
import { z } from 'zod';
import { ROLES } from '../domain/vocabulary.js';

export const newUserSchema = z.object({
  login: z
    .string()
    .trim()
    .min(3)
    .max(64)
    .regex(/^[\w.@-]+$/, 'letters, digits and . _ @ - only'),
  fullName: z.string().trim().min(1).max(200),
  email: z.email().max(320).nullable().optional(),
  role: z.enum(ROLES),
  organisationId: z.number().int().positive().nullable().optional(),
  password: z.string().min(8, 'at least 8 characters').max(200),
});
export type NewUser = z.infer<typeof newUserSchema>;

export const userView = z.object({
  id: z.number().int(),
  login: z.string(),
  fullName: z.string(),
  email: z.string().nullable(),
  role: z.enum(ROLES),
  organisationId: z.number().int().nullable(),
  active: z.boolean(),
});
