/**
 * Address suggestions for the intake screen: addresses of earlier appeals with how often they occur.
 */
import { z } from 'zod';

export const addressQuery = z.object({ q: z.string().trim().min(2).max(200) });

export const addressSuggestionView = z.object({ address: z.string(), count: z.number().int() });
export type AddressSuggestionView = z.infer<typeof addressSuggestionView>;
