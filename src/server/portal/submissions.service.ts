/**
 * Intake of submissions from the Internet (portal form and Open311): checked, stored with a
 * tracking number, and queued for the moderator — not yet appeals (Law 393/96-ВР Art. 5, 8: the
 * moderator checks the name, the contact and the substance before registration).
 *
 * Idempotency: a client sends an `Idempotency-Key` made once per filled form. The same key with
 * the same content returns the first answer (tracking number and the same access code); the same
 * key with other content is refused (422 `idempotency_key_reused`). Keys are stored as hashes,
 * scoped by channel (and API key for Open311).
 *
 * Photos added to a pending submission are in `add-submission-photo.ts`; the tracking number and
 * its link in `tracking-numbers.ts`.
 */
import type { Kysely } from 'kysely';
import {
  formatAccessCode,
  type SubmissionChannel,
  type SubmissionKind,
} from '../../domain/portal.js';
import type { AuthorStatistics } from '../../domain/classifier-858.js';
import type { Deps } from '../context.js';
import { buildingById, buildingByText } from '../addresses/registry-search.js';
import type { DB } from '../db/schema.js';
import { AppError, badRequest } from '../errors.js';
import { loadCalendar } from '../calendar/calendar.repository.js';
import { enqueueNotifications } from '../notifications/outbox.js';
import { derivedAccessCode, newAccessCode } from './access-codes.js';
import { sha256 } from '../sha256.js';
import type { SubmissionInput, SubmissionReceiptView } from '../../contract/portal.schemas.js';
import { nextTrackingNumber, trackUrl } from './tracking-numbers.js';

/** What both channels store for a new submission. */
export interface NewSubmission {
  channel: SubmissionChannel;
  kind: SubmissionKind;
  questionTypeId: number;
  description: string;
  address: string | null;
  /** The registry building the citizen chose (checked to exist), or none. */
  buildingId?: number | null;
  latitude: number | null;
  longitude: number | null;
  applicant: { name: string; email: string | null; phone: string | null; address: string | null };
  consentSource: 'portal_form' | 'api_client' | 'email';
  confidential: boolean;
  locale: 'uk' | 'en';
  apiKeyId?: number | null;
  open311Token?: string | null;
  deviceId?: string | null;
  accountId?: string | null;
  attributes?: Record<string, unknown>;
  /** The author's statistics by Classifier No. 858, as the portal form stated them (not Open311). */
  author?: AuthorStatistics;
}
/**
 * A question type a citizen may choose: active and public.
 * @throws AppError 400 `unknown_question_type`.
 */
export async function publicQuestionType(
  db: Kysely<DB>,
  questionTypeId: number,
): Promise<{ id: number; name: string; name_en: string | null }> {
  const row = await db
    .selectFrom('question_types as qt')
    .innerJoin('classifier_kinds as k', 'k.id', 'qt.kind_id')
    .select(['qt.id', 'qt.name', 'qt.name_en'])
    .where('qt.id', '=', questionTypeId)
    .where('qt.active', '=', true)
    .where('qt.is_public', '=', true)
    .where('k.active', '=', true)
    .executeTakeFirst();
  if (!row) {
    throw badRequest(
      'unknown_question_type',
      `No public question type with id ${questionTypeId}; see GET /api/public/question-types.`,
    );
  }
  return row;
}
export interface StoredSubmission {
  id: number;
  trackingNumber: string;
  receivedAt: Date;
  /** The access code as shown (portal only). */
  accessCode: string | null;
  /** True when an earlier request with the same idempotency key made it. */
  replayed: boolean;
  receiptEmailed: boolean;
}

/**
 * Store a submission (both channels), or find the one an earlier request with the same
 * idempotency key made.
 *
 * @param idempotencyScope e.g. `portal` or `open311:<api key id>`; null when no key was sent.
 * @throws AppError 400 `unknown_question_type`; 422 `idempotency_key_reused`.
 */
