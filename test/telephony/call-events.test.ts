/**
 * Issue 20, items 1, 4, 5: call events from the PBX (token or HMAC), idempotent by call id; the
 * call log, the unregistered list, figures and presence.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SCREEN_POP_TOPIC } from '../../src/server/telephony/screen-pop.js';
import { PRESENCE_TOPIC } from '../../src/server/telephony/presence.service.js';
import { pbxSignature } from '../../src/server/telephony/telephony.routes.js';
import { openStream } from '../live-stream.js';
import { appealBody, routedQuestionType } from '../factories.js';
import { type ApiClient, type TestServer, startTestServer } from '../http.js';

const TOKEN = 'pbx-token-0123456789abcdef';
const SECRET = 'pbx-secret-0123456789abcdef';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ pbx: { token: TOKEN, secret: SECRET } });
});
afterAll(() => server.close());

let extensionSerial = 100 + Math.floor(Math.random() * 800);
/** An operator at a desk with an extension of their own, available. */
async function operatorAtDesk(): Promise<ApiClient & { userId: number; extension: string }> {
  const operator = await server.signIn('operator');
  extensionSerial += 1;
  const extension = String(extensionSerial);
  const res = await operator.request('PUT', '/api/v1/telephony/me', {
    extension,
    state: 'available',
  });
  expect(res.status).toBe(200);
  return Object.assign(operator, { extension });
}

/** POST a call event signed with the shared secret (HMAC of the raw body). */
async function signed(body: Record<string, unknown>, secret = SECRET) {
  const raw = JSON.stringify(body);
  return server
    .anonymous()
    .request<{ callId: number; applied: boolean; state: string; error?: string }>(
      'POST',
      '/api/telephony/events',
      raw,
      { 'content-type': 'application/json', 'x-kontakt-signature': pbxSignature(secret, raw) },
    );
}

const base = Date.UTC(2026, 11, 1, 8, 0, 0);
const at = (s: number) => new Date(base + s * 1000).toISOString();

async function callRow(externalId: string) {
  return server.ctx.deps.db
    .selectFrom('calls')
    .selectAll()
    .where('external_id', '=', externalId)
    .execute();
}

describe('call events from the PBX', () => {
  it('replayed, duplicated and out-of-order events make one correct call record', async () => {
    const operator = await operatorAtDesk();
    const callId = `test-${randomBytes(4).toString('hex')}`;
    const ringing = {
      callId,
      event: 'ringing',
      at: at(0),
      callerNumber: '+380670000101',
      line: '1551',
      extension: operator.extension,
    };
    const answered = { callId, event: 'answered', at: at(4), extension: operator.extension };
    const ended = { callId, event: 'ended', at: at(64), recordingRef: 'monitor/test.wav' };
    // Out of order (the end first), duplicated and replayed.
    const outcomes = [];
    for (const event of [ended, ringing, ended, answered, ringing, answered, ended]) {
      const res = await signed(event);
      expect(res.status).toBe(200);
      outcomes.push(res.body.applied);
    }
    expect(outcomes).toEqual([true, true, false, true, false, false, false]);
    const rows = await callRow(callId);
    expect(rows).toHaveLength(1);
    const call = rows[0]!;
    expect(call.state).toBe('ended');
    expect(call.caller_number).toBe('+380670000101');
    expect(call.operator_id).toBe(operator.userId);
    expect(call.ringing_at?.toISOString()).toBe(at(0));
    expect(call.answered_at?.toISOString()).toBe(at(4));
    expect(call.ended_at?.toISOString()).toBe(at(64));
    expect(call.duration_seconds).toBe(64);
    expect(call.talk_seconds).toBe(60);
    expect(call.recording_ref).toBe('monitor/test.wav');
    const events = await server.ctx.deps.db
      .selectFrom('call_events')
      .select('kind')
      .where('call_id', '=', call.id)
      .execute();
    expect(events.map((e) => e.kind).sort()).toEqual(['answered', 'ended', 'ringing']);
  });

  it('a bad signature gets 401 and changes nothing', async () => {
    const callId = `test-${randomBytes(4).toString('hex')}`;
    const first = await signed({
      callId,
      event: 'ringing',
      at: at(0),
      callerNumber: '+380670000102',
    });
    expect(first.status).toBe(200);
    const forged = await signed({ callId, event: 'answered', at: at(3) }, 'not-the-secret-at-all');
    expect(forged.status).toBe(401);
    expect(forged.body.error).toBe('bad_signature');
    const unsigned = await server
      .anonymous()
      .request('POST', '/api/telephony/events', { callId, event: 'ended', at: at(9) });
    expect(unsigned.status).toBe(401);
    // A signature of another body does not cover this one.
    const raw = JSON.stringify({ callId, event: 'ended', at: at(9) });
    const swapped = await server.anonymous().request('POST', '/api/telephony/events', raw, {
      'content-type': 'application/json',
      'x-kontakt-signature': pbxSignature(SECRET, raw.replace('ended', 'missed')),
    });
    expect(swapped.status).toBe(401);
    const [call] = await callRow(callId);
    expect(call!.state).toBe('ringing');
    expect(call!.answered_at).toBeNull();
    const count = await server.ctx.deps.db
      .selectFrom('call_events')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('call_id', '=', call!.id)
      .executeTakeFirstOrThrow();
    expect(Number(count.n)).toBe(1);
  });

  it('the bearer token is accepted too; a malformed event is 400', async () => {
    const callId = `test-${randomBytes(4).toString('hex')}`;
    const client = server.anonymous();
    const ok = await client.request(
      'POST',
      '/api/telephony/events',
      { callId, event: 'missed', at: at(20) },
      { authorization: `Bearer ${TOKEN}` },
    );
    expect(ok.status).toBe(200);
    expect(ok.body.state).toBe('missed');
    const bad = await signed({ callId, event: 'exploded', at: at(21) });
    expect(bad.status).toBe(400);
  });
});

