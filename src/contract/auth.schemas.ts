/**
 * Sign-in and the current user (`GET /auth/me`).
 */
import { z } from 'zod';
import { ROLES } from '../domain/vocabulary.js';

export const meView = z.object({
  id: z.number().int(),
  login: z.string(),
  fullName: z.string(),
  role: z.enum(ROLES),
  organisationId: z.number().int().nullable(),
  permissions: z.array(z.string()),
});
