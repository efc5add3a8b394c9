/**
 * Telephony over HTTP (issue 20).
 *
 * `pbxRoutes` (under /api/telephony): the telephone system's own door. It is not a staff user:
 * it proves itself by `Authorization: Bearer <KONTAKT_PBX_TOKEN>` or by
 * `X-Kontakt-Signature: sha256=<hex HMAC-SHA256 of the raw body with KONTAKT_PBX_SECRET>`.
 * A wrong or missing proof → 401 `bad_signature`, and nothing is stored. Neither configured →
 * 503 `pbx_not_configured`.
 *
 * `telephonyRoutes` (under /api/v1): the operator's presence and extension; the head's call log,
 * figures and presence board (`calls.monitor`).
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Deps } from '../context.js';
import { AppError } from '../errors.js';
import { currentUser } from '../http/auth-plugin.js';
import { errorResponses } from '../http/openapi.js';
import {
  callEventOutcome,
  callEventSchema,
  callLogQuery,
  callLogView,
  myTelephonySchema,
  operatorFiguresQuery,
  operatorFiguresView,
  presenceListView,
  presenceView,
  ringingView,
} from '../../contract/telephony.schemas.js';
import { z } from 'zod';
import { binotelEvents } from './binotel.js';
import { listCalls, operatorFigures } from './call-log.queries.js';
import { listPresence, updateMyTelephony } from './presence.service.js';
import { myRingingCall } from './screen-pop.js';
import { type RecordedCallEvent, recordCallEvent } from './record-call-event.js';

/** Called after a call event is stored (the screen pop's hook; see screen-pop.ts). */
export type CallEventListener = (recorded: RecordedCallEvent) => Promise<void>;

const sameSecret = (a: string, b: string): boolean => {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
};

/** The signature a body must carry: `sha256=` + hex HMAC-SHA256(secret, raw body). */
export function pbxSignature(secret: string, rawBody: string): string {
  return `sha256=${createHmac('sha256', secret).update(rawBody, 'utf8').digest('hex')}`;
}

/**
 * Whether the request comes from the configured telephone system.
 *
 * @throws AppError 503 `pbx_not_configured`; 401 `bad_signature`.
 */
export function assertFromPbx(deps: Deps, request: FastifyRequest, rawBody: string): void {
  const { token, secret } = deps.config.pbx;
  if (!token && !secret) {
    throw new AppError(
      'pbx_not_configured',
      503,
      'Set KONTAKT_PBX_TOKEN or KONTAKT_PBX_SECRET to accept call events.',
    );
  }
  const bearer = /^Bearer\s+(\S+)$/i.exec(request.headers.authorization ?? '')?.[1];
  if (token && bearer && sameSecret(bearer, token)) return;
  // Cloud PBXs that can set only a URL (Binotel) send the token as `?token=`.
  const queryToken = (request.query as { token?: unknown } | undefined)?.token;
  if (token && typeof queryToken === 'string' && sameSecret(queryToken, token)) return;
  const signature = request.headers['x-kontakt-signature'];
  if (
    secret &&
    typeof signature === 'string' &&
    sameSecret(signature, pbxSignature(secret, rawBody))
  ) {
    return;
  }
  throw new AppError(
    'bad_signature',
    401,
    'Sign the raw body: X-Kontakt-Signature: sha256=<hex HMAC-SHA256>, or send the PBX bearer token.',
  );
}

const rawBodies = new WeakMap<FastifyRequest, string>();