export async function storeSubmission(
  deps: Deps,
  input: NewSubmission,
  idempotency: { scope: string; key: string } | null,
  requestHash: string,
): Promise<StoredSubmission> {
  const keyHash = idempotency ? sha256(`${idempotency.scope}:${idempotency.key}`) : null;
  if (keyHash && idempotency) {
    const earlier = await replay(deps.db, keyHash, idempotency.key, requestHash);
    if (earlier) return earlier;
  }
  const code = input.channel === 'portal' ? await newAccessCode(idempotency?.key ?? null) : null;
  const questionType = await publicQuestionType(deps.db, input.questionTypeId);
  const stored = await deps.db.transaction().execute(async (trx) => {
    const now = deps.now();
    const trackingNumber = await nextTrackingNumber(trx, now, deps.config.timeZone);
    const row = await trx
      .insertInto('submissions')
      .values({
        tracking_number: trackingNumber,
        access_code_hash: code?.hash ?? null,
        access_code_salt: code?.salt ?? null,
        channel: input.channel,
        kind: input.kind,
        question_type_id: questionType.id,
        description: input.description,
        address_text: input.address,
        building_id: input.buildingId ?? null,
        latitude: input.latitude,
        longitude: input.longitude,
        applicant_name: input.applicant.name,
        applicant_email: input.applicant.email,
        applicant_phone: input.applicant.phone,
        applicant_address: input.applicant.address,
        consent_given_at: now,
        consent_source: input.consentSource,
        confidential: input.confidential,
        locale: input.locale,
        idempotency_key_hash: keyHash,
        request_hash: requestHash,
        api_key_id: input.apiKeyId ?? null,
        open311_token: input.open311Token ?? null,
        device_id: input.deviceId ?? null,
        account_id: input.accountId ?? null,
        attributes: JSON.stringify(input.attributes ?? {}),
        received_at: now,
        author_sex: input.author?.authorSex ?? null,
        author_category: input.author?.authorCategory ?? null,
        author_social_status: input.author?.authorSocialStatus ?? null,
      })
      .onConflict((oc) => oc.column('idempotency_key_hash').doNothing())
      .returning(['id', 'tracking_number', 'received_at'])
      .executeTakeFirst();
    if (!row) return null; // a concurrent request with the same key won
    const receiptEmailed = Boolean(input.applicant.email && code);
    if (input.applicant.email && code) {
      await enqueueNotifications(
        trx,
        [
          {
            dedupeKey: `submission_received:${row.id}`,
            kind: 'submission_received',
            recipientEmail: input.applicant.email,
            locale: input.locale,
            params: {
              number: trackingNumber,
              code: code.display,
              text:
                input.locale === 'en'
                  ? (questionType.name_en ?? questionType.name)
                  : questionType.name,
              link: trackUrl(deps, trackingNumber),
            },
          },
        ],
        { now, calendar: await loadCalendar(trx, deps.config.timeZone, now) },
      );
    }
    return {
      id: row.id,
      trackingNumber: row.tracking_number,
      receivedAt: row.received_at,
      accessCode: code?.display ?? null,
      replayed: false,
      receiptEmailed,
    };
  });
  if (stored) return stored;
  const earlier =
    keyHash && idempotency ? await replay(deps.db, keyHash, idempotency.key, requestHash) : null;
  if (!earlier) throw new Error('A submission with this idempotency key vanished.');
  return earlier;
}

async function replay(
  db: Kysely<DB>,
  keyHash: string,
  key: string,
  requestHash: string,
): Promise<StoredSubmission | null> {
  const row = await db
    .selectFrom('submissions')
    .select([
      'id',
      'tracking_number',
      'received_at',
      'request_hash',
      'access_code_salt',
      'applicant_email',
      'channel',
    ])
    .where('idempotency_key_hash', '=', keyHash)
    .executeTakeFirst();
  if (!row) return null;
  if (row.request_hash !== requestHash) {
    throw new AppError(
      'idempotency_key_reused',
      422,
      'This Idempotency-Key was already used for a different submission; make a new key for a new form.',
    );
  }
  return {
    id: row.id,
    trackingNumber: row.tracking_number,
    receivedAt: row.received_at,
    accessCode: row.access_code_salt
      ? formatAccessCode(derivedAccessCode(key, row.access_code_salt))
      : null,
    replayed: true,
    receiptEmailed: row.channel === 'portal' && row.applicant_email !== null,
  };
}

/**
 * A citizen's submission from the portal form.
 *
 * @param idempotencyKey the `Idempotency-Key` header, if sent.
 * @returns the receipt, and whether it is the answer of an earlier identical request.
 * @throws AppError 400 `unknown_question_type`; 422 `idempotency_key_reused`.
 */
export async function submitFromPortal(
  deps: Deps,
  input: SubmissionInput,
  idempotencyKey: string | undefined,
): Promise<SubmissionReceiptView & { replayed: boolean }> {
  const stored = await storeSubmission(
    deps,
    {
      channel: 'portal',
      kind: input.kind,
      questionTypeId: input.questionTypeId,
      description: input.description,
      address: input.address ?? null,
      // The building chosen, else the one the typed address names exactly (never a guess).
      buildingId:
        (await knownBuildingId(deps, input.buildingId)) ??
        (input.address ? ((await buildingByText(deps.db, input.address))?.id ?? null) : null),
      latitude: input.latitude ?? null,
      longitude: input.longitude ?? null,
      applicant: {
        name: input.applicant.name,
        email: input.applicant.email ?? null,
        phone: input.applicant.phone ?? null,
        address: input.applicant.address ?? null,
      },
      consentSource: 'portal_form',
      confidential: input.confidential,
      locale: input.locale,
      author: {
        authorSex: input.authorSex,
        authorCategory: input.authorCategory,
        authorSocialStatus: input.authorSocialStatus,
      },
    },
    idempotencyKey ? { scope: 'portal', key: idempotencyKey } : null,
    sha256(JSON.stringify(input)),
  );
  return {
    trackingNumber: stored.trackingNumber,
    accessCode: stored.accessCode ?? '',
    state: 'pending',
    submittedAt: stored.receivedAt.toISOString(),
    receiptEmailed: stored.receiptEmailed,
    trackUrl: trackUrl(deps, stored.trackingNumber),
    replayed: stored.replayed,
  };
}

/**
 * The building a citizen chose, checked to exist.
 *
 * @throws AppError 400 `unknown_building`.
 */
async function knownBuildingId(deps: Deps, id: number | null | undefined): Promise<number | null> {
  if (id === null || id === undefined) return null;
  const building = await buildingById(deps.db, id);
  if (!building)
    throw badRequest(
      'unknown_building',
      `No building with id ${id}; choose one from the suggestions.`,
    );
  return building.id;
}
