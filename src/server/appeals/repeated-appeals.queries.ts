/**
 * Repeated appeals (Law 393/96-ВР Art. 8; Resolution 858 "receipt sign"): the same applicant on
 * the same question type — and the same address when both give one — within the configured window
 * (`repeat_window_days`, default 30) repeats the earlier appeal. The same address means the same
 * building when both were placed on one, else the same normal form (`12а` = `12-А`, issue 15).
 */
import type { AppealStatus } from '../../domain/vocabulary.js';
import type { Kysely } from 'kysely';
import { DECIDED_ON_MERITS, type ResultCode } from '../../domain/results.js';
import { addressKey } from '../../domain/addresses/address-normal-form.js';
import type { DB } from '../db/schema.js';
import { placeAddress } from '../addresses/place-address.js';
import { numberSetting } from '../settings.js';
import { prepared } from '../db/prepared.js';

export interface RepeatOf {
  id: number;
  number: string;
  status: AppealStatus;
  result: ResultCode | null;
  receivedAt: string;
  /** The earlier appeal was decided on the merits: the operator must confirm before registering. */
  decidedOnMerits: boolean;
}

/**
 * The statement of the repeat check: the applicant's 20 latest appeals (not consultations) on the
 * question type received in [`since`, `until`], newest first. Prepared (ADR 064), so its generic
 * plan must read them in the order of `appeals_repeat_order_idx` and stop after 20 (migration
 * 0046): an applicant with thousands of appeals must not make registration read them all.
 */
export function repeatCandidatesQuery(
  db: Kysely<DB>,
  input: { applicantId: number; questionTypeId: number; since: Date; until: Date },
) {
  return db
    .selectFrom('appeals')
    .select([
      'id',
      'number',
      'status',
      'result',
      'received_at',
      'address_text',
      'address_key',
      'building_id',
    ])
    .where('applicant_id', '=', input.applicantId)
    .where('question_type_id', '=', input.questionTypeId)
    .where('received_at', '>=', input.since)
    .where('received_at', '<=', input.until)
    .where('kind', '!=', 'consultation')
    .orderBy('received_at', 'desc')
    .orderBy('id', 'desc')
    .limit(20)
    .modifyEnd(prepared);
}

/** The most recent earlier appeal this one would repeat, or null. */
export async function findRepeatedAppeal(
  db: Kysely<DB>,
  input: {
    applicantId: number;
    questionTypeId: number;
    /** The building the new appeal was placed on, if any. */
    buildingId?: number | null | undefined;
    /** The normal form of the new appeal's address (`addressKey`), if it has one. */
    addressKey?: string | null | undefined;
    receivedAt: Date;
  },
): Promise<RepeatOf | null> {
  const windowDays = await numberSetting(db, 'repeat_window_days', 30);
  const candidates = await repeatCandidatesQuery(db, {
    applicantId: input.applicantId,
    questionTypeId: input.questionTypeId,
    since: new Date(input.receivedAt.getTime() - windowDays * 86_400_000),
    until: input.receivedAt,
  }).execute();
  const key = input.addressKey ?? null;
  const building = input.buildingId ?? null;
  const sameAddress = (c: (typeof candidates)[number]): boolean => {
    if (building !== null && c.building_id !== null) return building === c.building_id;
    const theirs = c.address_key ?? (c.address_text?.trim() ? addressKey(c.address_text) : null);
    return key === null || theirs === null || key === theirs;
  };
  const matching = candidates.filter(sameAddress);
  const decided = (c: (typeof matching)[number]) =>
    c.status === 'closed' &&
    c.result !== null &&
    DECIDED_ON_MERITS.includes(c.result as ResultCode);
  // One decided on the merits matters most (Art. 8); otherwise the most recent.
  const row = matching.find(decided) ?? matching[0];
  if (!row) return null;
  const result = row.result as ResultCode | null;
  return {
    id: row.id,
    number: row.number,
    status: row.status,
    result,
    receivedAt: row.received_at.toISOString(),
    decidedOnMerits:
      row.status === 'closed' && result !== null && DECIDED_ON_MERITS.includes(result),
  };
}

/**
 * The repeat check asked before registering (the intake screen): the address is placed as
 * registration would place it (building, normal form), then `findRepeatedAppeal`.
 */
export async function checkRepeatedAppeal(
  db: Kysely<DB>,
  input: {
    applicantId: number;
    questionTypeId: number;
    address?: string | undefined;
    buildingId?: number | undefined;
    receivedAt: Date;
  },
): Promise<RepeatOf | null> {
  const place = await placeAddress(db, input);
  return findRepeatedAppeal(db, {
    applicantId: input.applicantId,
    questionTypeId: input.questionTypeId,
    buildingId: place.building?.id ?? null,
    addressKey: place.addressKey,
    receivedAt: input.receivedAt,
  });
}