export function pbxRoutes(deps: Deps, listeners: CallEventListener[] = []): FastifyPluginAsyncZod {
  return async (app) => {
    // The signature covers the bytes as sent: keep them beside the parsed body (this scope only).
    app.removeContentTypeParser('application/json');
    app.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
      rawBodies.set(request, body as string);
      try {
        done(null, body === '' ? {} : JSON.parse(body as string));
      } catch {
        done(new AppError('validation_failed', 400, 'The body is not valid JSON.'), undefined);
      }
    });
    app.addContentTypeParser(
      'application/x-www-form-urlencoded',
      { parseAs: 'string' },
      (request, body, done) => {
        rawBodies.set(request, body as string);
        done(null, Object.fromEntries(new URLSearchParams(body as string)));
      },
    );
    // Authenticate before the body is validated, so a forged body gets 401, not 400.
    app.addHook('preValidation', async (request) => {
      assertFromPbx(deps, request, rawBodies.get(request) ?? '');
    });

    app.post(
      '/events',
      {
        config: { access: 'public' },
        schema: {
          tags: ['telephony'],
          operationId: 'recordCallEvent',
          summary:
            'The telephone system reports a call event (ringing, answered, transferred, ended, missed); idempotent by its call id',
          security: [],
          body: callEventSchema,
          response: { 200: callEventOutcome, ...errorResponses(400, 401, 503) },
        },
      },
      async (request) => {
        const recorded = await recordCallEvent(deps, 'api', request.body);
        await notify(listeners, recorded, request);
        return { callId: recorded.callId, applied: recorded.applied, state: recorded.call.state };
      },
    );

    app.post(
      '/binotel',
      {
        config: { access: 'public' },
        schema: {
          tags: ['telephony'],
          operationId: 'binotelNotification',
          summary:
            "Binotel's call notifications (receivedTheCall, answeredTheCall, apiCallCompleted), form-encoded; authenticated by ?token=",
          security: [],
          querystring: z.object({ token: z.string().max(200).optional() }),
          body: z.record(z.string(), z.string()),
          response: {
            200: z.object({ status: z.literal('success'), events: z.number().int() }),
            ...errorResponses(400, 401, 503),
          },
        },
      },
      async (request) => {
        const events = binotelEvents(request.body);
        for (const event of events) {
          const parsed = callEventSchema.safeParse(event);
          if (!parsed.success) continue; // a field out of our bounds: the rest still counts
          await notify(listeners, await recordCallEvent(deps, 'binotel', parsed.data), request);
        }
        return { status: 'success' as const, events: events.length };
      },
    );
  };
}

/** Run the listeners; one failing (a bus down) never loses the stored event. */
export async function notify(
  listeners: CallEventListener[],
  recorded: RecordedCallEvent,
  request?: FastifyRequest,
): Promise<void> {
  for (const listener of listeners) {
    try {
      await listener(recorded);
    } catch (error) {
      request?.log.warn({ err: error }, 'telephony: a call event listener failed');
    }
  }
}

const tags = ['telephony'];
const monitor = { access: 'calls.monitor' as const };

export function telephonyRoutes(deps: Deps): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/telephony/me',
      {
        config: { access: 'appeal.register' },
        schema: {
          tags,
          operationId: 'getMyTelephony',
          summary: "The signed-in operator's presence and extension",
          response: { 200: presenceView, ...errorResponses(401, 403) },
        },
      },
      async (request) => (await listPresence(deps, currentUser(request).id))[0]!,
    );

    app.put(
      '/telephony/me',
      {
        config: { access: 'appeal.register' },
        schema: {
          tags,
          operationId: 'updateMyTelephony',
          summary:
            'The operator sets their presence (available, after-call work, break, signed out) and/or extension',
          body: myTelephonySchema,
          response: { 200: presenceView, ...errorResponses(400, 401, 403, 409) },
        },
      },
      async (request) => updateMyTelephony(deps, currentUser(request), request.body),
    );

    app.get(
      '/telephony/me/ringing',
      {
        config: { access: 'appeal.register' },
        schema: {
          tags,
          operationId: 'myRingingCall',
          summary:
            "The call ringing at the operator's extension now, with the applicants known by its number (the screen pop)",
          response: { 200: ringingView, ...errorResponses(401, 403) },
        },
      },
      async (request) => ({ call: await myRingingCall(deps, currentUser(request).id) }),
    );

    app.get(
      '/telephony/presence',
      {
        config: monitor,
        schema: {
          tags,
          operationId: 'listPresence',
          summary: "Operators' presence and extensions (for the head)",
          response: { 200: presenceListView, ...errorResponses(401, 403) },
        },
      },
      async () => ({ items: await listPresence(deps) }),
    );

    app.get(
      '/telephony/calls',
      {
        config: monitor,
        schema: {
          tags,
          operationId: 'listCalls',
          summary:
            'The call log, newest first, with the appeals registered during each call; `unregistered=true` lists calls that ended with nothing registered',
          querystring: callLogQuery,
          response: { 200: callLogView, ...errorResponses(400, 401, 403) },
        },
      },
      async (request) => ({ items: await listCalls(deps, request.query) }),
    );

    app.get(
      '/telephony/figures',
      {
        config: monitor,
        schema: {
          tags,
          operationId: 'operatorCallFigures',
          summary:
            'Per operator: calls, answered, talk time and after-call time (seconds) over [from, to)',
          querystring: operatorFiguresQuery,
          response: { 200: operatorFiguresView, ...errorResponses(400, 401, 403) },
        },
      },
      async (request) => ({ items: await operatorFigures(deps, request.query) }),
    );
  };
}
