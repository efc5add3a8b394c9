/**
 * Phone appeals followed online (issue 12 item 16) over real HTTP: the operator's registration
 * answers with the number and an access code to read out, e-mailed when the caller gave an
 * address; the portal's tracking opens the appeal with them; a replayed registration gets a new
 * code; consultations, anonymous and Internet appeals get none; the moderator's lists never show
 * the tracking row.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appealBody } from '../factories.js';
import { type ApiClient, startOperatorServer, type TestServer } from '../http.js';

let server: TestServer;
let operator: ApiClient;
let questionTypeId: number;

beforeAll(async () => {
  ({ server, operator, questionTypeId } = await startOperatorServer());
});
afterAll(() => server.close());

interface Registered {
  id: number;
  number: string;
  tracking: { number: string; accessCode: string; emailed: boolean } | null;
}

const track = (number: string, accessCode: string) =>
  server
    .anonymous()
    .post<{ appeal: { number: string; status: string } | null; description: string }>(
      '/api/public/tracking',
      { number, accessCode },
    );

describe('a phone appeal’s tracking code', () => {
  it('is given to the operator to read out, e-mailed, and opens the appeal on the portal', async () => {
    const body = appealBody(questionTypeId, {
      description: 'Не працює ліфт у під’їзді №2',
      applicant: {
        fullName: 'Телефонна Олена Петрівна',
        phones: ['067 111 22 33'],
        email: 'olena@example.org',
      },
    });
    const res = await operator.post<Registered>('/api/v1/appeals', body);
    expect(res.status).toBe(201);
    const tracking = res.body.tracking!;
    expect(tracking.number).toBe(res.body.number);
    expect(tracking.accessCode).toMatch(/^[0-9A-Z]{5}-[0-9A-Z]{5}$/);
    expect(tracking.emailed).toBe(true);

    const seen = await track(res.body.number, tracking.accessCode);
    expect(seen.status).toBe(200);
    expect(seen.body.appeal).toMatchObject({ number: res.body.number, status: 'registered' });
    expect(seen.body.description).toBe('Не працює ліфт у під’їзді №2');
    // Typed as people type it: lower case, no dash.
    expect(
      (await track(res.body.number, tracking.accessCode.replace('-', '').toLowerCase())).status,
    ).toBe(200);
    expect((await track(res.body.number, 'AAAAA-AAAAA')).status).toBe(404);

    const mail = await server.ctx.deps.db
      .selectFrom('notifications')
      .select(['recipient_email', 'subject', 'body'])
      .where('appeal_id', '=', res.body.id)
      .where('kind', '=', 'tracking_code')
      .executeTakeFirstOrThrow();
    expect(mail.recipient_email).toBe('olena@example.org');
    expect(mail.subject).toBe(`Ваше звернення зареєстровано за № ${res.body.number}`);
    expect(mail.body).toContain(`Код доступу: ${tracking.accessCode}`);
    expect(mail.body).toContain(`/portal/track?number=${res.body.number}`);

    // The moderator's lists hold submissions from the Internet only.
    const moderator = await server.signIn('moderator');
    const registered = await moderator.get<{ items: { appeal: { id: number } | null }[] }>(
      '/api/v1/submissions?state=registered&limit=100',
    );
    expect(registered.status).toBe(200);
    expect(registered.body.items.filter((s) => s.appeal?.id === res.body.id)).toEqual([]);
  });

  it('is issued anew when the same registration is replayed; the first code stops working', async () => {
    const body = appealBody(questionTypeId);
    const key = { 'idempotency-key': `phone-tracking-${Date.now()}` };
    const first = await operator.request<Registered>('POST', '/api/v1/appeals', body, key);
    const again = await operator.request<Registered>('POST', '/api/v1/appeals', body, key);
    expect([first.status, again.status]).toEqual([201, 200]);
    expect(again.body.id).toBe(first.body.id);
    expect(first.body.tracking!.emailed).toBe(false);
    expect(again.body.tracking!.accessCode).not.toBe(first.body.tracking!.accessCode);
    expect((await track(first.body.number, again.body.tracking!.accessCode)).status).toBe(200);
    expect((await track(first.body.number, first.body.tracking!.accessCode)).status).toBe(404);
  });

  it('is given with the registration for an applicant on record, e-mailed to their address', async () => {
    const first = await operator.post<Registered & { applicantId: number }>(
      '/api/v1/appeals',
      appealBody(questionTypeId, {
        applicant: {
          fullName: 'Записана Ганна Олегівна',
          phones: ['067 555 00 11'],
          email: 'hanna@example.org',
        },
      }),
    );
    const again = await operator.post<Registered>('/api/v1/appeals', {
      ...appealBody(questionTypeId, { description: 'Знову немає води' }),
      applicant: undefined,
      applicantId: first.body.applicantId,
    });
    expect(again.status).toBe(201);
    expect(again.body.tracking).toMatchObject({ number: again.body.number, emailed: true });
    expect((await track(again.body.number, again.body.tracking!.accessCode)).status).toBe(200);
    // One tracking row per appeal, written with it.
    const rows = await server.ctx.deps.db
      .selectFrom('submissions')
      .select(['appeal_id', 'applicant_email', 'tracking_number'])
      .where('appeal_id', 'in', [first.body.id, again.body.id])
      .execute();
    expect(rows.map((r) => r.appeal_id).sort()).toEqual([first.body.id, again.body.id].sort());
    expect(rows.every((r) => r.applicant_email === 'hanna@example.org')).toBe(true);
    expect(rows.every((r) => /^P-\d{4}-\d{6,}$/.test(r.tracking_number))).toBe(true);
  });

  it('is not given to an applicant with neither phone nor e-mail; the appeal is registered', async () => {
    // A letter from someone who gave a name and an address only (a tracking row keeps a contact).
    const letter = await operator.post<Registered & { applicantId: number }>(
      '/api/v1/appeals',
      appealBody(questionTypeId, {
        channel: 'post',
        applicant: { fullName: 'Листовна Марія Іванівна', phones: [], address: 'вул. Тестова, 3' },
      }),
    );
    expect(letter.status).toBe(201);
    expect(letter.body.tracking).toBeNull();
    // The same applicant chosen by id on their next letter.
    const next = await operator.post<Registered>('/api/v1/appeals', {
      ...appealBody(questionTypeId, { channel: 'post' }),
      applicant: undefined,
      applicantId: letter.body.applicantId,
    });
    expect(next.status).toBe(201);
    expect(next.body.tracking).toBeNull();
    const appeals = await server.ctx.deps.db
      .selectFrom('appeals')
      .select('id')
      .where('id', 'in', [letter.body.id, next.body.id])
      .execute();
    expect(appeals).toHaveLength(2);
  });

  it.each([
    ['a consultation', { kind: 'consultation' }],
    ['an appeal from the portal channel', { channel: 'portal' }],
  ])('is not given for %s', async (_, overrides) => {
    const res = await operator.post<Registered>(
      '/api/v1/appeals',
      appealBody(questionTypeId, overrides),
    );
    expect(res.status).toBe(201);
    expect(res.body.tracking).toBeNull();
  });
});
