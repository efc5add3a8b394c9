/**
 * Portal intake over HTTP: public question types, submissions checked by Art. 5 and the consent
 * rule, idempotency (Send pressed twice, a retry after a network error), photos with type, size and
 * count limits, the access code stored only as a hash, and the receipt in the outbox.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startTestServer, type ApiClient, type TestServer } from '../http.js';
import {
  form,
  PLANTED,
  png,
  portalQuestionType,
  type Receipt,
  submissionBody,
  submit,
} from './portal-helpers.js';

let server: TestServer;
let citizen: ApiClient;
let questionTypeId: number;

beforeAll(async () => {
  server = await startTestServer({ maxFileBytes: 2048 });
  citizen = server.anonymous();
  questionTypeId = (await portalQuestionType(server.ctx.deps)).questionTypeId;
});
afterAll(() => server.close());

type Kind = {
  id: number;
  name: string;
  nameEn: string | null;
  questionTypes: { id: number; name: string; nameEn: string | null; termDays: number }[];
};

const submissionsCount = async () =>
  Number(
    (
      await server.ctx.deps.db
        .selectFrom('submissions')
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

describe('the portal pages’ configuration', () => {
  it('gives the map view, no tiles unless configured, and the photo limits', async () => {
    const res = await server.anonymous().get<{
      map: { tiles: string | null; center: [number, number]; zoom: number };
      photos: { maxCount: number; maxBytes: number; mediaTypes: string[] };
    }>('/api/public/config');
    expect(res.status).toBe(200);
    expect(res.body.map.tiles).toBeNull();
    expect(res.body.map.center[0]).toBeCloseTo(50.45, 1);
    expect(res.body.photos).toEqual({
      maxCount: 5,
      maxBytes: server.ctx.deps.config.maxFileBytes,
      mediaTypes: ['image/jpeg', 'image/png', 'image/webp', 'image/heic'],
    });
  });
});

describe('public question types', () => {
  it('lists the public question types grouped by kind, with names in both languages', async () => {
    const res = await citizen.get<Kind[]>('/api/public/question-types');
    expect(res.status).toBe(200);
    expect(res.body.length).toBeGreaterThan(10);
    const all = res.body.flatMap((k) => k.questionTypes);
    expect(all.some((q) => q.id === questionTypeId)).toBe(true);
    expect(typeof res.body[0]!.id).toBe('number');
    expect(res.body[0]!.name.length).toBeGreaterThan(0);
    expect(all.length).toBeGreaterThan(10);
    expect(all.filter((q) => !Number.isInteger(q.termDays) || q.termDays < 0)).toEqual([]);
  });

  it('leaves out question types that are not public', async () => {
    const hidden = await server.ctx.deps.db
      .updateTable('question_types')
      .set({ is_public: false })
      .where('id', '=', (await portalQuestionType(server.ctx.deps, 5)).questionTypeId)
      .returning('id')
      .executeTakeFirstOrThrow();
    const res = await citizen.get<Kind[]>('/api/public/question-types');
    expect(res.body.flatMap((k) => k.questionTypes).some((q) => q.id === hidden.id)).toBe(false);
    const refused = await submit(citizen, submissionBody(hidden.id));
    expect(refused.status).toBe(400);
    expect(refused.body).toMatchObject({ error: 'unknown_question_type' });
  });
});

describe('submitting', () => {
  it('answers with a tracking number and an access code, and keeps only the code’s hash', async () => {
    const res = await submit(citizen, submissionBody(questionTypeId));
    expect(res.status).toBe(201);
    expect(res.body.trackingNumber).toMatch(/^P-\d{4}-\d{6}$/);
    expect(res.body.accessCode).toMatch(/^[0-9A-Z]{5}-[0-9A-Z]{5}$/);
    expect(res.body.state).toBe('pending');
    expect(res.body.receiptEmailed).toBe(true);
    expect(res.body.trackUrl).toContain(encodeURIComponent(res.body.trackingNumber));
    const row = await server.ctx.deps.db
      .selectFrom('submissions')
      .selectAll()
      .where('tracking_number', '=', res.body.trackingNumber)
      .executeTakeFirstOrThrow();
    const code = res.body.accessCode.replace('-', '');
    expect(row.access_code_hash).toMatch(/^\$argon2id\$/);
    expect(JSON.stringify(row)).not.toContain(code);
    expect(row).toMatchObject({
      channel: 'portal',
      state: 'pending',
      applicant_name: PLANTED.name,
      consent_source: 'portal_form',
    });
    expect(row.consent_given_at).toBeInstanceOf(Date);
  });

  it('e-mails the receipt through the outbox when an address is given, and not otherwise', async () => {
    const withMail = await submit(citizen, submissionBody(questionTypeId));
    const mail = await server.ctx.deps.db
      .selectFrom('notifications')
      .selectAll()
      .where('kind', '=', 'submission_received')
      .where('body', 'like', `%${withMail.body.trackingNumber}%`)
      .executeTakeFirstOrThrow();
    expect(mail.recipient_email).toBe(PLANTED.email);
    expect(mail.body).toContain(withMail.body.accessCode);
    expect(mail.locale).toBe('uk');

    const phoneOnly = await submit(
      citizen,
      submissionBody(questionTypeId, {
        applicant: { name: PLANTED.name, phone: PLANTED.phone },
        locale: 'en',
      }),
    );
    expect(phoneOnly.status).toBe(201);
    expect(phoneOnly.body.receiptEmailed).toBe(false);
    const none = await server.ctx.deps.db
      .selectFrom('notifications')
      .select('id')
      .where('body', 'like', `%${phoneOnly.body.trackingNumber}%`)
      .execute();
    expect(none).toHaveLength(0);
  });

  it.each([
    ['no consent', { consent: false }, 'consent'],
    ['no contact (Art. 5)', { applicant: { name: PLANTED.name } }, 'applicant.email'],
    ['no name (Art. 5)', { applicant: { name: ' ', email: PLANTED.email } }, 'applicant.name'],
    ['no place', { address: null, latitude: null, longitude: null }, 'address'],
    ['half a point', { latitude: 50.45, longitude: null }, 'latitude'],
    ['no substance', { description: 'ям' }, 'description'],
    ['a bad e-mail', { applicant: { name: PLANTED.name, email: 'not-mail' } }, 'applicant.email'],
  ])('refuses %s with 400 validation_failed naming the field', async (_what, change, path) => {
    const res = await submit(citizen, submissionBody(questionTypeId, change));
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ error: 'validation_failed' });
    const details = (res.body as unknown as { details: { path: string }[] }).details;
    expect(details.map((d) => d.path)).toContain(`body/${path.replace('.', '/')}`);
  });

  it('refuses malformed JSON and an unknown question type as client errors', async () => {
    const malformed = await citizen.request(
      'POST',
      '/api/public/submissions',
      '{"questionTypeId":',
      {
        'content-type': 'application/json',
      },
    );
    expect(malformed.status).toBe(400);
    expect(malformed.body).toMatchObject({ error: 'malformed_json' });
    const unknown = await submit(citizen, submissionBody(999_999));
    expect(unknown.status).toBe(400);
    expect(unknown.body).toMatchObject({ error: 'unknown_question_type' });
  });
});

describe('idempotency: Send pressed twice or retried creates one submission', () => {
  it('returns the first answer, with the same access code, for the same key and form', async () => {
    const key = randomUUID();
    const before = await submissionsCount();
    const first = await submit(citizen, submissionBody(questionTypeId), key);
    const again = await submit(citizen, submissionBody(questionTypeId), key);
    expect(first.status).toBe(201);
    expect(again.status).toBe(200);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(again.body).toEqual(first.body);
    expect(await submissionsCount()).toBe(before + 1);
    // and the code given again opens the tracking page
    const tracked = await citizen.post('/api/public/tracking', {
      number: first.body.trackingNumber,
      accessCode: again.body.accessCode,
    });
    expect(tracked.status).toBe(200);
  });

  it('makes one submission of two simultaneous requests with the same key', async () => {
    const key = randomUUID();
    const before = await submissionsCount();
    const [a, b] = await Promise.all([
      submit(citizen, submissionBody(questionTypeId), key),
      submit(citizen, submissionBody(questionTypeId), key),
    ]);
    expect([a.status, b.status].sort()).toEqual([200, 201]);
    expect(a.body.trackingNumber).toBe(b.body.trackingNumber);
    expect(a.body.accessCode).toBe(b.body.accessCode);
    expect(await submissionsCount()).toBe(before + 1);
  });

  it('refuses the same key with another form (422), and short keys (400)', async () => {
    const key = randomUUID();
    await submit(citizen, submissionBody(questionTypeId), key);
    const other = await submit(
      citizen,
      submissionBody(questionTypeId, { description: 'Зовсім інша проблема у дворі будинку' }),
      key,
    );
    expect(other.status).toBe(422);
    expect(other.body).toMatchObject({ error: 'idempotency_key_reused' });
    const short = await submit(citizen, submissionBody(questionTypeId), 'abc');
    expect(short.status).toBe(400);
  });

  it('without a key, each request is a new submission with its own code', async () => {
    const a = await citizen.post<Receipt>(
      '/api/public/submissions',
      submissionBody(questionTypeId),
    );
    const b = await citizen.post<Receipt>(
      '/api/public/submissions',
      submissionBody(questionTypeId),
    );
    expect(a.status).toBe(201);
    expect(b.status).toBe(201);
    expect(a.body.trackingNumber).not.toBe(b.body.trackingNumber);
    expect(a.body.accessCode).not.toBe(b.body.accessCode);
  });
});

describe('photos', () => {
  let receipt: Receipt;
  const upload = (body: FormData, code = receipt.accessCode, number = receipt.trackingNumber) =>
    citizen.request<{ id: number; mediaType: string; error?: string; message?: string }>(
      'POST',
      `/api/public/submissions/${number}/photos`,
      body,
      { 'x-access-code': code },
    );

  // Each test uploads to a submission of its own, so the photo count never depends on test order.
  beforeEach(async () => {
    receipt = (await submit(citizen, submissionBody(questionTypeId))).body;
  });

  it('stores a photo, and the same photo sent again only once', async () => {
    const first = await upload(form(png(1), 'ліхтар.png', 'image/png'));
    expect(first.status).toBe(201);
    expect(first.body.mediaType).toBe('image/png');
    const again = await upload(form(png(1), 'ліхтар.png', 'image/png'));
    expect(again.status).toBe(200);
    expect(again.body.id).toBe(first.body.id);
  });

  it('refuses a file that is not a photo by its bytes, with a clear message', async () => {
    const res = await upload(form(Buffer.from('%PDF-1.4\n'), 'photo.jpg', 'image/jpeg'));
    expect(res.status).toBe(415);
    expect(res.body.error).toBe('unsupported_file_type');
    expect(res.body.message).toMatch(/JPEG, PNG, WebP or HEIC/);
  });

  it('refuses a file over the size limit with 413 and the limit', async () => {
    const big = Buffer.concat([png(0), Buffer.alloc(4096, 1)]);
    const res = await upload(form(big, 'big.png', 'image/png'));
    expect(res.status).toBe(413);
    expect(res.body.error).toBe('file_too_large');
    expect(res.body.message).toMatch(/MiB/);
  });

  it('takes at most five photos', async () => {
    for (let i = 1; i <= 5; i++) {
      expect((await upload(form(png(i), `p${i}.png`, 'image/png'))).status).toBe(201);
    }
    const sixth = await upload(form(png(6), 'p6.png', 'image/png'));
    expect(sixth.status).toBe(409);
    expect(sixth.body.error).toBe('too_many_photos');
  });

  it('answers 404 for a wrong code or number, and 415 for a non-multipart body', async () => {
    expect((await upload(form(png(7), 'x.png', 'image/png'), 'WRONG-CODE1')).status).toBe(404);
    expect(
      (await upload(form(png(7), 'x.png', 'image/png'), receipt.accessCode, 'P-2000-999999'))
        .status,
    ).toBe(404);
    const json = await citizen.request(
      'POST',
      `/api/public/submissions/${receipt.trackingNumber}/photos`,
      { file: 'x' },
      { 'x-access-code': receipt.accessCode },
    );
    expect(json.status).toBe(415);
  });
});

describe('the OpenAPI document', () => {
  it('lists the portal, moderation and Open311 operations with their schemas', async () => {
    type Operation = {
      operationId?: string;
      requestBody?: { content: Record<string, { schema: { properties?: object } }> };
    };
    const res = await citizen.get<{ paths: Record<string, Record<string, Operation>> }>(
      '/api/openapi.json',
    );
    const operations = Object.values(res.body.paths).flatMap((methods) => Object.values(methods));
    const ids = operations.map((op) => op.operationId);
    expect(ids).toEqual(
      expect.arrayContaining([
        'publicQuestionTypes',
        'submitAppeal',
        'addSubmissionPhoto',
        'trackAppeal',
        'giveFeedback',
        'publicAppeals',
        'publicAppealsMap',
        'publicStatistics',
        'openDataKyiv1551',
        'listSubmissions',
        'registerSubmission',
        'mergeSubmission',
        'rejectSubmission',
        'issueOpen311ApiKey',
        'open311Services',
        'open311PostRequest',
        'open311Requests',
        'open311Token',
      ]),
    );
    const submitOp = operations.find((op) => op.operationId === 'submitAppeal')!;
    const body = submitOp.requestBody!.content['application/json']!.schema;
    expect(Object.keys(body.properties ?? {})).toEqual(
      expect.arrayContaining(['questionTypeId', 'applicant', 'consent', 'confidential']),
    );
  });
});
