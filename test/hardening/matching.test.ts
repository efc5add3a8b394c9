/**
 * One normal form end to end (issue 11, items 2–6): text stored in NFC; apostrophes and Latin
 * look-alike letters match in the registry search and address suggestions; phones in any usual
 * spelling find the same applicant and the staff API refuses what the portal refuses; an e-mail on a
 * Cyrillic domain is accepted. The SQL fold equals the domain's.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { foldKey } from '../../src/domain/normal-forms.js';
import { appealBody } from '../factories.js';
import { type ApiClient, startOperatorServer, type TestServer } from '../http.js';

let server: TestServer;
let operator: ApiClient;
let questionTypeId: number;

beforeAll(async () => {
  ({ server, operator, questionTypeId } = await startOperatorServer());
  const appeals = [
    { description: 'Тече дах над підʼїздом номер два', address: 'вул. Солом’янська, 5' },
    { description: 'Не працює ліфт у будинку', address: 'вул. Січових Стрільців, 10' },
    { description: 'И\u0306де вода з стелі', address: 'просп. Перемоги, 7' },
  ];
  for (const [i, a] of appeals.entries()) {
    const res = await operator.post(
      '/api/v1/appeals',
      appealBody(questionTypeId, {
        ...a,
        applicant: { fullName: `Тестенко Особа ${i}`, phones: [`067 111 22 3${i}`] },
      }),
    );
    expect(res.status).toBe(201);
  }
});
afterAll(() => server.close());

async function registry(q: string): Promise<string[]> {
  const res = await operator.get<{ items: { description: string }[] }>(
    `/api/v1/appeals?q=${encodeURIComponent(q)}`,
  );
  expect(res.status).toBe(200);
  return res.body.items.map((i) => i.description);
}

describe('search matches whatever the apostrophe or look-alike letter', () => {
  it.each(["під'їздом", 'під’їздом', 'підʼїздом', 'під`їздом', 'ПІД‘ЇЗДОМ'])(
    'the registry finds «підʼїздом» by %s',
    async (q) => {
      expect(await registry(q)).toEqual(['Тече дах над підʼїздом номер два']);
    },
  );
  it.each(['лiфт', 'ЛIФТ', 'лiфт у будинкy', 'Нe працює'])(
    'the registry finds «ліфт» by %s (Latin letters)',
    async (q) => {
      expect(await registry(q)).toEqual(['Не працює ліфт у будинку']);
    },
  );
  it('stores decomposed input composed, and both spellings find it', async () => {
    expect(await registry('Йде')).toEqual(['Йде вода з стелі']);
    expect(await registry('И\u0306де')).toEqual(['Йде вода з стелі']);
  });

  it.each([
    ["Солом'ян", 'вул. Солом’янська, 5'],
    ['соломʼянськ', 'вул. Солом’янська, 5'],
    ['Сiчових', 'вул. Січових Стрільців, 10'],
    ['CIЧОВИХ', 'вул. Січових Стрільців, 10'],
  ])('address suggestions: %s → %s (as typed)', async (q, address) => {
    const res = await operator.get<{ address: string }[]>(
      `/api/v1/addresses?q=${encodeURIComponent(q)}`,
    );
    expect(res.body.map((r) => r.address)).toEqual([address]);
  });

  it('SQL kontakt_fold equals the domain fold', async () => {
    const samples = ["Солом'янська ʼ’‘`′´ʹ", 'Сiчових CIЧОВИХ', 'TEPEMKИ Kиïв', 'Main Street'];
    for (const s of samples) {
      const { rows } = await sql<{ k: string }>`SELECT kontakt_fold(${s}) AS k`.execute(
        server.ctx.deps.db,
      );
      expect(rows[0]!.k).toBe(foldKey(s));
    }
  });
});

describe('phones and e-mail', () => {
  it.each(['+380 (067) 111-22-31', '00380671112231', '067 111 22 31', '8 067 111 22 31'])(
    'finds the applicant by %s',
    async (phone) => {
      const res = await operator.get<{ fullName: string }[]>(
        `/api/v1/applicants?phone=${encodeURIComponent(phone)}`,
      );
      expect(res.body.map((a) => a.fullName)).toEqual(['Тестенко Особа 1']);
    },
  );

  it.each(['abc+123', '067 111 22 3x', '12345', 'phone: 0671112233'])(
    'the staff API refuses the phone %j as the portal does',
    async (phone) => {
      const res = await operator.post(
        '/api/v1/appeals',
        appealBody(questionTypeId, { applicant: { fullName: 'Тест Тестович', phones: [phone] } }),
      );
      expect(res.status).toBe(400);
      expect(res.body).toMatchObject({ error: 'validation_failed' });
    },
  );

  it('accepts an e-mail on a Cyrillic domain and its punycode form', async () => {
    for (const email of ['olena@пошта.укр', 'olena@xn--80a1acn3a.xn--j1amh']) {
      const res = await operator.post(
        '/api/v1/appeals',
        appealBody(questionTypeId, {
          applicant: { fullName: 'Олена Тестова', phones: [], email },
        }),
      );
      expect(res.status).toBe(201);
    }
    const portal = await server.anonymous().post('/api/public/submissions', {
      questionTypeId,
      description: 'Перевірка адреси пошти',
      address: 'вул. Тестова, 2',
      applicant: { name: 'Олена Тестова', email: 'olena@пошта.укр' },
      consent: true,
    });
    expect(portal.status).toBe(201);
  });
});
