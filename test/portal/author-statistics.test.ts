/**
 * The portal form's optional author statistics (Classifier No. 858, I.4, I.7, I.8; issue 17,
 * item 3) over real HTTP: stated on the form → kept on the submission → shown to the moderator →
 * carried onto the appeal (and a new applicant's sex) when registered; an unknown key is a 400
 * naming the field; not stated → null throughout. Each test makes its own submission.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type ApiClient, type TestServer } from '../http.js';
import { PLANTED, portalQuestionType, submissionBody, submit } from './portal-helpers.js';

let server: TestServer;
let citizen: ApiClient;
let moderator: ApiClient;
let questionTypeId: number;

type Author = { sex: string | null; category: string | null; socialStatus: string | null };
type Submission = { id: number; trackingNumber: string; author: Author };

beforeAll(async () => {
  server = await startTestServer();
  citizen = server.anonymous();
  moderator = await server.signIn('moderator');
  questionTypeId = (await portalQuestionType(server.ctx.deps)).questionTypeId;
});
afterAll(() => server.close());

let serial = 0;
/** An invented applicant nobody else has (so registering is never an Art. 8 repeat). */
function someone() {
  serial += 1;
  const n = String(serial).padStart(4, '0');
  return {
    name: `Вигаданенко Оксана ${n}`,
    email: `stat.${n}@example.org`,
    phone: `+380 67 200 ${n.slice(0, 2)} ${n.slice(2)}`,
    address: PLANTED.residence,
  };
}

/** Submit, find the submission in the queue, register it: the submission and the appeal's row. */
async function submitAndRegister(statistics: Record<string, unknown>) {
  const applicant = someone();
  const sent = await submit(citizen, submissionBody(questionTypeId, { applicant, ...statistics }));
  expect(sent.status).toBe(201);
  const queue = await moderator.get<{ items: Submission[] }>('/api/v1/submissions?limit=200');
  const submission = queue.body.items.find((s) => s.trackingNumber === sent.body.trackingNumber);
  expect(submission).toBeDefined();
  const res = await moderator.post<{ appeal: { id: number } }>(
    `/api/v1/submissions/${submission!.id}/register`,
    {},
  );
  expect(res.status).toBe(201);
  const appeal = await server.ctx.deps.db
    .selectFrom('appeals as a')
    .innerJoin('applicants as p', 'p.id', 'a.applicant_id')
    .select(['a.author_sex', 'a.author_category', 'a.author_social_status', 'p.sex'])
    .where('a.id', '=', res.body.appeal.id)
    .executeTakeFirstOrThrow();
  return { submission: submission!, appeal };
}

describe('the portal form’s author statistics (Classifier No. 858)', () => {
  it('stated on the form: the moderator sees them and the registered appeal carries them', async () => {
    const { submission, appeal } = await submitAndRegister({
      authorSex: 'female',
      authorCategory: 'large_family',
      authorSocialStatus: 'public_sector',
    });
    expect(submission.author).toEqual({
      sex: 'female',
      category: 'large_family',
      socialStatus: 'public_sector',
    });
    expect(appeal).toEqual({
      author_sex: 'female',
      author_category: 'large_family',
      author_social_status: 'public_sector',
      // A new applicant takes the stated sex, as at the staff's intake.
      sex: 'female',
    });
  });

  it('not stated (absent or null): null on the submission and on the appeal', async () => {
    for (const statistics of [{}, { authorSex: null, authorCategory: null }]) {
      const { submission, appeal } = await submitAndRegister(statistics);
      expect(submission.author).toEqual({ sex: null, category: null, socialStatus: null });
      expect(appeal).toEqual({
        author_sex: null,
        author_category: null,
        author_social_status: null,
        sex: null,
      });
    }
  });

  it.each([
    ['an unknown sex', { authorSex: 'other' }, 'authorSex'],
    ['an unknown category', { authorCategory: 'veteran' }, 'authorCategory'],
    ['a status of the wrong type', { authorSocialStatus: 7 }, 'authorSocialStatus'],
  ])('refuses %s with 400 validation_failed naming the field', async (_what, change, path) => {
    const res = await submit(
      citizen,
      submissionBody(questionTypeId, { applicant: someone(), ...change }),
    );
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ error: 'validation_failed' });
    const details = (res.body as unknown as { details: { path: string }[] }).details;
    expect(details.map((d) => d.path)).toContain(`body/${path}`);
  });
});
