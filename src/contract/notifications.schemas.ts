/**
 * The staff notification list (the outbox as the recipient sees it).
 */
import { z } from 'zod';

export const notificationView = z.object({
  id: z.number().int(),
  kind: z.string(),
  appealId: z.number().int().nullable(),
  subject: z.string(),
  body: z.string(),
  emergency: z.boolean(),
  createdAt: z.string(),
  read: z.boolean(),
});
