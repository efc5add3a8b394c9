/**
 * Every refusal a user can meet is said in their language: each error code the OpenAPI document
 * declares has a message in the uk and en web catalogues (`errors.<code>`), and every code the
 * server's source throws is declared.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import en from '../../src/web/shared/i18n/en.json' with { type: 'json' };
import uk from '../../src/web/shared/i18n/uk.json' with { type: 'json' };
import { leaves } from '../../src/web/shared/i18n/leaves.js';
import { ERROR_CODES } from '../../src/server/http/error-codes.js';
import { startTestServer, type TestServer } from '../http.js';

const SERVER = resolve(dirname(fileURLToPath(import.meta.url)), '../../src/server');
/** Codes that never reach an HTTP client of the staff API or the portal. */
const NOT_HTTP = new Set([
  'data_dir_locked', // the CLI's lock of the embedded data directory
  'invalid_option', // the generator's command line
  'open311_bad_request', // Open311 answers in its own shape, [{code, description}]
  'open311_forbidden',
  'open311_not_found',
  'bad_house_number', // a skip reason of the address import's summary
  'backup_needs_embedded', // `kontakt backup` / `restore` on the command line
  'restore_target_not_empty',
  'backup_unreadable',
  'restore_mismatch',
  'metrics_forbidden', // /metrics answers a Prometheus scraper, not a person
]);

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sources(path);
    return name.endsWith('.ts') && !name.endsWith('.test.ts') ? [path] : [];
  });
}

/** Codes written in the server's source: `badRequest('x'`, `new AppError('x'`, `error: 'x'`, `notFound('what'`. */
function thrownCodes(): Set<string> {
  const codes = new Set<string>();
  const call = /\b(badRequest|conflict|notFound|AppError)\(\s*'([a-z0-9_]+)'/g;
  const literal = /\b(?:error|code):\s*'([a-z0-9_]+)'/g;
  const fastify = /:\s*'([a-z0-9_]+)',?\s*$/gm;
  for (const file of sources(SERVER)) {
    const text = readFileSync(file, 'utf8');
    for (const m of text.matchAll(call))
      codes.add(m[1] === 'notFound' ? `${m[2]}_not_found` : m[2]!);
    for (const m of text.matchAll(literal)) codes.add(m[1]!);
    if (file.endsWith('error-handler.ts')) for (const m of text.matchAll(fastify)) codes.add(m[1]!);
  }
  codes.delete('custom'); // zod's issue code in a refinement
  return codes;
}

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

describe('error codes', () => {
  it('every code the server throws is declared', () => {
    const declared = new Set<string>(ERROR_CODES);
    const undeclared = [...thrownCodes()].filter((c) => !declared.has(c) && !NOT_HTTP.has(c));
    expect(undeclared).toEqual([]);
  });

  it('the OpenAPI document declares the codes on every error response, each with a uk and an en message', async () => {
    const res = await server.anonymous().get<{
      paths: Record<string, Record<string, { responses?: Record<string, unknown> }>>;
    }>('/api/openapi.json');
    expect(res.status).toBe(200);
    const declared = new Set<string>();
    let errorResponses = 0;
    for (const [path, methods] of Object.entries(res.body.paths)) {
      if (path.startsWith('/open311/')) continue; // GeoReport v2 errors: [{code, description}]
      for (const operation of Object.values(methods)) {
        for (const [status, response] of Object.entries(operation.responses ?? {})) {
          if (!status.startsWith('4')) continue;
          const schema = (
            response as {
              content?: Record<
                string,
                { schema?: { properties?: { error?: { enum?: string[] } } } }
              >;
            }
          ).content?.['application/json']?.schema;
          const codes = schema?.properties?.error?.enum;
          expect(codes, `${path} ${status} without its codes`).toBeDefined();
          errorResponses += 1;
          for (const code of codes ?? []) declared.add(code);
        }
      }
    }
    expect(errorResponses).toBeGreaterThan(50);
    expect([...declared].sort()).toEqual([...ERROR_CODES].sort());

    const ukText = leaves(uk);
    const enText = leaves(en);
    const missing = [...declared].flatMap((code) => [
      ...(ukText.get(`errors.${code}`)?.trim() ? [] : [`uk: errors.${code}`]),
      ...(enText.get(`errors.${code}`)?.trim() ? [] : [`en: errors.${code}`]),
    ]);
    expect(missing).toEqual([]);
    const english = [...declared].filter(
      (code) => !/[а-яіїєґ]/i.test(ukText.get(`errors.${code}`) ?? ''),
    );
    expect(english, 'uk messages written in Ukrainian').toEqual([]);
  });
});
