/**
 * A real server on an ephemeral loopback port, and a small client that signs in as a role.
 */
import type { FastifyInstance } from 'fastify';
import type { Role } from '../src/domain/vocabulary.js';
import type { Config } from '../src/server/config.js';
import { buildApp } from '../src/server/app.js';
import { createTestContext, type TestContext } from './test-db.js';
import { makeUser, routedQuestionType, TEST_PASSWORD } from './factories.js';

export interface ApiResponse<T = Record<string, unknown>> {
  status: number;
  body: T;
  headers: Headers;
}

export class ApiClient {
  constructor(
    readonly baseUrl: string,
    public cookie = '',
  ) {}

  async request<T = Record<string, unknown>>(
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<ApiResponse<T>> {
    const init: RequestInit = {
      method,
      headers: {
        // As the app's own pages do: a browser names the page's origin (the CSRF check, security.ts).
        origin: new URL(this.baseUrl).origin,
        ...(this.cookie ? { cookie: this.cookie } : {}),
        ...(body !== undefined && typeof body !== 'string' && !(body instanceof FormData)
          ? { 'content-type': 'application/json' }
          : {}),
        ...headers,
      },
    };
    if (body !== undefined) {
      init.body =
        typeof body === 'string' || body instanceof FormData ? body : JSON.stringify(body);
    }
    const response = await fetch(`${this.baseUrl}${path}`, init);
    const setCookie = response.headers.get('set-cookie');
    if (setCookie) this.cookie = setCookie.split(';')[0] ?? '';
    const text = await response.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : null;
    } catch {
      // not JSON: keep the text
    }
    return { status: response.status, body: parsed as T, headers: response.headers };
  }

  get = <T = Record<string, unknown>>(path: string) => this.request<T>('GET', path);
  post = <T = Record<string, unknown>>(path: string, body?: unknown) =>
    this.request<T>('POST', path, body ?? {});
}

export interface TestServer {
  ctx: TestContext;
  app: FastifyInstance;
  baseUrl: string;
  anonymous(): ApiClient;
  /** Create a user of `role` and return a client signed in as that user. */
  signIn(role: Role, organisationId?: number): Promise<ApiClient & { userId: number }>;
  close(): Promise<void>;
}

export async function startTestServer(overrides: Partial<Config> = {}): Promise<TestServer> {
  const ctx = await createTestContext(overrides);
  const app = await buildApp(ctx.deps, { engine: ctx.database.engine, logger: false });
  const address = await app.listen({ port: 0, host: '127.0.0.1' });
  return {
    ctx,
    app,
    baseUrl: address,
    anonymous: () => new ApiClient(address),
    async signIn(role, organisationId) {
      const user = await makeUser(ctx.deps, role, organisationId ? { organisationId } : {});
      const client = new ApiClient(address);
      const res = await client.post('/api/v1/auth/login', {
        login: user.login,
        password: TEST_PASSWORD,
      });
      if (res.status !== 200) throw new Error(`login failed: ${JSON.stringify(res.body)}`);
      return Object.assign(client, { userId: user.id });
    },
    async close() {
      // Every test of the file is done. Requests still being handled finish (the close waits for
      // them); a connection left open after a second (a test's request cut off halfway, a stream
      // it left) is closed, or it held the close until the server's request timeout — 69 s of
      // test/hardening/security.test.ts.
      const closing = app.close();
      const force = setTimeout(() => app.server.closeAllConnections(), 1_000);
      try {
        await closing;
      } finally {
        clearTimeout(force);
      }
      await ctx.close();
    },
  };
}

/**
 * A test server with an operator signed in and a question type that routes to an executor: the
 * start most intake tests share.
 */
export async function startOperatorServer(
  overrides: Partial<Config> = {},
): Promise<{ server: TestServer; operator: ApiClient; questionTypeId: number }> {
  const server = await startTestServer(overrides);
  const { questionTypeId } = await routedQuestionType(server.ctx.deps);
  const operator = await server.signIn('operator');
  return { server, operator, questionTypeId };
}