describe('the call log, figures and presence', () => {
  it('links the appeal registered during the call; lists calls with nothing registered', async () => {
    const operator = await operatorAtDesk();
    const head = await server.signIn('supervisor');
    const { questionTypeId } = await routedQuestionType(server.ctx.deps);
    const withAppeal = `test-${randomBytes(4).toString('hex')}`;
    const empty = `test-${randomBytes(4).toString('hex')}`;
    const t0 = Date.now();
    const iso = (s: number) => new Date(t0 + s * 1000).toISOString();
    server.ctx.setNow(new Date(t0));
    await signed({
      callId: withAppeal,
      event: 'ringing',
      at: iso(0),
      callerNumber: '+380670000103',
      line: '1551',
      extension: operator.extension,
    });
    await signed({
      callId: withAppeal,
      event: 'answered',
      at: iso(2),
      extension: operator.extension,
    });
    expect((await operator.get('/api/v1/telephony/me')).body.state).toBe('on_call');
    server.ctx.setNow(new Date(t0 + 30_000));
    const appeal = await operator.post<{ id: number; number: string }>(
      '/api/v1/appeals',
      appealBody(questionTypeId),
    );
    expect(appeal.status).toBe(201);
    server.ctx.setNow(new Date(t0 + 60_000));
    await signed({ callId: withAppeal, event: 'ended', at: iso(60) });
    expect((await operator.get('/api/v1/telephony/me')).body.state).toBe('after_call');
    server.ctx.setNow(new Date(t0 + 75_000));
    await operator.request('PUT', '/api/v1/telephony/me', { state: 'available' });
    await signed({
      callId: empty,
      event: 'ringing',
      at: iso(80),
      callerNumber: '+380670000104',
      extension: operator.extension,
    });
    await signed({ callId: empty, event: 'answered', at: iso(81), extension: operator.extension });
    await signed({ callId: empty, event: 'ended', at: iso(100) });
    server.ctx.setNow(new Date(t0 + 120_000));

    const log = await head.get<{
      items: { externalId: string; appeals: { id: number }[]; talkSeconds: number }[];
    }>(`/api/v1/telephony/calls?operatorId=${operator.userId}`);
    expect(log.status).toBe(200);
    expect(log.body.items.map((c) => c.externalId)).toEqual([empty, withAppeal]);
    expect(log.body.items[1]!.appeals.map((a) => a.id)).toEqual([appeal.body.id]);
    expect(log.body.items[1]!.talkSeconds).toBe(58);
    const unregistered = await head.get<{ items: { externalId: string }[] }>(
      `/api/v1/telephony/calls?unregistered=true&operatorId=${operator.userId}`,
    );
    expect(unregistered.body.items.map((c) => c.externalId)).toEqual([empty]);

    const figures = await head.get<{
      items: { operatorId: number; calls: number; talkSeconds: number; afterCallSeconds: number }[];
    }>(
      `/api/v1/telephony/figures?from=${encodeURIComponent(iso(-1))}&to=${encodeURIComponent(iso(200))}`,
    );
    const mine = figures.body.items.find((f) => f.operatorId === operator.userId);
    // Talk 58 + 19 s; after-call work 60 → 75 s, then the open period after the second call 100 → 120 s.
    expect(mine).toEqual(
      expect.objectContaining({ calls: 2, talkSeconds: 77, afterCallSeconds: 35 }),
    );

    const board = await head.get<{ items: { userId: number; state: string; extension: string }[] }>(
      '/api/v1/telephony/presence',
    );
    expect(board.body.items.find((p) => p.userId === operator.userId)).toEqual(
      expect.objectContaining({ state: 'after_call', extension: operator.extension }),
    );
    expect((await operator.get('/api/v1/telephony/presence')).status).toBe(403);
  });

  it('an extension held by another operator is refused (409)', async () => {
    const first = await operatorAtDesk();
    const second = await server.signIn('operator');
    const res = await second.request('PUT', '/api/v1/telephony/me', { extension: first.extension });
    expect(res.status).toBe(409);
    expect(res.body.error).toBe('extension_taken');
  });
});

