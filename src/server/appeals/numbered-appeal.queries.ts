/**
 * Registration's one write statement (ADR 008, ADR 067): `writeNumberedAppeals` creates the new
 * applicants, takes the years' next gapless numbers, and inserts the appeals, their main and
 * co-executor assignments, their history, hour counts, Idempotency-Keys and tracking codes for one
 * or more registrations in a single SQL statement; with the shapes it takes (`NumberedAppealInput`,
 * `NewEvent`, `NewAppealValues`). Registration (`register-appeal.ts`) runs it last, after every
 * read, so the year's counter row is locked only for this statement and its commit; on the pool it
 * goes through `registration-groups.ts`, which writes the registrations that arrive together as one.
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
import { jsonParameter } from '../db/json-parameter.js';

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

/** One registration's write: what `writeNumberedAppeals` takes for each appeal. */
export interface NumberedAppealInput {
  /** The registration year (in the city's zone): the counter the number is taken from. */
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
}

/** What `writeNumberedAppeals` returns for each registration, in the order given. */
export interface NumberedAppeal {
  id: number;
  number: string;
  applicantId: number | null;
  /** The tracking row's id when `trackingCode` was given. */
  trackingSubmissionId: number | null;
}

/**
 * One registration as a row of the statement's JSON parameter (the columns of `INPUT_COLUMNS`). A
 * key left out (undefined) is read as NULL, and keys the columns do not name are not read: the
 * appeal's own columns go as they are, with the four whose defaults the statement writes.
 */
function inputRow(input: NumberedAppealInput, ord: number) {
  const a = input.appeal;
  const na = input.newApplicant;
  const main = input.mainAssignment;
  const tracking = input.trackingCode;
  return {
    ...a,
    receipt_sign: a.receipt_sign ?? 'primary',
    address_flags: a.address_flags ?? [],
    confidential: a.confidential ?? false,
    privileged: a.privileged ?? false,
    ord,
    year: input.year,
    actor_id: actorId(input.actor),
    actor_label: actorLabel(input.actor),
    now: input.now,
    main_executor_id: main?.executorId,
    main_instruction: main?.instruction,
    main_control_date: main?.controlDate,
    co_executor_ids: main ? (input.coAssignments ?? []).map((c) => c.executorId) : [],
    events: input.events.map((e, i) => ({
      ord: i,
      type: e.type,
      from_status: e.from,
      to_status: e.to,
      data: e.data,
    })),
    new_applicant: na !== null,
    na_full_name: na?.fullName,
    na_phones: na?.phones,
    na_phone_keys: na ? phoneKeys(na.phones) : undefined,
    na_email: na?.email,
    na_address: na?.address,
    na_privileged_category: na?.privilegedCategory,
    na_social_status: na?.socialStatus,
    key_hash: input.registrationKey?.keyHash,
    request_hash: input.registrationKey?.requestHash,
    tracking: Boolean(tracking),
    t_code_hash: tracking?.accessCodeHash,
    t_year: tracking?.trackingYear,
    t_name: tracking?.applicant.name,
    t_email: tracking?.applicant.email,
    t_phone: tracking?.applicant.phone,
    t_address: tracking?.applicant.address,
  };
}

/** The typed columns `jsonb_to_recordset` reads `inputRow`'s objects into. */
const INPUT_COLUMNS = sql.raw(`ord integer, year integer, actor_id integer, actor_label text,
    now timestamptz, received_at timestamptz, registered_at timestamptz, channel text, kind text,
    subject text, receipt_sign text, repeats_appeal_id integer, legal_deadline timestamptz,
    applicant_id integer, question_type_id integer, address_text text, latitude double precision,
    longitude double precision, building_id integer, district_id integer, address_key text,
    address_flags text[], description text, confidential boolean, privileged boolean, status text,
    result text, control_date timestamptz, closed_at timestamptz, work_id integer, author_sex text,
    author_category text, author_social_status text, intake_seconds integer,
    main_executor_id integer, main_instruction text, main_control_date timestamptz,
    co_executor_ids jsonb, events jsonb, new_applicant boolean, na_full_name text, na_phones text[],
    na_phone_keys text[], na_email text, na_address text, na_privileged_category text,
    na_social_status text, key_hash text, request_hash text, tracking boolean, t_code_hash text,
    t_year integer, t_name text, t_email text, t_phone text, t_address text`);

