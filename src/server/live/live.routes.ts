/**
 * `GET /api/v1/live/stream?topics=alerts,calls` — server-sent events for signed-in staff (ADR 038).
 * Each event of a named topic prefix whose audience includes the user is sent as
 * `id:` / `event: <topic>` / `data: <json payload>`; a comment heartbeat every 15 s keeps proxies
 * from closing the stream; `retry: 3000` tells the browser to reconnect after 3 s. Nothing is
 * replayed: the first event of every (re)connection is `live.hello`, on which the client re-reads
 * its state (events missed while away are in that state).
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Deps } from '../context.js';
import { AppError } from '../errors.js';
import { currentUser } from '../http/auth-plugin.js';
import { errorResponses } from '../http/openapi.js';
import { type LiveEvent, reaches } from './live-bus.js';

export const HEARTBEAT_MS = 15_000;

const streamQuery = z.object({
  topics: z
    .string()
    .min(1)
    .max(500)
    .regex(/^[a-z0-9_.-]+(,[a-z0-9_.-]+)*$/, 'comma-separated topic prefixes'),
});

function frame(event: Pick<LiveEvent, 'id' | 'topic' | 'payload'>): string {
  return `id: ${event.id}\nevent: ${event.topic}\ndata: ${JSON.stringify(event.payload ?? null)}\n\n`;
}

export function liveRoutes(deps: Deps): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/live/stream',
      {
        config: { access: 'user' },
        schema: {
          tags: ['monitoring'],
          operationId: 'liveStream',
          summary: 'Server-sent events of the named topics for the signed-in user',
          querystring: streamQuery,
          response: {
            200: z.string().describe('text/event-stream'),
            ...errorResponses(400, 401, 503),
          },
        },
      },
      (request, reply) => {
        const user = currentUser(request);
        const bus = deps.live;
        if (!bus) throw new AppError('service_unavailable', 503, 'Live events are not running.');
        const prefixes = request.query.topics.split(',');
        const wanted = (topic: string) =>
          prefixes.some((p) => topic === p || topic.startsWith(`${p}.`));
        reply.hijack();
        const raw = reply.raw;
        raw.writeHead(200, {
          'content-type': 'text/event-stream; charset=utf-8',
          'cache-control': 'no-cache, no-transform',
          connection: 'keep-alive',
          'x-accel-buffering': 'no',
        });
        raw.write(`retry: 3000\n\n`);
        raw.write(
          frame({ id: `hello-${Date.now().toString(36)}`, topic: 'live.hello', payload: {} }),
        );
        const unsubscribe = bus.subscribe((event) => {
          if (wanted(event.topic) && reaches(event, user)) raw.write(frame(event));
        });
        const heartbeat = setInterval(() => raw.write(`: heartbeat\n\n`), HEARTBEAT_MS);
        heartbeat.unref();
        const end = () => {
          clearInterval(heartbeat);
          unsubscribe();
        };
        raw.on('close', end);
        // A closing server ends the stream (the browser reconnects to another process).
        app.server.once('close', () => raw.end());
      },
    );
  };
}