describe('the screen pop', () => {
  it("reaches the ringing operator's live stream, not another operator's", async () => {
    const operator = await operatorAtDesk();
    const other = await operatorAtDesk();
    const mine = await openStream(operator, SCREEN_POP_TOPIC);
    const theirs = await openStream(other, SCREEN_POP_TOPIC);
    try {
      await mine.until(() => mine.events.some((e) => e.topic === 'live.hello'));
      await theirs.until(() => theirs.events.some((e) => e.topic === 'live.hello'));
      const callId = `test-${randomBytes(4).toString('hex')}`;
      const res = await signed({
        callId,
        event: 'ringing',
        at: new Date().toISOString(),
        callerNumber: '+380670000177',
        line: '1551',
        extension: operator.extension,
      });
      expect(res.status).toBe(200);
      await mine.until(() => mine.events.some((e) => e.topic === SCREEN_POP_TOPIC));
      const pop = mine.events.find((e) => e.topic === SCREEN_POP_TOPIC)!.data as {
        callId: number;
        callerNumber: string;
        extension: string;
      };
      expect(pop.callId).toBe(res.body.callId);
      expect(pop.callerNumber).toBe('+380670000177');
      expect(pop.extension).toBe(operator.extension);
      expect(theirs.events.filter((e) => e.topic === SCREEN_POP_TOPIC)).toHaveLength(0);
    } finally {
      await mine.close();
      await theirs.close();
    }
  });

  it("tells the head's and the operator's own live stream of a presence change, not another operator's", async () => {
    const operator = await operatorAtDesk();
    const other = await operatorAtDesk();
    const head = await server.signIn('supervisor');
    const board = await openStream(head, PRESENCE_TOPIC);
    const own = await openStream(operator, PRESENCE_TOPIC);
    const theirs = await openStream(other, PRESENCE_TOPIC);
    try {
      await own.until(() => own.events.some((e) => e.topic === 'live.hello'));
      await board.until(() => board.events.some((e) => e.topic === 'live.hello'));
      await theirs.until(() => theirs.events.some((e) => e.topic === 'live.hello'));
      const res = await operator.request('PUT', '/api/v1/telephony/me', { state: 'break' });
      expect(res.status).toBe(200);
      const mine = (e: { topic: string; data: unknown }) =>
        e.topic === PRESENCE_TOPIC &&
        (e.data as { userId: number; state: string }).state === 'break' &&
        (e.data as { userId: number }).userId === res.body.userId;
      await board.until(() => board.events.some(mine));
      await own.until(() => own.events.some(mine));
      expect(theirs.events.filter((e) => e.topic === PRESENCE_TOPIC)).toHaveLength(0);
    } finally {
      await board.close();
      await own.close();
      await theirs.close();
    }
  });
});