/**
 * Write one or more registrations in one statement: for each, the next registration number of its
 * `year`, the appeal, its new applicant, main and co-executor assignments, history events, hour
 * count, Idempotency-Key and tracking code.
 *
 * The numbers are gapless per year (CMU Resolution 348, ADR 008) and follow the order of `inputs`:
 * the year's counter row moves on by the count of its registrations and stays locked by this
 * statement until the caller's transaction ends, so run it last in the transaction — every
 * registration of the year waits for that lock. Several registrations in one statement take the
 * lock, the statement's work and the commit's WAL flush once for all (ADR 067). The number is
 * `YYYY-NNNNNN` (at least six digits), formatted here as `formatRegistrationNumber` does.
 *
 * @param inputs at least one registration; the counter rows and hour-count rows are taken in
 *   sorted order, so two such statements never wait for each other's rows in a circle.
 * @returns one row per input, in the order of `inputs`.
 * @throws the database's error when any registration fails (a reused Idempotency-Key's unique
 *   violation, a check): nothing of any of them is written.
 */
export async function writeNumberedAppeals(
  trx: Kysely<DB>,
  inputs: readonly NumberedAppealInput[],
): Promise<NumberedAppeal[]> {
  if (inputs.length === 0) return [];
  const rowsJson = jsonParameter(inputs.map(inputRow));
  const { rows } = await sql<{
    ord: number;
    id: number;
    number: string;
    applicant_id: number | null;
    tracking_submission_id: number | null;
  }>`
    WITH input AS MATERIALIZED (
      SELECT r.*,
             CASE WHEN r.new_applicant
                  THEN nextval(pg_get_serial_sequence('applicants', 'id'))::integer END
               AS new_applicant_id
        FROM jsonb_to_recordset(${rowsJson}::jsonb) AS r(${INPUT_COLUMNS})
    ), counter AS (
      INSERT INTO registration_counters AS rc (year, last_value)
      SELECT year, count(*) FROM input GROUP BY year ORDER BY year
      ON CONFLICT (year) DO UPDATE SET last_value = rc.last_value + EXCLUDED.last_value
      RETURNING year, last_value
    ), numbered AS MATERIALIZED (
      SELECT i.*, i.year::text || '-' || lpad(n.n, greatest(6, length(n.n)), '0') AS number
        FROM (SELECT i.ord,
                     (c.last_value - count(*) OVER w + row_number() OVER (w ORDER BY i.ord))::text AS n
                FROM input i JOIN counter c USING (year)
              WINDOW w AS (PARTITION BY i.year)) AS n
        JOIN input i USING (ord)
    ), new_applicant AS (
      INSERT INTO applicants (id, full_name, phones, phone_keys, email, address, privileged_category,
                              social_status, sex)
      SELECT new_applicant_id, na_full_name, na_phones, na_phone_keys, na_email, na_address,
             na_privileged_category, na_social_status, author_sex
        FROM input WHERE new_applicant ORDER BY ord
      RETURNING id
    ), appeal AS (
      INSERT INTO appeals (number, received_at, registered_at, channel, kind, subject, receipt_sign,
                           repeats_appeal_id, legal_deadline, applicant_id, question_type_id,
                           address_text, latitude, longitude, building_id, district_id, address_key,
                           address_flags, description, confidential, privileged,
                           status, result, control_date, closed_at, registered_by, updated_at,
                           work_id, author_sex, author_category, author_social_status,
                           intake_seconds, main_executor_id)
      -- main_executor_id: what the trigger of migration 0038 would set, written with the row, so
      -- registering writes the appeal once rather than inserting and then updating it.
      SELECT number, received_at, registered_at, channel, kind, subject, receipt_sign,
             repeats_appeal_id, legal_deadline, coalesce(new_applicant_id, applicant_id),
             question_type_id, address_text, latitude, longitude, building_id, district_id,
             address_key, address_flags, description, confidential, privileged, status, result,
             control_date, closed_at, actor_id, now, work_id, author_sex, author_category,
             author_social_status, intake_seconds, main_executor_id
        FROM numbered ORDER BY ord
      RETURNING id, number
    ), placed AS (
      SELECT n.*, appeal.id AS appeal_id FROM numbered n JOIN appeal USING (number)
    ), main_assignment AS (
      INSERT INTO assignments (appeal_id, executor_id, role, state, instruction, control_date,
                               assigned_by, assigned_at)
      SELECT appeal_id, main_executor_id, 'main', 'pending', main_instruction, main_control_date,
             actor_id, now
        FROM placed WHERE main_executor_id IS NOT NULL ORDER BY ord
    ), co_assignments AS (
      INSERT INTO assignments (appeal_id, executor_id, role, state, instruction, control_date,
                               assigned_by, assigned_at)
      SELECT p.appeal_id, co.executor_id::integer, 'co', 'pending', p.main_instruction,
             p.main_control_date, p.actor_id, p.now
        FROM placed p,
             jsonb_array_elements_text(p.co_executor_ids) WITH ORDINALITY AS co(executor_id, ord)
       ORDER BY p.ord, co.ord
    ), history AS (
      INSERT INTO appeal_events (appeal_id, at, actor_id, actor_label, type, from_status, to_status, data)
      SELECT p.appeal_id, p.now, p.actor_id, p.actor_label, e.type, e.from_status, e.to_status,
             CASE WHEN e.type = 'registered'
                  THEN e.data || jsonb_build_object('number', p.number) ELSE e.data END
        FROM placed p,
             jsonb_to_recordset(p.events)
               AS e(ord integer, type text, from_status text, to_status text, data jsonb)
       ORDER BY p.ord, e.ord
    ), hour_count AS (
      -- The live counts (issue 18, ADR 048): each hour × type × kind × district row + its appeals.
      INSERT INTO appeal_hour_counts AS c (hour, question_type_id, kind, district_id, appeals)
      SELECT date_bin('1 hour', received_at, ${HOUR_ORIGIN}::timestamptz), question_type_id, kind,
             coalesce(district_id, 0), count(*)
        FROM placed GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4
      ON CONFLICT (hour, question_type_id, kind, district_id)
      DO UPDATE SET appeals = c.appeals + EXCLUDED.appeals
    ), registration_key AS (
      INSERT INTO appeal_registration_keys (key_hash, request_hash, appeal_id, created_at)
      SELECT key_hash, request_hash, appeal_id, now
        FROM placed WHERE key_hash IS NOT NULL ORDER BY ord
    ), tracked AS MATERIALIZED (
      -- nextval in the select list: one number per row (a subquery in FROM would run once).
      SELECT p.*, nextval('submission_number_seq')::text AS tracking_n
        FROM placed p WHERE p.tracking ORDER BY p.ord
    ), tracking AS (
      INSERT INTO submissions (tracking_number, access_code_hash, channel, state, kind,
                               question_type_id, description, address_text, building_id,
                               latitude, longitude, applicant_name, applicant_email,
                               applicant_phone, applicant_address, consent_given_at,
                               consent_source, confidential, locale, request_hash, received_at,
                               appeal_id, moderated_by, moderated_at)
      -- The number as formatTrackingNumber writes it (P-YYYY-NNNNNN).
      SELECT 'P-' || t_year::text || '-' || lpad(tracking_n, greatest(6, length(tracking_n)), '0'),
             t_code_hash, 'staff', 'registered', kind, question_type_id, description,
             address_text, building_id, latitude, longitude, t_name, t_email, t_phone, t_address,
             now, 'operator', confidential, 'uk',
             -- sha256('staff:' || id) in hex, as issueStaffTrackingCode writes it.
             encode(sha256(convert_to('staff:' || appeal_id, 'UTF8')), 'hex'),
             received_at, appeal_id, actor_id, now
        FROM tracked ORDER BY ord
      RETURNING id, appeal_id
    )
    SELECT p.ord, p.appeal_id AS id, p.number,
           coalesce(p.new_applicant_id, p.applicant_id) AS applicant_id,
           t.id AS tracking_submission_id
      FROM placed p LEFT JOIN tracking t ON t.appeal_id = p.appeal_id
     ORDER BY p.ord ${prepared}`.execute(trx);
  if (rows.length !== inputs.length) {
    throw new Error(`wrote ${rows.length} of ${inputs.length} registrations`);
  }
  return rows.map((row) => ({
    id: row.id,
    number: row.number,
    applicantId: row.applicant_id,
    trackingSubmissionId: row.tracking_submission_id,
  }));
}
