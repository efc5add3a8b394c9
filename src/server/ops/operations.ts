/**
 * What orchestrators and monitoring ask of a process (issue 23):
 *
 * - `GET /api/health/live`: the process answers (no database call). A failing liveness probe
 *   means "restart me".
 * - `GET /api/health/ready`: the database answers, every migration this version knows is
 *   applied, and the process is not draining; 503 otherwise, with the reasons. A failing
 *   readiness probe means "send me no traffic". It turns false at the first SIGTERM. With a read
 *   replica it also says where heavy reads go (`replica`), which never makes it fail.
 * - `GET /metrics`: Prometheus text (ops/metrics.ts), for loopback clients or with
 *   `Authorization: Bearer $KONTAKT_METRICS_TOKEN`.
 * - Hooks that count every answered request by route pattern, and every error answer by code.
 *
 * `/api/health` (database reachable) stays as it was, for existing monitors.
 */
import { timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { sql } from 'kysely';
import { z } from 'zod';
import type { Deps } from '../context.js';
import { migrationNames } from '../db/migrate.js';
import { AppError } from '../errors.js';
import { VERSION } from '../version.js';
import { Metrics } from './metrics.js';

export interface Operations {
  metrics: Metrics;
  /** True once shutdown has begun (readiness false). */
  isDraining(): boolean;
}

const ReadySchema = z.object({
  status: z.enum(['ready', 'not_ready']),
  version: z.string(),
  checks: z.object({
    database: z.enum(['ok', 'unreachable']),
    migrations: z.enum(['current', 'pending', 'unknown']),
    draining: z.boolean(),
  }),
  /** Migrations this version knows that the database lacks. */
  pendingMigrations: z.array(z.string()),
  /**
   * The read replica, when configured (ADR 054): where heavy reads go now. Not a condition of
   * readiness — without the replica they go to the primary.
   */
  replica: z
    .object({
      state: z.enum(['in_use', 'lagging', 'not_standby', 'down']),
      lagSeconds: z.number().nullable(),
      reason: z.string().optional(),
    })
    .optional(),
  message: z.string().optional(),
});

const LOOPBACK = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1']);

function tokenMatches(given: string | undefined, expected: string): boolean {
  if (!given) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * Add the health and metrics routes and the counting hooks to the root app.
 * Without `ops` (tests), a fresh `Metrics` and a never-draining state are used.
 */
export async function registerOperations(
  root: FastifyInstance,
  deps: Deps,
  ops: Operations = {
    metrics: new Metrics({ db: deps.db, replica: deps.replica }),
    isDraining: () => false,
  },
): Promise<void> {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const known = await migrationNames();
  const { metrics } = ops;

  app.addHook('onResponse', async (request: FastifyRequest, reply: FastifyReply) => {
    const route = request.routeOptions.url ?? 'unmatched';
    metrics.observeRequest(request.method, route, reply.statusCode, reply.elapsedTime / 1000);
  });
  app.addHook('onSend', async (_request, reply, payload) => {
    // Draining: keep-alive connections end after their answer, so closing does not wait for them.
    if (ops.isDraining()) reply.header('connection', 'close');
    if (reply.statusCode >= 400) {
      // Our shape `{"error":"code",…}`; Open311's `[{"code":400,…}]` (its own error format).
      const text = typeof payload === 'string' ? payload.slice(0, 80) : '';
      const ours = /^\{"error":"([a-z_]+)"/.exec(text)?.[1];
      const open311 = /^\[\{"code":(\d+)/.exec(text)?.[1];
      const code = ours ?? (open311 ? `open311_${open311}` : 'unknown');
      metrics.httpErrors.inc({ code, status: String(reply.statusCode) });
    }
    return payload;
  });

  app.get(
    '/api/health/live',
    {
      schema: {
        tags: ['health'],
        operationId: 'healthLive',
        security: [],
        response: { 200: z.object({ status: z.literal('live'), version: z.string() }) },
      },
    },
    () => ({ status: 'live' as const, version: VERSION }),
  );

  app.get(
    '/api/health/ready',
    {
      schema: {
        tags: ['health'],
        operationId: 'healthReady',
        security: [],
        response: { 200: ReadySchema, 503: ReadySchema },
      },
    },
    async (_request, reply) => {
      const draining = ops.isDraining();
      let database: 'ok' | 'unreachable' = 'ok';
      let migrations: 'current' | 'pending' | 'unknown' = 'unknown';
      let pending: string[] = [];
      let message: string | undefined;
      try {
        const applied = await sql<{ name: string }>`SELECT name FROM schema_migrations`.execute(
          deps.db,
        );
        const done = new Set(applied.rows.map((r) => r.name));
        pending = known.filter((name) => !done.has(name));
        migrations = pending.length === 0 ? 'current' : 'pending';
      } catch (error) {
        database = 'unreachable';
        message = `Database unreachable: ${(error as Error).message}`;
      }
      const replica = deps.replica ? await deps.replica.health() : undefined;
      const ready = !draining && database === 'ok' && migrations === 'current';
      if (draining) message = 'Shutting down: no new traffic, please.';
      return reply.status(ready ? 200 : 503).send({
        status: ready ? 'ready' : 'not_ready',
        version: VERSION,
        checks: { database, migrations, draining },
        pendingMigrations: pending,
        ...(replica
          ? {
              replica: {
                state: replica.state,
                lagSeconds: replica.lagSeconds,
                ...(replica.reason ? { reason: replica.reason } : {}),
              },
            }
          : {}),
        ...(message ? { message } : {}),
      });
    },
  );

  app.get('/metrics', { schema: { hide: true } }, async (request, reply) => {
    const bearer = /^Bearer\s+(\S+)$/i.exec(request.headers.authorization ?? '')?.[1];
    const token = deps.config.metricsToken;
    const loopback = LOOPBACK.has(request.socket.remoteAddress ?? '');
    if (!loopback && !(token && tokenMatches(bearer, token))) {
      throw new AppError(
        'metrics_forbidden',
        403,
        token
          ? 'Metrics need the bearer token set in KONTAKT_METRICS_TOKEN.'
          : 'Metrics are served to loopback clients only; set KONTAKT_METRICS_TOKEN to scrape from elsewhere.',
      );
    }
    return reply.type(metrics.registry.contentType).send(await metrics.registry.metrics());
  });
}

/**
 * Stop listening and wait for the requests in flight. A keep-alive connection whose request
 * finishes during the wait is closed as soon as it is idle (Fastify closes only the connections
 * idle when closing starts; the others would hold the exit until their keep-alive timeout).
 */
export async function closeHttp(app: FastifyInstance): Promise<void> {
  const sweep = setInterval(() => app.server.closeIdleConnections(), 100);
  try {
    await app.close();
  } finally {
    clearInterval(sweep);
  }
}
