/**
 * The HTTP application: Fastify with zod validation and serialisation, the OpenAPI document at
 * `/api/openapi.json`, interactive docs at `/api/docs`, health at `/api/health`, and the staff API
 * under `/api/v1`. Building the app does not listen; `serve.ts` does.
 */
import cookie from '@fastify/cookie';
import rateLimit from '@fastify/rate-limit';
import multipart from '@fastify/multipart';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyInstance } from 'fastify';
import {
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import { sql } from 'kysely';
import { z } from 'zod';
import { addressesRoutes, publicAddressesRoutes } from './addresses/addresses.routes.js';
import { mapOutlineRoutes } from './addresses/map-outline.routes.js';
import { registryKeeperRoutes } from './addresses/registry-keeper.routes.js';
import { dashboardRoutes } from './dashboard/dashboard.routes.js';
import { reportsRoutes } from './reports/reports.routes.js';
import { savedReportsRoutes } from './reports/saved-reports.routes.js';
import { deadlinesRoutes } from './deadlines/deadlines.routes.js';
import { notificationsRoutes } from './notifications/notifications.routes.js';
import { apiKeysRoutes } from './open311/api-keys.routes.js';
import { assistRoutes } from './assist/assist.routes.js';
import { open311Routes } from './open311/open311.routes.js';
import { moderationRoutes } from './portal/moderation.routes.js';
import { portalRoutes } from './portal/portal.routes.js';
import { applicantsRoutes } from './applicants/applicants.routes.js';
import { appealsRoutes } from './appeals/appeals.routes.js';
import { attachmentsRoutes } from './attachments/attachments.routes.js';
import { authRoutes } from './auth/auth.routes.js';
import { classifierRoutes } from './classifier/classifier.routes.js';
import type { Deps } from './context.js';
import { executorsRoutes } from './executors/executors.routes.js';
import { adminRoutes } from './admin/admin.routes.js';
import { templatesRoutes } from './admin/templates.routes.js';
import { dutiesRoutes } from './duties/duties.routes.js';
import { usersRoutes } from './users/users.routes.js';
import { liveScreenPop } from './telephony/screen-pop.js';
import { pbxRoutes, telephonyRoutes } from './telephony/telephony.routes.js';
import { registerAuth } from './http/auth-plugin.js';
import { AppError } from './errors.js';
import { registerErrorHandler } from './http/error-handler.js';
import { registerAuditLog } from './audit/audit-hook.js';
import { databaseRateLimitStore } from './http/rate-limit-store.js';
import { registerSecurity } from './http/security.js';
import { RETRY_AFTER_SECONDS } from './http/service-unavailable.js';
import { registerTextBoundary } from './http/text-boundary.js';
import { withAccess } from './http/openapi.js';
import { registerWebApp } from './http/web-app.js';
import { VERSION } from './version.js';
import { liveRoutes } from './live/live.routes.js';
import { publicWorksRoutes, worksRoutes } from './works/works.routes.js';
import { monitoringRoutes } from './monitoring/monitoring.routes.js';
import { massAppealsRoutes } from './mass-appeals/mass-appeals.routes.js';
import { knowledgeRoutes, publicKnowledgeRoutes } from './knowledge/knowledge.routes.js';
import { callbacksRoutes } from './callbacks/callbacks.routes.js';
import { type Operations, registerOperations } from './ops/operations.js';

export interface AppOptions {
  /** Pino logger options, or false for none (tests). */
  logger?:
    | boolean
    | { level: string; transport?: { target: string }; stream?: { write(line: string): void } };
  engine: 'pglite' | 'postgres';
  /** Health, metrics and the draining state (ops/operations.ts); tests may leave it out. */
  ops?: Operations;
}

export async function buildApp(deps: Deps, options: AppOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger: options.logger ?? false,
    bodyLimit: deps.config.maxBodyBytes,
    // Fastify answers 400 on a bad route parameter instead of trying other routes.
    routerOptions: { ignoreTrailingSlash: true },
    // Behind a proxy, request.ip is the client's (X-Forwarded-For) — the public limits need it.
    trustProxy: deps.config.trustProxy,
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  let webApp = false;
  registerErrorHandler(app, () => webApp);

  await app.register(cookie);
  await registerSecurity(app, deps.config);
  registerTextBoundary(app);
  // Limits per client address, on the public routes that declare `config.rateLimit` (ADR 011),
  // counted in the database so that every process behind a balancer shares them (ADR 032).
  await app.register(rateLimit, {
    global: false,
    store: databaseRateLimitStore(deps.db, deps.now),
    errorResponseBuilder: (_request, context) =>
      new AppError(
        'too_many_requests',
        429,
        `Too many requests from this address; try again in ${Math.ceil(context.ttl / 1000)} s.`,
        { retryAfterSeconds: Math.ceil(context.ttl / 1000) },
      ),
  });
  await app.register(multipart, {
    limits: { fileSize: deps.config.maxFileBytes, files: 1, fields: 10, parts: 12 },
  });
  await app.register(swagger, {
    openapi: {
      openapi: '3.0.3',
      info: {
        title: 'Kontakt API',
        version: VERSION,
        description:
          'Staff API of the Kontakt contact-centre system: appeals, assignments, review, classifier, executors. ' +
          'Errors have one shape: { error: "stable_code", message, details? }.',
      },
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: 'kontakt_session' },
          token: { type: 'http', scheme: 'bearer' },
        },
      },
      security: [{ session: [] }, { token: [] }],
    },
    transform: withAccess(jsonSchemaTransform),
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs' });
  registerAuth(app, deps);
  registerAuditLog(app, deps);
  await registerOperations(app, deps, options.ops);

  app.get('/api/openapi.json', { schema: { hide: true } }, () => app.swagger());

  app.get(
    '/api/health',
    {
      schema: {
        tags: ['health'],
        operationId: 'health',
        security: [],
        response: {
          200: z.object({
            status: z.literal('ok'),
            version: z.string(),
            database: z.object({
              engine: z.enum(['pglite', 'postgres']),
              reachable: z.literal(true),
            }),
          }),
          503: z.object({
            status: z.literal('unavailable'),
            version: z.string(),
            message: z.string(),
          }),
        },
      },
    },
    async (request, reply) => {
      try {
        await sql`SELECT 1`.execute(deps.db);
        return {
          status: 'ok' as const,
          version: VERSION,
          database: { engine: options.engine, reachable: true as const },
        };
      } catch (error) {
        // The driver's message stays in the log: it may name hosts, users or paths.
        request.log.warn({ err: error }, 'health: database unreachable');
        return reply
          .status(503)
          .header('Retry-After', String(RETRY_AFTER_SECONDS))
          .send({
            status: 'unavailable' as const,
            version: VERSION,
            message: 'The database cannot be reached.',
          });
      }
    },
  );

  await app.register(
    async (api) => {
      await api.register(authRoutes(deps));
      await api.register(usersRoutes(deps));
      await api.register(adminRoutes(deps));
      await api.register(templatesRoutes(deps));
      await api.register(dutiesRoutes(deps));
      await api.register(classifierRoutes(deps));
      await api.register(executorsRoutes(deps));
      await api.register(applicantsRoutes(deps));
      await api.register(appealsRoutes(deps));
      await api.register(attachmentsRoutes(deps));
      await api.register(dashboardRoutes(deps));
      await api.register(addressesRoutes(deps));
      await api.register(registryKeeperRoutes(deps), { prefix: '/address-registry' });
      await api.register(deadlinesRoutes(deps));
      await api.register(notificationsRoutes(deps));
      await api.register(moderationRoutes(deps));
      await api.register(apiKeysRoutes(deps));
      await api.register(liveRoutes(deps));
      await api.register(worksRoutes(deps)); // issue 16
      await api.register(massAppealsRoutes(deps)); // issue 16: mass appeals
      await api.register(savedReportsRoutes(deps)); // issue 17, item 2: saved reports
      await api.register(reportsRoutes(deps));
      await api.register(telephonyRoutes(deps));
      await api.register(knowledgeRoutes(deps)); // issue 19
      await api.register(callbacksRoutes(deps)); // issue 19
      await api.register(monitoringRoutes(deps)); // issue 18: live monitoring
    },
    { prefix: '/api/v1' },
  );
  // The public portal (no account) and Open311 GeoReport v2 (its own error format).
  await app.register(portalRoutes(deps), { prefix: '/api/public' });
  await app.register(publicAddressesRoutes(deps), { prefix: '/api/public' });
  await app.register(mapOutlineRoutes(deps), { prefix: '/api/public' });
  await app.register(publicWorksRoutes(deps), { prefix: '/api/public' }); // issue 16
  await app.register(publicKnowledgeRoutes(deps), { prefix: '/api/public' }); // issue 19
  await app.register(open311Routes(deps), { prefix: '/open311/v2' });
  await app.register(assistRoutes(deps));
  // Issue 20: the telephone system's call events (its own token or HMAC signature).
  await app.register(pbxRoutes(deps, [liveScreenPop(deps)]), { prefix: '/api/telephony' });
  webApp = await registerWebApp(app);
  return app;
}
