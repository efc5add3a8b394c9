/**
 * One error shape for the whole API: `{ error: "stable_code", message, details? }` with an HTTP
 * status. Use cases throw `AppError`; the HTTP layer turns it into the response.
 */
export class AppError extends Error {
  constructor(
    /** Stable machine-readable code, e.g. `appeal_not_found`, `rework_limit_reached`. */
    readonly code: string,
    /** HTTP status: 4xx for what a client can fix, 5xx only for our own faults. */
    readonly status: number,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'AppError';
  }
}

export const notFound = (what: string, id: number | string): AppError =>
  new AppError(`${what}_not_found`, 404, `No ${what.replace(/_/g, ' ')} with id ${id}.`);

export const forbidden = (message = 'Your role may not do this.', details?: unknown): AppError =>
  new AppError('forbidden', 403, message, details);

export const badRequest = (code: string, message: string, details?: unknown): AppError =>
  new AppError(code, 400, message, details);

export const conflict = (code: string, message: string, details?: unknown): AppError =>
  new AppError(code, 409, message, details);
