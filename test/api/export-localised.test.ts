/**
 * The registry's export as a Ukrainian office reads it (issue 12): headers and codes as words of
 * the page's language, times in the city's zone, `;` by default in Ukrainian (or a chosen `,`), a
 * BOM; the XLSX has the same headers. Without `lang`, the machine form (codes, ISO instants).
 */
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appealBody, routedQuestionType } from '../factories.js';
import { type ApiClient, startTestServer, type TestServer } from '../http.js';

let server: TestServer;
let operator: ApiClient;
const WINDOW = 'receivedFrom=2026-05-04T00:00:00Z&receivedTo=2026-05-05T00:00:00Z';

beforeAll(async () => {
  server = await startTestServer();
  const { questionTypeId } = await routedQuestionType(server.ctx.deps);
  operator = await server.signIn('operator');
  // 21:30 UTC on 4 May is 00:30 on 5 May in Kyiv (summer time, UTC+3).
  await operator.post(
    '/api/v1/appeals',
    appealBody(questionTypeId, { receivedAt: '2026-05-04T21:30:00Z', channel: 'email' }),
  );
});
afterAll(() => server.close());

async function csv(query: string) {
  const res = await fetch(`${server.baseUrl}/api/v1/appeals/export.csv?${WINDOW}&${query}`, {
    headers: { cookie: operator.cookie },
  });
  expect(res.status).toBe(200);
  return new Uint8Array(await res.arrayBuffer());
}

describe('export in the page’s language', () => {
  it('writes Ukrainian words, Kyiv times and ; after a BOM', async () => {
    const bytes = await csv('lang=uk');
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder().decode(bytes).replace(/^\uFEFF/, '');
    expect(text.split('\n')[0]).toContain('Номер;Надійшло;Канал;Вид;');
    const [row] = parse<Record<string, string>>(text, { columns: true, delimiter: ';' });
    expect(row).toMatchObject({
      Надійшло: '05.05.2026 00:30',
      Канал: 'Електронна пошта',
      Вид: 'Заява (клопотання)',
      Стан: 'Зареєстровано',
    });
  });

  it('takes a chosen separator, and English words', async () => {
    const text = new TextDecoder().decode(await csv('lang=uk&separator=,')).replace(/^\uFEFF/, '');
    expect(text.split('\n')[0]).toContain('Номер,Надійшло,');
    const english = new TextDecoder().decode(await csv('lang=en')).replace(/^\uFEFF/, '');
    const [row] = parse<Record<string, string>>(english, { columns: true });
    expect(row).toMatchObject({ Received: '2026-05-05 00:30', Status: 'Registered' });
  });

  it('keeps the machine form without lang', async () => {
    const text = new TextDecoder().decode(await csv('')).replace(/^\uFEFF/, '');
    const [row] = parse<Record<string, string>>(text, { columns: true });
    expect(row).toMatchObject({ received_at: '2026-05-04T21:30:00.000Z', status: 'registered' });
  });

  it('gives the XLSX the same Ukrainian headers', async () => {
    const res = await fetch(`${server.baseUrl}/api/v1/appeals/export.xlsx?${WINDOW}&lang=uk`, {
      headers: { cookie: operator.cookie },
    });
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(await res.arrayBuffer());
    const sheet = workbook.worksheets[0]!;
    expect(sheet.getRow(1).getCell(1).value).toBe('Номер');
    expect(sheet.getRow(2).getCell(10).value).toBe('Зареєстровано');
  });
});
