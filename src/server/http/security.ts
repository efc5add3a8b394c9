/**
 * The security controls every answer and every state-changing request passes (issue 11, ADR 017),
 * registered from this one file:
 *
 * - **Headers** (`@fastify/helmet`) on every HTML and API answer: a Content-Security-Policy the
 *   staff app, the portal and the API docs run under (scripts only from this origin, no inline
 *   script; inline styles allowed because Mantine and Leaflet set `style` attributes; map tiles from
 *   `KONTAKT_MAP_TILES`), `frame-ancestors 'none'`, `X-Content-Type-Options: nosniff`,
 *   `Referrer-Policy: same-origin`, and HSTS when cookies are secure (served over HTTPS).
 * - **CSRF**: a request that changes state and carries the session cookie is accepted only from the
 *   app's own origin. A browser names the origin (`Origin`, `Sec-Fetch-Site`); another origin —
 *   another port of the same host included, which `SameSite` does not stop — gets 403
 *   `cross_origin_request`. A request that names no origin (not a browser, or a very old one) must
 *   be JSON or multipart: a cross-origin HTML form can send neither without the browser naming its
 *   origin. Bearer-token requests carry no ambient credential and are not checked.
 */
import helmet from '@fastify/helmet';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Config } from '../config.js';
import { AppError } from '../errors.js';
import { SESSION_COOKIE } from './auth-plugin.js';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** The origin (`scheme://host:port`) of a URL template like the tiles', or null. */
function originOf(url: string | undefined): string | null {
  if (!url) return null;
  try {
    return new URL(url.replace(/\{[a-z]\}/g, 'a')).origin;
  } catch {
    return null;
  }
}

/** The origins a signed-in browser page of this app may send from: the request's host and the public URL. */
function ownOrigins(request: FastifyRequest, config: Config): string[] {
  const origins = [`${request.protocol}://${request.host}`];
  const configured = originOf(config.publicUrl);
  if (configured) origins.push(configured);
  return origins;
}

const crossOrigin = (why: string): AppError =>
  new AppError(
    'cross_origin_request',
    403,
    `Refused: ${why}. Changes with a session cookie are accepted only from this site's own pages.`,
  );

/**
 * The CSRF rule for one request (see the module comment).
 * @throws AppError 403 `cross_origin_request`.
 */
export function checkSameOrigin(request: FastifyRequest, config: Config): void {
  if (SAFE_METHODS.has(request.method)) return;
  if (!request.cookies[SESSION_COOKIE]) return;
  if (/^Bearer\s/i.test(request.headers.authorization ?? '')) return;
  const site = request.headers['sec-fetch-site'];
  if (site !== undefined && site !== 'same-origin' && site !== 'none') {
    throw crossOrigin(`the request came from a ${site} page`);
  }
  const origin = request.headers.origin;
  if (origin !== undefined) {
    if (!ownOrigins(request, config).includes(origin)) {
      throw crossOrigin(`the request came from ${origin}`);
    }
    return;
  }
  if (site === 'same-origin') return;
  const type = (request.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
  if (type !== 'application/json' && type !== 'multipart/form-data') {
    throw crossOrigin('the request names no origin and is not JSON');
  }
}

/** Register the headers and the CSRF check on the root instance (before any route). */
export async function registerSecurity(app: FastifyInstance, config: Config): Promise<void> {
  const tiles = originOf(config.map.tiles);
  await app.register(helmet, {
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        'default-src': ["'self'"],
        'script-src': ["'self'"],
        'style-src': ["'self'", "'unsafe-inline'"],
        'img-src': ["'self'", 'data:', 'blob:', ...(tiles ? [tiles] : [])],
        'font-src': ["'self'", 'data:'],
        'connect-src': ["'self'"],
        'object-src': ["'none'"],
        'base-uri': ["'self'"],
        'form-action': ["'self'"],
        'frame-ancestors': ["'none'"],
      },
    },
    referrerPolicy: { policy: 'same-origin' },
    strictTransportSecurity: config.secureCookies
      ? { maxAge: 31_536_000, includeSubDomains: true }
      : false,
    crossOriginEmbedderPolicy: false,
  });
  app.addHook('onRequest', async (request) => {
    checkSameOrigin(request, config);
  });
}
