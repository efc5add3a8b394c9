/**
 * The database going away (a restart, a failover, a full connection pool, the embedded engine
 * closed) is not the client's fault nor a bug of ours: every route answers 503
 * `service_unavailable` with `Retry-After`, never 500, and says nothing of the driver's message
 * (issue 11, item 12).
 */
import type { FastifyReply } from 'fastify';
import { AppError } from '../errors.js';

/** Seconds a client is asked to wait before trying again. */
export const RETRY_AFTER_SECONDS = 30;

/** Node's socket errors when the server cannot be reached or drops the connection. */
const SOCKET_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'ENOTFOUND',
  'EHOSTUNREACH',
]);

/**
 * SQLSTATEs of an unavailable database: class 08 (connection exception), 57P01–57P03 (shut down,
 * crashed, cannot connect now), 53300 (too many connections), 3D000 (the database is gone).
 */
function unavailableState(code: string): boolean {
  return code.startsWith('08') || /^57P0[1-3]$/.test(code) || code === '53300' || code === '3D000';
}

/** Messages of `pg` and the embedded adapter when there is no connection to use. */
const UNAVAILABLE_MESSAGE =
  /Connection terminated|driver has already been destroyed|timeout exceeded when trying to connect|not queryable|Cannot use a pool after calling end|not currently accepting connections|PGlite is closed|_PostgresSendReadyForQueryIfNecessary/;

/** Whether `error` means the database cannot be reached (rather than a fault of the request). */
export function isDatabaseUnavailable(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string' && (SOCKET_CODES.has(code) || unavailableState(code))) return true;
  if (UNAVAILABLE_MESSAGE.test(error.message)) return true;
  const cause = (error as { cause?: unknown }).cause;
  return cause !== undefined && cause !== error && isDatabaseUnavailable(cause);
}

/** The error every route answers with while the database is unavailable. */
export function serviceUnavailable(): AppError {
  return new AppError(
    'service_unavailable',
    503,
    `The service is briefly unavailable (its database cannot be reached); try again in ${RETRY_AFTER_SECONDS} s.`,
    { retryAfterSeconds: RETRY_AFTER_SECONDS },
  );
}

/** Set `Retry-After` on a 503 answer. */
export function setRetryAfter(reply: FastifyReply): void {
  void reply.header('Retry-After', String(RETRY_AFTER_SECONDS));
}
