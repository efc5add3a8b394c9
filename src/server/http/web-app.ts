/**
 * The staff web app: a Vite-built single-page app in `dist/web`, served by the same server at `/`.
 * Client-side routes fall back to `index.html`; `/api/*` never does.
 */
import { existsSync, statSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { join, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
export const WEB_DIST = join(ROOT, 'dist', 'web');
const WEB_SRC = join(ROOT, 'src', 'web');

async function newestMtime(dir: string): Promise<number> {
  let newest = 0;
  for (const entry of await readdir(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile())
      newest = Math.max(newest, statSync(join(entry.parentPath, entry.name)).mtimeMs);
  }
  return newest;
}

/**
 * Build the web app when `dist/web` is missing or older than its sources (npm start on a fresh
 * clone). Vite is loaded only then.
 *
 * @returns whether a build ran.
 */
export async function ensureWebBuilt(log: (message: string) => void): Promise<boolean> {
  if (!existsSync(join(WEB_SRC, 'index.html'))) return false;
  const index = join(WEB_DIST, 'index.html');
  if (existsSync(index) && statSync(index).mtimeMs >= (await newestMtime(WEB_SRC))) return false;
  log('building the web app (first start or changed sources)…');
  const { build } = await import('vite');
  await build({ configFile: join(ROOT, 'vite.config.ts'), logLevel: 'warn' });
  return true;
}

/**
 * Serve `dist/web` when it exists; returns whether it does. The build's files under `/assets/`
 * carry a hash of their content in their name, so browsers keep them for a year without asking
 * again; the two pages ask every time (`no-cache`), so a new release is seen at the next load.
 */
export async function registerWebApp(app: FastifyInstance): Promise<boolean> {
  if (!existsSync(join(WEB_DIST, 'index.html'))) return false;
  await app.register(fastifyStatic, {
    root: WEB_DIST,
    prefix: '/',
    wildcard: false,
    index: 'index.html',
    cacheControl: false,
    setHeaders: (reply, path) => {
      reply.header(
        'cache-control',
        path.includes(`${sep}assets${sep}`) ? 'public, max-age=31536000, immutable' : 'no-cache',
      );
    },
  });
  return true;
}
