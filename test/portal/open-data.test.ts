/**
 * Open data in the Kyiv 1551 format: the export of the imported real sample reproduces the
 * sample's fields and values; a round trip (export → `import kyiv1551` into an empty database)
 * gives the same appeals; a planted applicant never appears; confidential appeals are left out.
 */
import { readFileSync } from 'node:fs';
import { createWriteStream } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DateTime } from 'luxon';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { normaliseText } from '../../src/domain/text.js';
import type { Deps } from '../../src/server/context.js';
import { importKyiv1551 } from '../../src/server/imports/kyiv1551.js';
import { KYIV1551_FIELDS, writeOpenData } from '../../src/server/portal/open-data.js';
import { startTestServer, type ApiClient, type TestServer } from '../http.js';
import { sharedDataPresent } from '../shared-data.js';
import { createTestContext } from '../test-db.js';
import { leaks, portalQuestionType, submissionBody, submit } from './portal-helpers.js';

const SAMPLE = fileURLToPath(
  new URL('../../../shared/data/kyiv1551/sample-records.json', import.meta.url),
);
const hasData = sharedDataPresent([SAMPLE], 'The open-data tests on the Kyiv sample');

type Row = Record<string, string | number | null>;

let server: TestServer;
let citizen: ApiClient;
let dir: string;

beforeAll(async () => {
  server = await startTestServer();
  citizen = server.anonymous();
  dir = await mkdtemp(join(tmpdir(), 'kontakt-open-data-'));
});
afterAll(async () => {
  await server.close();
  await rm(dir, { recursive: true, force: true });
});

const monthOf = (iso: string) => iso.slice(0, 7);

/** The sample's value as the importer cleans it: "null" and "" are no value; spaces squeezed. */
function cleaned(value: string | number | null): string | number | null {
  if (typeof value !== 'string') return value;
  const text = normaliseText(value);
  return text === '' || text.toLowerCase() === 'null' ? null : text;
}

async function appealsOf(deps: Deps) {
  const rows = await deps.db
    .selectFrom('appeals as a')
    .innerJoin('question_types as qt', 'qt.id', 'a.question_type_id')
    .innerJoin('classifier_kinds as k', 'k.id', 'qt.kind_id')
    .leftJoin('assignments as m', (j) =>
      j.onRef('m.appeal_id', '=', 'a.id').on('m.role', '=', 'main'),
    )
    .leftJoin('organisations as o', 'o.id', 'm.executor_id')
    .select([
      'a.source_id',
      'a.received_at',
      'a.status',
      'a.result',
      'a.kind',
      'a.channel',
      'a.address_text',
      'qt.name as question_type',
      'k.name as kind_name',
      'o.name as executor',
    ])
    .where('a.source', '=', 'kyiv1551')
    .orderBy('a.source_id')
    .execute();
  return rows.map((r) => ({ ...r, received_at: r.received_at.toISOString() }));
}

describe.skipIf(!hasData)('the imported Kyiv sample, exported again', () => {
  let sample: Row[];
  let exported: Row[];

  beforeAll(async () => {
    sample = JSON.parse(readFileSync(SAMPLE, 'utf8')) as Row[];
    const summary = await importKyiv1551(server.ctx.deps, SAMPLE);
    expect(summary.imported).toBe(sample.length);
    const months = [...new Set(sample.map((r) => monthOf(String(r.receivedDateTime))))];
    exported = [];
    for (const month of months) {
      const res = await citizen.get<Row[]>(`/api/public/open-data/kyiv1551/${month}.json`);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toContain('application/json');
      exported.push(...res.body);
    }
  });

  it('has the sample’s fields, in its order', () => {
    expect(Object.keys(sample[0]!)).toEqual([...KYIV1551_FIELDS]);
    for (const record of exported) expect(Object.keys(record)).toEqual([...KYIV1551_FIELDS]);
  });

  it('reproduces every record’s values (the known faults cleaned as the importer does)', () => {
    const byId = new Map(exported.map((r) => [r.Id, r]));
    for (const original of sample) {
      const mine = byId.get(original.Id);
      expect(mine, `record ${original.Id}`).toBeDefined();
      for (const field of KYIV1551_FIELDS) {
        // Kyiv writes local time with a false Z; the export writes the same local time with its
        // real offset (issue 11).
        const value =
          field === 'receivedDateTime'
            ? String(mine![field]).replace(/[+-]\d{2}:\d{2}$/, 'Z')
            : mine![field]!;
        expect(cleaned(value), `${original.Id}.${field}`).toEqual(cleaned(original[field]!));
      }
    }
  });

  it('`kontakt export open-data` writes the same bytes as the public endpoint', async () => {
    const month = monthOf(String(sample[0]!.receivedDateTime));
    for (const format of ['json', 'csv'] as const) {
      const file = join(dir, `cli-${month}.${format}`);
      await writeOpenData(server.ctx.deps, month, format, createWriteStream(file));
      const res = await fetch(`${server.baseUrl}/api/public/open-data/kyiv1551/${month}.${format}`);
      const served = Buffer.from(await res.arrayBuffer()); // bytes: text() would drop the BOM
      expect((await readFile(file)).equals(served), format).toBe(true);
    }
    await expect(
      writeOpenData(server.ctx.deps, '2025-13', 'json', createWriteStream(join(dir, 'x'))),
    ).rejects.toMatchObject({ code: 'invalid_month', status: 400 });
  });

  it('imports back into an empty database as the same appeals', async () => {
    const file = join(dir, 'export.json');
    await writeFile(file, JSON.stringify(exported));
    const fresh = await createTestContext();
    try {
      const summary = await importKyiv1551(fresh.deps, file);
      expect(summary.imported).toBe(sample.length);
      expect(await appealsOf(fresh.deps)).toEqual(await appealsOf(server.ctx.deps));
    } finally {
      await fresh.close();
    }
  });
});

