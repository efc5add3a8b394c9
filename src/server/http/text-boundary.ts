/**
 * The one boundary for untrusted text (issue 11, ADR 016): before any route validates its input,
 * every string a client sent — JSON and form bodies, query strings, route parameters, the names of
 * their fields — is checked for control characters and composed to Unicode NFC. A control
 * character (NUL and the other C0 controls except tab and line breaks, DEL, C1) is a 400
 * `control_characters` naming the field, before any database call; never a 500. Multipart file
 * names are cleaned where they are read (`domain/file-names.ts`).
 *
 * Registered on the root instance before any route, so every route of every plugin (staff API,
 * portal, Open311, health) gets it without its schema knowing.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { findControlCharacter, toNfc } from '../../domain/normal-forms.js';
import { AppError } from '../errors.js';

/** The 400 for a control character at `path` (e.g. `body.applicant.name`). */
export function controlCharacterError(path: string): AppError {
  return new AppError(
    'control_characters',
    400,
    `${path} holds a control character (NUL or another invisible control); remove it and send again.`,
    { path },
  );
}

/** Check and compose every string of the request; throws `control_characters`. */
export function normaliseRequestText(request: FastifyRequest): void {
  const parts = [
    ['query', request.query],
    ['params', request.params],
    ['body', request.body],
  ] as const;
  for (const [where, value] of parts) {
    const path = findControlCharacter(value, where);
    if (path) throw controlCharacterError(path);
  }
  if (request.query && typeof request.query === 'object') request.query = toNfc(request.query);
  if (request.params && typeof request.params === 'object') request.params = toNfc(request.params);
  if (request.body !== undefined && request.body !== null) request.body = toNfc(request.body);
}

/** Add the boundary as a `preValidation` hook of `app` (call before registering routes). */
export function registerTextBoundary(app: FastifyInstance): void {
  app.addHook('preValidation', async (request) => {
    normaliseRequestText(request);
  });
}
