/**
 * Registration's one write statement (ADR 008): `insertNumberedAppeal` creates the new applicant,
 * takes the year's next gapless number, and inserts the appeal, its main and co-executor
 * assignments, its history, its hour count and its Idempotency-Key in a single SQL statement; with
 * the shapes it takes (`NewEvent`, `NewAppealValues`). Registration (`register-appeal.ts`) runs it
 * last, after every read, so the year's counter row is locked only for this statement and its commit.
 */
import { type Insertable, type Kysely, sql } from 'kysely';
import type { AppealStatus } from '../../domain/vocabulary.js';
import { phoneKeys } from '../applicants/applicants.service.js';
import type { Actor } from '../context.js';
import { actorId, actorLabel } from '../context.js';
import type { DB } from '../db/schema.js';
import type { AppealEventType } from './appeal-history.js';
import { HOUR_ORIGIN } from '../monitoring/appeal-counts.js';
import type { ApplicantInput } from '../../contract/applicants.schemas.js';
import { prepared } from '../db/prepared.js';

/** One history event written with a new appeal (its actor and time are the registration's). */
export interface NewEvent {
  type: AppealEventType;
  from: AppealStatus | null;
  to: AppealStatus | null;
  /** The event's data; the registered event also gets the appeal's `number`. */
  data: Record<string, unknown>;
}

/** The columns of a new appeal, except its number and who registered it. */
export type NewAppealValues = Omit<
  Insertable<DB['appeals']>,
  'id' | 'number' | 'registered_by' | 'updated_at'
> & { registered_at: Date };

/**
 * Insert a new appeal with the next registration number of `year`, its main assignment and its
 * history events, in one statement (one round trip).
 *
 * The number is gapless per year (CMU Resolution 348, ADR 008): the year's counter row is locked
 * by this statement until the caller's transaction ends, so run it last in the transaction — every
 * registration of the year waits for that lock. The number is `YYYY-NNNNNN` (at least six digits),
 * formatted here as `formatRegistrationNumber` does.
 *
 * @returns the new appeal's id and number.
 */
