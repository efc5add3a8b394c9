/**
 * Staff registration happens once per filled form (issue 12): the same Idempotency-Key returns the
 * first appeal; a "new" applicant with the name and phone of one on record is that applicant
 * unless the operator says otherwise; the reason for registering a decided repeat is kept.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appealBody } from '../factories.js';
import { type ApiClient, startOperatorServer, type TestServer } from '../http.js';

interface Registered {
  id: number;
  number: string;
  applicantId: number | null;
}

let server: TestServer;
let operator: ApiClient;
let questionTypeId: number;

beforeAll(async () => {
  ({ server, operator, questionTypeId } = await startOperatorServer());
});
afterAll(() => server.close());

const post = (body: unknown, key?: string) =>
  operator.request<Registered & { error?: string }>(
    'POST',
    '/api/v1/appeals',
    body,
    key ? { 'idempotency-key': key } : {},
  );

describe('registering once', () => {
  it('returns the first appeal for the same key, twice in a row and twice at once', async () => {
    const body = appealBody(questionTypeId, {
      applicant: { fullName: 'Двічі Натиснутий', phones: ['067 000 11 21'] },
    });
    const first = await post(body, 'key-0001-aaaa-bbbb-cccc');
    const again = await post(body, 'key-0001-aaaa-bbbb-cccc');
    expect(first.status).toBe(201);
    expect(again.status).toBe(200);
    expect(again.body.number).toBe(first.body.number);

    const racing = appealBody(questionTypeId, {
      description: 'Два запити одночасно',
      applicant: { fullName: 'Одночасний Заявник', phones: ['067 000 11 22'] },
    });
    const both = await Promise.all([
      post(racing, 'key-0002-aaaa-bbbb-cccc'),
      post(racing, 'key-0002-aaaa-bbbb-cccc'),
    ]);
    expect(both.map((r) => r.status).sort()).toEqual([200, 201]);
    expect(both[0].body.number).toBe(both[1].body.number);
    const applicants = await server.ctx.deps.db
      .selectFrom('applicants')
      .select('id')
      .where('full_name', '=', 'Одночасний Заявник')
      .execute();
    expect(applicants).toHaveLength(1);

    const other = await post({ ...body, description: 'Інший текст' }, 'key-0001-aaaa-bbbb-cccc');
    expect(other.status).toBe(422);
    expect(other.body.error).toBe('idempotency_key_reused');
  });

  it('uses the applicant on record with the same name and phone unless told otherwise', async () => {
    const applicant = { fullName: 'Той Самий Заявник', phones: ['+380 67 000 11 23'] };
    const first = await post(appealBody(questionTypeId, { applicant }));
    const second = await post(
      appealBody(questionTypeId, {
        description: 'Ще одне питання',
        applicant: { fullName: 'той самий заявник', phones: ['067-000-11-23'] },
      }),
    );
    expect(second.body.applicantId).toBe(first.body.applicantId);
    const separate = await post(
      appealBody(questionTypeId, { applicant, separateApplicant: true, description: 'Тезко' }),
    );
    expect(separate.status).toBe(201);
    expect(separate.body.applicantId).not.toBe(first.body.applicantId);
  });
});
