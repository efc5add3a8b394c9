/**
 * What runs around the appeals: the audit log, sign-in throttling and rate limits, the database
 * file store, settings, extension and explanation requests, the notifications outbox, work
 * calendars, Open311 keys, portal submissions and tracking, feedback, the dashboard snapshots and
 * registration keys. Part of the database's shape (`../schema.ts` composes `DB`); written to match
 * `migrations/*.sql`.
 */
import type { ColumnType, Generated } from 'kysely';
import type { NotificationStatus } from '../../../domain/notifications.js';
import type { ExplanationState, ExtensionState } from '../../../domain/deadlines.js';
import type { MergeReceiptSign, SubmissionKind, SubmissionState } from '../../../domain/portal.js';
import type { Json, NullableTimestamp, Timestamp } from './columns.js';

/** The administrators' audit log, append-only and hash-chained (migration 0007). */
export interface AuditLogTable {
  id: Generated<number>;
  at: Timestamp;
  actor_id: number | null;
  actor_label: string;
  action: string;
  target: string | null;
  data: Json;
  seq: Generated<number>;
  hash: Generated<string>;
}

export interface AuditLogHeadTable {
  one: Generated<boolean>;
  seq: number;
  hash: string;
}

/** Failed sign-ins per key (login, client address, or both), shared by every process (0007). */
export interface LoginThrottleTable {
  key: string;
  failures: number;
  first_failed_at: Timestamp;
  last_failed_at: Timestamp;
  locked_until: Timestamp | null;
}

/** Public rate-limit counters shared by every process (migration 0016, ADR 032). */
export interface RateLimitHitsTable {
  key: string;
  hits: number;
  window_ends_at: Timestamp;
}

/** Attachment bytes of the `database` file store, 1 MiB a row (migration 0017, ADR 033). */
export interface FileChunksTable {
  key: string;
  seq: number;
  bytes: Buffer;
}

export interface SettingsTable {
  key: string;
  value: Json;
}

export interface ExtensionRequestsTable {
  id: Generated<number>;
  appeal_id: number;
  assignment_id: number | null;
  requested_by: number | null;
  reason: string;
  requested_days: number;
  state: Generated<ExtensionState>;
  decided_by: number | null;
  decided_at: NullableTimestamp;
  decision_comment: string | null;
  new_deadline: NullableTimestamp;
  created_at: Timestamp;
}

export interface ExplanationRequestsTable {
  id: Generated<number>;
  appeal_id: number;
  assignment_id: number;
  requested_by: number | null;
  question: string;
  due_at: Timestamp;
  state: Generated<ExplanationState>;
  answer: string | null;
  answered_by: number | null;
  answered_at: NullableTimestamp;
  created_at: Timestamp;
}

export interface NotificationsTable {
  id: Generated<number>;
  dedupe_key: string;
  kind: string;
  appeal_id: number | null;
  recipient_user_id: number | null;
  recipient_email: string | null;
  locale: Generated<string>;
  subject: string;
  body: string;
  emergency: Generated<boolean>;
  not_before: Timestamp;
  status: Generated<NotificationStatus>;
  attempts: Generated<number>;
  next_attempt_at: Timestamp;
  last_error: string | null;
  sent_at: NullableTimestamp;
  read_at: NullableTimestamp;
  created_at: Timestamp;
  /** The morning digest this notification carries (migration 0034; its e-mail attaches the PDF). */
  /** DATE: read it with to_char (pg parses a date into local midnight). */
  digest_day: ColumnType<Date | null, string | null | undefined, string | null>;
  /** The scheduled report run this notification carries (migration 0036; its e-mail attaches the file). */
  report_run_id: ColumnType<number | null, number | null | undefined, number | null>;
}

export interface WorkCalendarsTable {
  name: string;
  calendar: Json;
  updated_at: Timestamp;
  updated_by: number | null;
}

export interface Open311ApiKeysTable {
  id: Generated<number>;
  name: string;
  key_hash: string;
  key_prefix: string;
  created_by: number | null;
  created_at: Timestamp;
  last_used_at: NullableTimestamp;
  revoked_at: NullableTimestamp;
}

/** What arrives from the portal or Open311, before moderation (migration 0004). */
export interface SubmissionsTable {
  id: Generated<number>;
  tracking_number: string;
  access_code_hash: string | null;
  access_code_salt: string | null;
  channel: string;
  state: Generated<SubmissionState>;
  kind: Generated<SubmissionKind>;
  question_type_id: number;
  description: string;
  address_text: string | null;
  latitude: number | null;
  longitude: number | null;
  building_id: Generated<number | null>;
  applicant_name: string;
  applicant_email: string | null;
  applicant_phone: string | null;
  applicant_address: string | null;
  consent_given_at: Timestamp;
  consent_source: string;
  confidential: Generated<boolean>;
  locale: Generated<string>;
  idempotency_key_hash: string | null;
  request_hash: string;
  api_key_id: number | null;
  open311_token: string | null;
  device_id: string | null;
  account_id: string | null;
  attributes: Json;
  received_at: Timestamp;
  appeal_id: number | null;
  receipt_sign: MergeReceiptSign | null;
  rejection_reason: string | null;
  moderation_comment: string | null;
  moderated_by: number | null;
  moderated_at: NullableTimestamp;
}

export interface TrackingAttemptsTable {
  tracking_key: string;
  failures: Generated<number>;
  window_started_at: Timestamp;
  locked_until: NullableTimestamp;
}

export interface AppealFeedbackTable {
  id: Generated<number>;
  appeal_id: number;
  submission_id: number;
  verdict: string;
  rating: number;
  comment: string | null;
  result: string;
  created_at: Timestamp;
}

/** View: the district administration of each organisation (itself or its nearest ancestor). */
export interface OrganisationDistrictsView {
  organisation_id: number;
  district_id: number;
}

/** Counts computed periodically (migration 0006, ADR 012): one row per snapshot name. */
export interface MonitoringSnapshotsTable {
  name: string;
  data: Json;
  as_of: Timestamp;
  took_ms: number;
}

/** A staff registration's Idempotency-Key (hashed) and the appeal it made (migration 0008). */
export interface AppealRegistrationKeysTable {
  key_hash: string;
  request_hash: string;
  appeal_id: number;
  created_at: Date;
}