export async function insertNumberedAppeal(
  trx: Kysely<DB>,
  input: {
    year: number;
    actor: Actor;
    now: Date;
    appeal: NewAppealValues;
    /** An applicant to create with the appeal (its id becomes the appeal's `applicant_id`). */
    newApplicant: ApplicantInput | null;
    mainAssignment: {
      executorId: number;
      instruction: string | null;
      controlDate: Date | null;
    } | null;
    /**
     * Co-executor assignments the routing rule names (issue 14, item 4; ADR 045), as
     * `assignExecutor` makes them by hand: pending, with the main's instruction and control date.
     */
    coAssignments?: readonly { executorId: number }[];
    events: readonly NewEvent[];
    /** The hashed Idempotency-Key of the request and the request's hash, kept with the appeal. */
    registrationKey?: { keyHash: string; requestHash: string } | null;
    /**
     * The caller's tracking code (issue 12 item 16), written with the appeal as the tracking row
     * `issueStaffTrackingCode` makes: a `staff` submission, registered, consent asked by the
     * operator, its number `P-<trackingYear>-NNNNNN` from `submission_number_seq`.
     */
    trackingCode?: {
      accessCodeHash: string;
      trackingYear: number;
      applicant: {
        name: string;
        email: string | null;
        phone: string | null;
        address: string | null;
      };
    } | null;
  },
): Promise<{
  id: number;
  number: string;
  applicantId: number | null;
  /** The tracking row's id when `trackingCode` was given. */
  trackingSubmissionId: number | null;
}> {
  const key = input.registrationKey ?? null;
  const a = input.appeal;
  const na = input.newApplicant;
  const by = actorId(input.actor);
  const label = actorLabel(input.actor);
  const events = JSON.stringify(
    input.events.map((e, i) => ({
      ord: i,
      type: e.type,
      from_status: e.from,
      to_status: e.to,
      data: e.data,
    })),
  );
  const main = input.mainAssignment;
  const coIds = main ? (input.coAssignments ?? []).map((c) => c.executorId) : [];
  const tracking = input.trackingCode ?? null;
  const { rows } = await sql<{
    id: number;
    number: string;
    applicant_id: number | null;
    tracking_submission_id: number | null;
  }>`
    WITH new_applicant AS (
      INSERT INTO applicants (full_name, phones, phone_keys, email, address, privileged_category,
                              social_status, sex)
      SELECT ${na?.fullName ?? null}::text, ${na ? na.phones : null}::text[],
             ${na ? phoneKeys(na.phones) : null}::text[], ${na?.email ?? null}::text,
             ${na?.address ?? null}::text, ${na?.privilegedCategory ?? null}::text,
             ${na?.socialStatus ?? null}::text, ${a.author_sex ?? null}::text
       WHERE ${na !== null}::boolean
      RETURNING id
    ), counter AS (
      INSERT INTO registration_counters (year, last_value) VALUES (${input.year}, 1)
      ON CONFLICT (year) DO UPDATE SET last_value = registration_counters.last_value + 1
      RETURNING last_value::text AS n
    ), appeal AS (
      INSERT INTO appeals (number, received_at, registered_at, channel, kind, subject, receipt_sign,
                           repeats_appeal_id, legal_deadline, applicant_id, question_type_id,
                           address_text, latitude, longitude, building_id, district_id, address_key,
                           address_flags, description, confidential, privileged,
                           status, result, control_date, closed_at, registered_by, updated_at,
                           work_id, author_sex, author_category, author_social_status,
                           intake_seconds, main_executor_id)
      SELECT ${String(input.year)}::text || '-' || lpad(n, greatest(6, length(n)), '0'),
             ${a.received_at}::timestamptz, ${a.registered_at}::timestamptz, ${a.channel}::text,
             ${a.kind}::text, ${a.subject}::text, ${a.receipt_sign ?? 'primary'}::text,
             ${a.repeats_appeal_id ?? null}::integer, ${a.legal_deadline ?? null}::timestamptz,
             coalesce((SELECT id FROM new_applicant), ${a.applicant_id ?? null}::integer),
             ${a.question_type_id}::integer,
             ${a.address_text ?? null}::text, ${a.latitude ?? null}::double precision,
             ${a.longitude ?? null}::double precision, ${a.building_id ?? null}::integer,
             ${a.district_id ?? null}::integer, ${a.address_key ?? null}::text,
             ${a.address_flags ?? []}::text[], ${a.description}::text,
             ${a.confidential ?? false}::boolean, ${a.privileged ?? false}::boolean,
             ${a.status}::text, ${a.result ?? null}::text, ${a.control_date ?? null}::timestamptz,
             ${a.closed_at ?? null}::timestamptz, ${by}::integer, ${input.now}::timestamptz,
             ${a.work_id ?? null}::integer, ${a.author_sex ?? null}::text,
             ${a.author_category ?? null}::text, ${a.author_social_status ?? null}::text,
             ${a.intake_seconds ?? null}::integer,
             -- The main executor the trigger of migration 0038 would set: written with the row,
             -- so registering writes the appeal once rather than inserting and then updating it.
             ${main?.executorId ?? null}::integer
        FROM counter
      RETURNING id, number, applicant_id
    ), main_assignment AS (
      INSERT INTO assignments (appeal_id, executor_id, role, state, instruction, control_date,
                               assigned_by, assigned_at)
      SELECT appeal.id, ${main?.executorId ?? null}::integer, 'main', 'pending',
             ${main?.instruction ?? null}::text, ${main?.controlDate ?? null}::timestamptz,
             ${by}::integer, ${input.now}::timestamptz
        FROM appeal
       WHERE ${main !== null}::boolean
    ), co_assignments AS (
      INSERT INTO assignments (appeal_id, executor_id, role, state, instruction, control_date,
                               assigned_by, assigned_at)
      SELECT appeal.id, co.executor_id, 'co', 'pending',
             ${main?.instruction ?? null}::text, ${main?.controlDate ?? null}::timestamptz,
             ${by}::integer, ${input.now}::timestamptz
        FROM appeal, unnest(${coIds}::integer[]) WITH ORDINALITY AS co(executor_id, ord)
       ORDER BY co.ord
    ), history AS (
      INSERT INTO appeal_events (appeal_id, at, actor_id, actor_label, type, from_status, to_status, data)
      SELECT appeal.id, ${input.now}::timestamptz, ${by}::integer, ${label}::text, e.type, e.from_status, e.to_status,
             CASE WHEN e.type = 'registered'
                  THEN e.data || jsonb_build_object('number', appeal.number) ELSE e.data END
        FROM appeal, jsonb_to_recordset(${events}::jsonb)
             AS e(ord integer, type text, from_status text, to_status text, data jsonb)
       ORDER BY e.ord
    ), hour_count AS (
      -- The live counts (issue 18, ADR 048): this appeal's hour × type × kind × district row + 1.
      INSERT INTO appeal_hour_counts AS c (hour, question_type_id, kind, district_id, appeals)
      SELECT date_bin('1 hour', ${a.received_at}::timestamptz, ${HOUR_ORIGIN}::timestamptz),
             ${a.question_type_id}::integer, ${a.kind}::text, coalesce(${a.district_id ?? null}::integer, 0), 1
        FROM appeal
      ON CONFLICT (hour, question_type_id, kind, district_id)
      DO UPDATE SET appeals = c.appeals + 1
    ), registration_key AS (
      INSERT INTO appeal_registration_keys (key_hash, request_hash, appeal_id, created_at)
      SELECT ${key?.keyHash ?? null}::text, ${key?.requestHash ?? null}::text, appeal.id,
             ${input.now}::timestamptz
        FROM appeal
       WHERE ${key !== null}::boolean
    ), tracking AS (
      INSERT INTO submissions (tracking_number, access_code_hash, channel, state, kind,
                               question_type_id, description, address_text, building_id,
                               latitude, longitude, applicant_name, applicant_email,
                               applicant_phone, applicant_address, consent_given_at,
                               consent_source, confidential, locale, request_hash, received_at,
                               appeal_id, moderated_by, moderated_at)
      -- The number as formatTrackingNumber writes it (P-YYYY-NNNNNN).
      SELECT 'P-' || ${String(tracking?.trackingYear ?? 0)}::text || '-'
               || lpad(s.n, greatest(6, length(s.n)), '0'),
             ${tracking?.accessCodeHash ?? null}::text, 'staff', 'registered', ${a.kind}::text,
             ${a.question_type_id}::integer, ${a.description}::text, ${a.address_text ?? null}::text,
             ${a.building_id ?? null}::integer, ${a.latitude ?? null}::double precision,
             ${a.longitude ?? null}::double precision, ${tracking?.applicant.name ?? null}::text,
             ${tracking?.applicant.email ?? null}::text, ${tracking?.applicant.phone ?? null}::text,
             ${tracking?.applicant.address ?? null}::text, ${input.now}::timestamptz, 'operator',
             ${a.confidential ?? false}::boolean, 'uk',
             -- sha256('staff:' || id) in hex, as issueStaffTrackingCode writes it.
             encode(sha256(convert_to('staff:' || appeal.id, 'UTF8')), 'hex'),
             ${a.received_at}::timestamptz, appeal.id, ${by}::integer, ${input.now}::timestamptz
        FROM appeal, LATERAL (SELECT nextval('submission_number_seq')::text AS n) AS s
       WHERE ${tracking !== null}::boolean
      RETURNING id
    )
    SELECT id, number, applicant_id, (SELECT id FROM tracking) AS tracking_submission_id
      FROM appeal ${prepared}`.execute(trx);
  const row = rows[0]!;
  return {
    id: row.id,
    number: row.number,
    applicantId: row.applicant_id,
    trackingSubmissionId: row.tracking_submission_id,
  };
}
