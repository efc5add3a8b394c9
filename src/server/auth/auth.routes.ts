/**
 * Sign-in, sign-out, the current user, and the user's own API tokens.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { permissionsOf } from '../../domain/policy.js';
import type { Deps } from '../context.js';
import { currentUser, SESSION_COOKIE } from '../http/auth-plugin.js';
import { errorResponses } from '../http/openapi.js';
import { createApiToken, login, logout, revokeApiToken } from './auth.service.js';
import { loginSchema, meView } from '../../contract/auth.schemas.js';

const tags = ['auth'];

export function authRoutes(deps: Deps): FastifyPluginAsyncZod {
  return async (app) => {
    app.post(
      '/auth/login',
      {
        config: { access: 'public' },
        schema: {
          tags,
          operationId: 'login',
          summary: 'Sign in with login and password; sets an httpOnly session cookie',
          body: loginSchema,
          response: { 200: meView, ...errorResponses(400, 401) },
        },
      },
      async (request, reply) => {
        const session = await login(deps, request.body);
        void reply.setCookie(SESSION_COOKIE, session.token, {
          httpOnly: true,
          sameSite: 'strict',
          secure: deps.config.secureCookies,
          path: '/',
          expires: session.expiresAt,
        });
        return { ...session.user, permissions: [...permissionsOf(session.user.role)] };
      },
    );

    app.post(
      '/auth/logout',
      {
        config: { access: 'public' },
        schema: {
          tags,
          operationId: 'logout',
          summary: 'End the session',
          response: { 204: z.null() },
        },
      },
      async (request, reply) => {
        const token = request.cookies[SESSION_COOKIE];
        if (token) await logout(deps, token);
        void reply.clearCookie(SESSION_COOKIE, { path: '/' });
        return reply.status(204).send(null);
      },
    );

    app.get(
      '/auth/me',
      {
        config: { access: 'user' },
        schema: {
          tags,
          operationId: 'me',
          summary: 'The signed-in user',
          response: { 200: meView, ...errorResponses(401) },
        },
      },
      async (request) => {
        const user = currentUser(request);
        return { ...user, permissions: [...permissionsOf(user.role)] };
      },
    );

    app.post(
      '/api-tokens',
      {
        config: { access: 'user' },
        schema: {
          tags,
          operationId: 'createApiToken',
          summary: 'Issue an API token acting as the signed-in user (shown once)',
          body: z.object({ name: z.string().trim().min(1).max(100) }),
          response: {
            201: z.object({ id: z.number().int(), name: z.string(), token: z.string() }),
            ...errorResponses(400, 401),
          },
        },
      },
      async (request, reply) =>
        reply
          .status(201)
          .send(await createApiToken(deps, currentUser(request).id, request.body.name)),
    );

    app.delete(
      '/api-tokens/:id',
      {
        config: { access: 'user' },
        schema: {
          tags,
          operationId: 'revokeApiToken',
          params: z.object({ id: z.coerce.number().int().positive() }),
          response: { 204: z.null(), ...errorResponses(401, 404) },
        },
      },
      async (request, reply) => {
        await revokeApiToken(deps, currentUser(request).id, request.params.id);
        return reply.status(204).send(null);
      },
    );
  };
}
