/**
 * Helpers of the portal and Open311 tests: a valid submission body, a planted applicant whose
 * personal data must never appear in public answers, and small PNGs.
 */
import { randomUUID } from 'node:crypto';
import { deflateSync } from 'node:zlib';
import type { Deps } from '../../src/server/context.js';
import type { ApiClient } from '../http.js';

/** The planted applicant: none of these strings may appear in a public answer. */
export const PLANTED = {
  name: 'Шевчук Планта Тестівна',
  email: 'planted.person@example.org',
  phone: '+380 67 000 43 21',
  residence: 'вул. Приватна, 9, кв. 77',
  flat: 'кв. 48',
};

/** Strings that betray the planted applicant (including the flat of the problem address). */
export const PLANTED_STRINGS = [
  'Шевчук',
  'Планта',
  'planted.person',
  '000 43 21',
  '0004321',
  'Приватна',
  'кв. 48',
  'кв. 77',
];

/** A public question type with a routing rule, and its default executor. */
export async function portalQuestionType(
  deps: Deps,
  offset = 0,
): Promise<{ questionTypeId: number; executorId: number }> {
  return deps.db
    .selectFrom('routing_rules as r')
    .innerJoin('question_types as qt', 'qt.id', 'r.question_type_id')
    .innerJoin('organisations as o', 'o.id', 'r.executor_id')
    .select(['qt.id as questionTypeId', 'r.executor_id as executorId'])
    .where('qt.is_public', '=', true)
    .where('qt.active', '=', true)
    .where('qt.is_emergency', '=', false)
    .where('o.type', '!=', 'contact_centre')
    .orderBy('qt.id')
    .offset(offset)
    .limit(1)
    .executeTakeFirstOrThrow();
}

/** An organisation under a district administration (not the administration itself). */
export async function districtExecutor(
  deps: Deps,
): Promise<{ executorId: number; districtId: number; districtName: string }> {
  return deps.db
    .selectFrom('organisation_districts as od')
    .innerJoin('organisations as d', 'd.id', 'od.district_id')
    .select([
      'od.organisation_id as executorId',
      'od.district_id as districtId',
      'd.name as districtName',
    ])
    .whereRef('od.organisation_id', '!=', 'od.district_id')
    .orderBy('od.organisation_id')
    .limit(1)
    .executeTakeFirstOrThrow();
}

export function submissionBody(questionTypeId: number, overrides: Record<string, unknown> = {}) {
  return {
    questionTypeId,
    description: 'Не працює вуличне освітлення біля будинку вже тиждень',
    address: `вул. Січових Стрільців, 12, ${PLANTED.flat}`,
    latitude: 50.4531234,
    longitude: 30.5012345,
    applicant: {
      name: PLANTED.name,
      email: PLANTED.email,
      phone: PLANTED.phone,
      address: PLANTED.residence,
    },
    consent: true,
    ...overrides,
  };
}

export interface Receipt {
  trackingNumber: string;
  accessCode: string;
  state: string;
  submittedAt: string;
  receiptEmailed: boolean;
  trackUrl: string;
}

/** Submit with a fresh idempotency key. */
export async function submit(
  client: ApiClient,
  body: Record<string, unknown>,
  key: string = randomUUID(),
) {
  return client.request<Receipt>('POST', '/api/public/submissions', body, {
    'idempotency-key': key,
  });
}

function crc32(bytes: Buffer): number {
  let crc = ~0;
  for (const byte of bytes) {
    crc ^= byte;
    for (let k = 0; k < 8; k++) crc = (crc >>> 1) ^ (0xedb88320 & -(crc & 1));
  }
  return ~crc >>> 0;
}

function chunk(type: string, data: Buffer): Buffer {
  const head = Buffer.alloc(4);
  head.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([head, body, crc]);
}

/**
 * A valid 1×1 PNG whose one pixel's colour is `variant`: different variants are different images
 * (photos are re-encoded on arrival, so only the pixels tell two uploads apart).
 */
export function png(variant = 0): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(1, 0);
  header.writeUInt32BE(1, 4);
  header.set([8, 2, 0, 0, 0], 8); // 8-bit RGB
  const pixel = Buffer.from([0, variant & 0xff, (variant * 37) & 0xff, (variant * 101) & 0xff]);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(pixel)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

export function form(bytes: Buffer, name: string, type: string): FormData {
  const data = new FormData();
  data.append('file', new Blob([new Uint8Array(bytes)], { type }), name);
  return data;
}

/** Whether `text` contains any planted string. */
export function leaks(text: string): string[] {
  return PLANTED_STRINGS.filter((s) => text.includes(s));
}
