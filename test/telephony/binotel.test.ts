/**
 * Issue 20, item 2: Binotel's webhook notifications (fixtures written from its published field
 * list) become one call each, whatever order and however often they come.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestServer, startTestServer } from '../http.js';

const TOKEN = 'binotel-token-0123456789';
const fixture = (name: string) =>
  readFileSync(new URL(`./fixtures/binotel-${name}.form`, import.meta.url), 'utf8').trim();

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ pbx: { token: TOKEN, secret: undefined } });
});
afterAll(() => server.close());

const post = (body: string, token = TOKEN) =>
  server
    .anonymous()
    .request<{ status: string; events: number; error?: string }>(
      'POST',
      `/api/telephony/binotel?token=${token}`,
      body,
      { 'content-type': 'application/x-www-form-urlencoded' },
    );

const call = (externalId: string) =>
  server.ctx.deps.db
    .selectFrom('calls')
    .selectAll()
    .where('source', '=', 'binotel')
    .where('external_id', '=', externalId)
    .execute();

describe('Binotel notifications', () => {
  it('received, answered and completed (completed first, then repeated) make one call', async () => {
    for (const name of ['completed', 'received', 'answered', 'completed', 'received']) {
      const res = await post(fixture(name));
      expect(res.status).toBe(200);
      expect(res.body.status).toBe('success');
    }
    const rows = await call('4500123001');
    expect(rows).toHaveLength(1);
    expect(rows[0]).toEqual(
      expect.objectContaining({
        state: 'ended',
        caller_number: '+380670000106',
        line: '0441551551',
        extension: '902',
        duration_seconds: 120,
        talk_seconds: 113,
        recording_ref: 'https://my.binotel.ua/?module=history&subject=4500123001',
      }),
    );
    expect(rows[0]!.ringing_at?.toISOString()).toBe('2025-12-01T08:00:00.000Z');
    expect(rows[0]!.answered_at?.toISOString()).toBe('2025-12-01T08:00:07.000Z');
  });

  it('a cancelled call is missed', async () => {
    expect((await post(fixture('missed'))).status).toBe(200);
    const [row] = await call('4500123010');
    expect(row!.state).toBe('missed');
    expect(row!.answered_at).toBeNull();
  });

  it('a wrong token gets 401 and stores nothing', async () => {
    const body = fixture('received').replace('4500123001', '4500123099');
    const res = await post(body, 'wrong-token-000000000000');
    expect(res.status).toBe(401);
    expect(await call('4500123099')).toEqual([]);
  });
});
