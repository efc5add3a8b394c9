/**
 * Attachments: type checked by the bytes, size limited, scoped like the appeal, used in a response.
 */
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appealBody, otherOrganisation, routedQuestionType } from '../factories.js';
import { type ApiClient, startTestServer, type TestServer } from '../http.js';

// The smallest valid PNG: 1×1 transparent pixel.
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
);

let server: TestServer;
let operator: ApiClient;
let executor: ApiClient;
let stranger: ApiClient;
let questionTypeId: number;

/** A new appeal of the executor's organisation, for one test. */
async function newAppeal(): Promise<number> {
  const res = await operator.post<{ id: number }>('/api/v1/appeals', appealBody(questionTypeId));
  expect(res.status).toBe(201);
  return res.body.id;
}

function form(bytes: Buffer, name: string, type: string): FormData {
  const data = new FormData();
  data.append('file', new Blob([new Uint8Array(bytes)], { type }), name);
  return data;
}

beforeAll(async () => {
  server = await startTestServer({ maxFileBytes: 1024 });
  const routed = await routedQuestionType(server.ctx.deps);
  operator = await server.signIn('operator');
  executor = await server.signIn('executor', routed.executorId);
  stranger = await server.signIn(
    'executor',
    await otherOrganisation(server.ctx.deps, routed.executorId),
  );
  questionTypeId = routed.questionTypeId;
});
afterAll(() => server.close());

describe('attachments', () => {
  it('stores a photo and serves it back to those who see the appeal', async () => {
    const appealId = await newAppeal();
    const up = await executor.request<{ id: number; mediaType: string; url: string }>(
      'POST',
      `/api/v1/appeals/${appealId}/attachments`,
      form(PNG, 'фото.png', 'image/png'),
    );
    expect(up.status).toBe(201);
    expect(up.body.mediaType).toBe('image/png');
    const down = await fetch(`${server.baseUrl}${up.body.url}`, {
      headers: { cookie: executor.cookie },
    });
    expect(down.status).toBe(200);
    // Re-encoded without metadata (issue 11): the same 1×1 PNG, not necessarily the same bytes.
    const served = await sharp(Buffer.from(await down.arrayBuffer())).metadata();
    expect(served).toMatchObject({ format: 'png', width: 1, height: 1 });
    expect((await stranger.get(up.body.url)).status).toBe(404);
  });

  it('refuses a file whose bytes are not an allowed type, whatever its name says', async () => {
    const appealId = await newAppeal();
    const res = await executor.request(
      'POST',
      `/api/v1/appeals/${appealId}/attachments`,
      form(Buffer.from('MZ\x90\x00binary'), 'photo.png', 'image/png'),
    );
    expect(res.status).toBe(415);
    expect(res.body).toMatchObject({ error: 'unsupported_file_type' });
  });

  it('refuses a file over the limit with 413 and keeps nothing', async () => {
    const appealId = await newAppeal();
    const big = Buffer.concat([PNG, Buffer.alloc(4096)]);
    const res = await executor.request(
      'POST',
      `/api/v1/appeals/${appealId}/attachments`,
      form(big, 'big.png', 'image/png'),
    );
    expect(res.status).toBe(413);
    expect(res.body).toMatchObject({ error: 'file_too_large' });
    const rows = await server.ctx.deps.db
      .selectFrom('attachments')
      .select('file_name')
      .where('appeal_id', '=', appealId)
      .execute();
    expect(rows).toEqual([]);
  });

  it('refuses an upload to another organisation’s appeal with 404', async () => {
    const appealId = await newAppeal();
    const res = await stranger.request(
      'POST',
      `/api/v1/appeals/${appealId}/attachments`,
      form(PNG, 'x.png', 'image/png'),
    );
    expect(res.status).toBe(404);
    expect(res.body).toMatchObject({ error: 'appeal_not_found' });
  });

  it('attaches uploaded files to the executor’s response', async () => {
    const appealId = await newAppeal();
    const up = await executor.request<{ id: number }>(
      'POST',
      `/api/v1/appeals/${appealId}/attachments`,
      form(PNG, 'after.png', 'image/png'),
    );
    await executor.post(`/api/v1/appeals/${appealId}/accept`);
    const res = await executor.post(`/api/v1/appeals/${appealId}/responses`, {
      text: 'Фото після ремонту',
      attachmentIds: [up.body.id],
    });
    expect(res.status).toBe(201);
    const card = await operator.get<{
      attachments: { fileName: string; responseId: number | null }[];
      responses: { id: number; text: string }[];
    }>(`/api/v1/appeals/${appealId}`);
    expect(card.body.responses).toMatchObject([{ text: 'Фото після ремонту' }]);
    expect(card.body.attachments).toEqual([
      expect.objectContaining({ fileName: 'after.png', responseId: card.body.responses[0]?.id }),
    ]);
  });

  it('stores an upload sent again with the same Idempotency-Key once, and refuses the key with another file', async () => {
    const appealId = await newAppeal();
    const key = `upload-${appealId}-0123456789abcdef`;
    const send = (bytes: Buffer, name: string) =>
      executor.request<{ id: number; error?: string }>(
        'POST',
        `/api/v1/appeals/${appealId}/attachments`,
        form(bytes, name, 'image/png'),
        { 'idempotency-key': key },
      );
    const first = await send(PNG, 'двір.png');
    expect(first.status).toBe(201);
    const again = await send(PNG, 'двір.png');
    expect([again.status, again.body.id]).toEqual([200, first.body.id]);
    // Two at once with a fresh key: one row.
    const racingKey = `${key}-racing`;
    const racing = await Promise.all(
      [0, 1].map(() =>
        executor.request<{ id: number }>(
          'POST',
          `/api/v1/appeals/${appealId}/attachments`,
          form(PNG, 'двір.png', 'image/png'),
          { 'idempotency-key': racingKey },
        ),
      ),
    );
    expect(racing.map((r) => r.status).sort()).toEqual([200, 201]);
    expect(racing[0]!.body.id).toBe(racing[1]!.body.id);
    const other = await send(
      await sharp({ create: { width: 2, height: 2, channels: 3, background: '#123456' } })
        .png()
        .toBuffer(),
      'двір.png',
    );
    expect([other.status, other.body.error]).toEqual([422, 'idempotency_key_reused']);
    const rows = await server.ctx.deps.db
      .selectFrom('attachments')
      .select('id')
      .where('appeal_id', '=', appealId)
      .execute();
    expect(rows).toHaveLength(2);
    const events = await server.ctx.deps.db
      .selectFrom('appeal_events')
      .select('id')
      .where('appeal_id', '=', appealId)
      .where('type', '=', 'attachment_added')
      .execute();
    expect(events).toHaveLength(2);
  });
});
