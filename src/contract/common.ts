/**
 * Small pieces every contract file uses: a positive id, an ISO 8601 instant with offset, and
 * required text (trimmed, not empty, at most `max` characters).
 */
import { z } from 'zod';

export const id = z.number().int().positive();
export const isoDateTime = z.iso.datetime({ offset: true });
export const text = (max: number) => z.string().trim().min(1, 'must not be empty').max(max);
/** A path parameter `:id`. */
export const idParams = z.object({ id: z.coerce.number().int().positive() });