describe('the current month, with a planted applicant', () => {
  let month: string;
  let registered: string;
  let confidential: string;

  beforeAll(async () => {
    const moderator = await server.signIn('moderator');
    const questionTypeId = (await portalQuestionType(server.ctx.deps)).questionTypeId;
    const register = async (body: Record<string, unknown>) => {
      const receipt = (await submit(citizen, body)).body;
      const queue = await moderator.get<{ items: { id: number; trackingNumber: string }[] }>(
        '/api/v1/submissions?limit=200',
      );
      const id = queue.body.items.find((s) => s.trackingNumber === receipt.trackingNumber)!.id;
      return (
        await moderator.post<{ appeal: { number: string } }>(
          `/api/v1/submissions/${id}/register`,
          {},
        )
      ).body.appeal.number;
    };
    registered = await register(submissionBody(questionTypeId));
    confidential = await register(submissionBody(questionTypeId, { confidential: true }));
    month = DateTime.now().setZone(server.ctx.config.timeZone).toFormat('yyyy-MM');
  });

  it('JSON: the appeal is there, depersonalised; the confidential one is not', async () => {
    const res = await citizen.get<Row[]>(`/api/public/open-data/kyiv1551/${month}.json`);
    expect(res.status).toBe(200);
    const mine = res.body.find((r) => r.uid === registered);
    expect(mine).toMatchObject({
      type: 'Звернення',
      accrualMethod: 'Сайт/моб. додаток',
      status: 'Зареєстровано',
      result: 'Очікує прийому в роботу',
      addressThoroughfare: 'вул. Січових Стрільців',
      addressLocatorDesignator: '12',
      addressLocatorBuilding: null,
      CATUTTC: 'UA80000000000093317',
    });
    // The city's local time with its real offset, not Kyiv's false Z (issue 11).
    expect(String(mine!.receivedDateTime)).toMatch(
      /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?[+-]\d{2}:\d{2}$/,
    );
    expect(res.body.map((r) => r.uid)).not.toContain(confidential);
    expect(leaks(JSON.stringify(res.body))).toEqual([]);
  });

  it('CSV: the same columns, with a BOM, depersonalised', async () => {
    const res = await fetch(`${server.baseUrl}/api/public/open-data/kyiv1551/${month}.csv`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/csv');
    const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(await res.arrayBuffer());
    expect(text.charCodeAt(0)).toBe(0xfeff);
    expect(text.slice(1).split('\n')[0]).toBe(KYIV1551_FIELDS.join(','));
    expect(text).toContain(registered);
    expect(leaks(text)).toEqual([]);
  });

  it('an empty month is an empty array; a bad month is 400', async () => {
    const empty = await citizen.get<Row[]>('/api/public/open-data/kyiv1551/2001-01.json');
    expect(empty.body).toEqual([]);
    for (const bad of ['2025-13.json', '2025-09.xml', 'latest.json']) {
      expect((await citizen.get(`/api/public/open-data/kyiv1551/${bad}`)).status, bad).toBe(400);
    }
  });
});
