/**
 * Authentication and the first authorisation gate, before the body is parsed: every route declares
 * `config.access` — `'public'`, `'user'` (any signed-in staff member) or a permission of
 * `domain/policy.ts`. A request with neither a session cookie nor a bearer token gets 401; a role
 * without the permission gets 403. Rules that depend on the appeal (an executor's organisation)
 * live in the use cases.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { can, type Permission } from '../../domain/policy.js';
import { userByApiToken, userBySession } from '../auth/auth.service.js';
import type { Deps, UserActor } from '../context.js';
import { AppError, forbidden } from '../errors.js';

export const SESSION_COOKIE = 'kontakt_session';

/** What a user whose password was reset may still call. */
const PASSWORD_CHANGE_PATHS = new Set(['/api/v1/auth/me', '/api/v1/account/password']);

export type Access = 'public' | 'user' | Permission;

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: Access;
  }
  interface FastifyRequest {
    actor: UserActor | null;
  }
}

/** The signed-in user of a request whose route required one. */
export function currentUser(request: FastifyRequest): UserActor {
  if (!request.actor) throw new AppError('unauthenticated', 401, 'Sign in first.');
  return request.actor;
}

/**
 * What a route requires: its declared `config.access`, else `user` under the staff API `/api/v1/`
 * and `public` elsewhere (health, docs). The auth gate and the OpenAPI document (`x-access`) both
 * read it here, so the document says exactly what the gate enforces.
 */
export function routeAccess(url: string, config: { access?: Access } | undefined): Access {
  return config?.access ?? (url.startsWith('/api/v1/') ? 'user' : 'public');
}

export function registerAuth(app: FastifyInstance, deps: Deps): void {
  app.decorateRequest('actor', null);
  app.addHook('onRequest', async (request: FastifyRequest, _reply: FastifyReply) => {
    // Routes of the staff API are closed unless they say otherwise; the rest (health, docs) are open.
    const access = routeAccess(request.url, request.routeOptions.config);
    const bearer = /^Bearer\s+(\S+)$/i.exec(request.headers.authorization ?? '')?.[1];
    const cookie = request.cookies[SESSION_COOKIE];
    if (bearer) {
      request.actor = await userByApiToken(deps, bearer);
      if (!request.actor && access !== 'public') {
        throw new AppError('invalid_token', 401, 'The API token is unknown or revoked.');
      }
    } else if (cookie) {
      request.actor = await userBySession(deps, cookie);
    }
    if (access === 'public') return;
    const user = currentUser(request);
    // After an administrator's reset only the own-password page (and "who am I") work (ADR 025).
    if (user.mustChangePassword && !PASSWORD_CHANGE_PATHS.has(request.routeOptions.url ?? '')) {
      throw new AppError(
        'password_change_required',
        403,
        'Change the one-time password first (your account page).',
      );
    }
    if (access !== 'user' && !can(user.role, access)) {
      throw forbidden(`The role "${user.role}" may not do this (needs ${access}).`, {
        permission: access,
      });
    }
  });
}
