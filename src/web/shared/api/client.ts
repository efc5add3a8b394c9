/**
 * The one HTTP client of the web app: JSON in and out, the session cookie, and the server's error
 * shape `{ error, message, details? }` turned into an `ApiError`.
 */

export interface ErrorDetail {
  /** Where the problem is, as the server names it: `body/applicant/fullName` or `applicant.fullName`. */
  path: string;
  message: string;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: ErrorDetail[] = [],
    /** The answer's `details` as sent (an object for refusals that carry data, e.g. `repeatOf`). */
    readonly data: unknown = undefined,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export const API_BASE = '/api/v1';

/** Called when the server answers 401 on a request other than login (the session has ended). */
let onUnauthorised: (() => void) | null = null;
export function setUnauthorisedHandler(handler: (() => void) | null): void {
  onUnauthorised = handler;
}

type Query = Record<string, string | number | boolean | null | undefined>;

/** `path?query` with empty values left out. */
export function withQuery(path: string, query?: Query): string {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null || value === '') continue;
    params.set(key, String(value));
  }
  const text = params.toString();
  return text ? `${path}?${text}` : path;
}

function isErrorBody(
  value: unknown,
): value is { error: string; message: string; details?: unknown } {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { error?: unknown }).error === 'string' &&
    typeof (value as { message?: unknown }).message === 'string'
  );
}

function toDetails(value: unknown): ErrorDetail[] {
  if (!Array.isArray(value)) return [];
  return value.flatMap((d: unknown) => {
    if (typeof d !== 'object' || d === null) return [];
    const { path, message } = d as { path?: unknown; message?: unknown };
    if (typeof message !== 'string') return [];
    const where = Array.isArray(path) ? path.join('.') : typeof path === 'string' ? path : '';
    return [{ path: where, message }];
  });
}

async function parse<T>(response: Response, path: string, base: string): Promise<T> {
  const type = response.headers.get('content-type') ?? '';
  const body: unknown = type.includes('json') ? await response.json() : undefined;
  if (!response.ok) {
    if (response.status === 401 && base === API_BASE && !path.startsWith('/auth/')) {
      onUnauthorised?.();
    }
    if (isErrorBody(body)) {
      throw new ApiError(
        response.status,
        body.error,
        body.message,
        toDetails(body.details),
        body.details,
      );
    }
    throw new ApiError(response.status, 'http_error', `${response.status} ${response.statusText}`);
  }
  return body as T;
}

type Headers = Record<string, string>;

/**
 * A client of one API root: GET, POST (JSON or FormData), PUT (JSON). Every method throws
 * `ApiError` on a non-2xx answer (and `TypeError` from fetch when the network fails).
 */
export function createApi(base: string) {
  return {
    async get<T>(path: string, query?: Query, signal?: AbortSignal): Promise<T> {
      const response = await fetch(base + withQuery(path, query), {
        credentials: 'same-origin',
        headers: { accept: 'application/json' },
        signal: signal ?? null,
      });
      return parse<T>(response, path, base);
    },
    async post<T>(path: string, body?: unknown, headers: Headers = {}): Promise<T> {
      const isForm = body instanceof FormData;
      const response = await fetch(base + path, {
        method: 'POST',
        credentials: 'same-origin',
        headers: isForm
          ? { accept: 'application/json', ...headers }
          : { accept: 'application/json', 'content-type': 'application/json', ...headers },
        body: isForm ? body : JSON.stringify(body ?? {}),
      });
      return parse<T>(response, path, base);
    },
    /** A partial change; a 204 answer gives undefined. */
    async patch<T = undefined>(path: string, body: unknown): Promise<T> {
      const response = await fetch(base + path, {
        method: 'PATCH',
        credentials: 'same-origin',
        headers: { accept: 'application/json', 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      if (response.status === 204) return undefined as T;
      return parse<T>(response, path, base);
    },
    async put<T>(path: string, body: unknown): Promise<T> {
      const response = await fetch(base + path, {
        method: 'PUT',
        credentials: 'same-origin',
        headers: { accept: 'application/json', 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      return parse<T>(response, path, base);
    },
    async delete<T>(path: string): Promise<T> {
      const response = await fetch(base + path, {
        method: 'DELETE',
        credentials: 'same-origin',
        headers: { accept: 'application/json' },
      });
      return parse<T>(response, path, base);
    },
  };
}

/** The staff API (/api/v1). */
export const api = createApi(API_BASE);

/** Server paths like `body/applicant/fullName` or `applicant.fullName` → `applicant.fullName`. */
export function detailField(path: string): string {
  return path
    .replace(/^(body|querystring|params)\/?/, '')
    .split(/[/.]/)
    .filter(Boolean)
    .join('.');
}
