/**
 * Presenters of the portal: the only place where submission and appeal rows become answers.
 *
 * - `presentSubmission`: for moderators (they hold full personal-data access, policy.ts).
 * - `presentPublicAppeal`: for everyone — depersonalised (Law 393/96-ВР Art. 10): no applicant, no
 *   description, no answer text; the address without flat or room; the point rounded.
 * - The tracking view (`tracking.service.ts`) is for the holder of the access code: the applicant.
 */
import type { Selectable } from 'kysely';
import { publicCoordinate } from '../../domain/depersonalise.js';
import { publicStreetAddress } from '../../domain/public-address.js';
import type { RejectionReason, SubmissionChannel } from '../../domain/portal.js';
import { RESULTS, type ResultCode } from '../../domain/results.js';
import type { AppealStatus } from '../../domain/vocabulary.js';
import { presentAuthor } from '../appeals/appeals.presenter.js';
import type { SubmissionsTable } from '../db/schema.js';
import type { PublicAppealView } from '../../contract/portal-appeals.schemas.js';
import type { SubmissionView } from '../../contract/moderation.schemas.js';

const iso = (d: Date | null): string | null => (d ? d.toISOString() : null);

export type SubmissionRow = Selectable<SubmissionsTable> & {
  question_type_name: string;
  kind_name: string;
  appeal_number: string | null;
  moderator_name: string | null;
  api_key_name: string | null;
};

/** The registry building of a submission and the appeals already on it (moderation.service.ts). */
export type SubmissionPlace = Pick<SubmissionView, 'building' | 'sameBuilding'>;

export function presentSubmission(
  row: SubmissionRow,
  photos: { id: number; file_name: string; media_type: string; size_bytes: number }[],
  place: SubmissionPlace = { building: null, sameBuilding: [] },
): SubmissionView {
  return {
    id: row.id,
    trackingNumber: row.tracking_number,
    channel: row.channel as SubmissionChannel,
    state: row.state,
    kind: row.kind,
    receivedAt: row.received_at.toISOString(),
    questionType: { id: row.question_type_id, name: row.question_type_name, kind: row.kind_name },
    description: row.description,
    address: row.address_text,
    latitude: row.latitude,
    longitude: row.longitude,
    building: place.building,
    sameBuilding: place.sameBuilding,
    applicant: {
      name: row.applicant_name,
      email: row.applicant_email,
      phone: row.applicant_phone,
      address: row.applicant_address,
    },
    consent: {
      at: row.consent_given_at.toISOString(),
      source: row.consent_source as 'portal_form' | 'api_client',
    },
    author: presentAuthor(row),
    confidential: row.confidential,
    locale: row.locale === 'en' ? 'en' : 'uk',
    apiClient: row.api_key_name,
    attributes: row.attributes,
    photos: photos.map((p) => ({
      id: p.id,
      fileName: p.file_name,
      mediaType: p.media_type,
      sizeBytes: p.size_bytes,
      url: `/api/v1/attachments/${p.id}`,
    })),
    appeal:
      row.appeal_id !== null && row.appeal_number !== null
        ? { id: row.appeal_id, number: row.appeal_number }
        : null,
    receiptSign: row.receipt_sign,
    rejectionReason: row.rejection_reason as RejectionReason | null,
    moderationComment: row.moderation_comment,
    moderatedAt: iso(row.moderated_at),
    moderatedBy: row.moderator_name,
  };
}

/** A result with its Ukrainian and English labels (Kyiv 1551 wording). */
export function presentResult(
  code: string | null,
): { code: ResultCode; uk: string; en: string } | null {
  const result = RESULTS.find((r) => r.code === code);
  return result ? { code: result.code, uk: result.uk, en: result.en } : null;
}

/** The columns a public appeal is made of (see `public-appeals.queries.ts`). */
export interface PublicAppealRow {
  id: number;
  number: string;
  received_at: Date;
  status: AppealStatus;
  result: string | null;
  address_text: string | null;
  latitude: number | null;
  longitude: number | null;
  control_date: Date | null;
  closed_at: Date | null;
  question_type_id: number;
  question_type_name: string;
  question_type_name_en: string | null;
  kind_id: number;
  kind_name: string;
  kind_name_en: string | null;
  executor_name: string | null;
  district_id: number | null;
  district_name: string | null;
  /** The address registry's district of the appeal (issue 15), preferred when present. */
  registry_district_id?: number | null;
  registry_district_name?: string | null;
}

export function presentPublicAppeal(row: PublicAppealRow): PublicAppealView {
  const lat = publicCoordinate(row.latitude);
  const lon = publicCoordinate(row.longitude);
  return {
    number: row.number,
    receivedAt: row.received_at.toISOString(),
    status: row.status,
    result: row.status === 'closed' ? presentResult(row.result) : null,
    questionType: {
      id: row.question_type_id,
      name: row.question_type_name,
      nameEn: row.question_type_name_en,
    },
    kind: { id: row.kind_id, name: row.kind_name, nameEn: row.kind_name_en },
    address: publicStreetAddress(row.address_text),
    location: lat !== null && lon !== null ? { lat, lon } : null,
    district:
      row.registry_district_id != null && row.registry_district_name != null
        ? { id: row.registry_district_id, name: row.registry_district_name }
        : row.district_id !== null && row.district_name !== null
          ? { id: row.district_id, name: row.district_name }
          : null,
    executor: row.executor_name,
    controlDate: iso(row.control_date),
    closedAt: iso(row.closed_at),
  };
}
