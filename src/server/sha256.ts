/**
 * The SHA-256 of a text or bytes as lowercase hex (64 characters): what the server keeps of
 * session tokens, API keys, access codes' lookups, Idempotency-Keys and request bodies, so a
 * stolen database gives none of them back.
 */
import { createHash } from 'node:crypto';

export function sha256(data: string | Buffer): string {
  return createHash('sha256').update(data).digest('hex');
}
