/**
 * Sign-in and the current user (`GET /auth/me`).
 */
import { z } from 'zod';
import { ROLES } from '../domain/vocabulary.js';

export const loginSchema = z.object({
  login: z.string().trim().min(1).max(64),
  password: z.string().min(1).max(200),
});
export type LoginInput = z.infer<typeof loginSchema>;

export const meView = z.object({
  id: z.number().int(),
  login: z.string(),
  fullName: z.string(),
  role: z.enum(ROLES),
  organisationId: z.number().int().nullable(),
  permissions: z.array(z.string()),
  /** A one-time password is in use: the app opens the own-password page first. */
  mustChangePassword: z.boolean().optional(),
});

/** The sign-in answer: the user, and the failed sign-ins under this login since the last success. */
export const signInView = meView.extend({
  failedSignIns: z
    .object({ count: z.number().int(), lastAt: z.date() })
    .nullable()
    .describe('Failed sign-ins under this login since the last success (told to the user).'),
});
