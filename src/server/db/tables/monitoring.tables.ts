/**
 * Live monitoring (counts, alerts, morning digests; issue 18), mass appeals, notification
 * templates, applicant merges and duties (issue 14), and telephony and mail (issue 20). Part of
 * the database's shape (`../schema.ts` composes `DB`); written to match `migrations/*.sql`.
 */
import type { ColumnType, Generated } from 'kysely';
import type { AppealKind } from '../../../domain/vocabulary.js';
import type { Json, NullableTimestamp, Timestamp } from './columns.js';

/** Appeals per hour × question type × kind × district, kept as they are registered (migration 0031). */
export interface AppealHourCountsTable {
  hour: Timestamp;
  question_type_id: number;
  kind: AppealKind;
  /** 0: no known district. */
  district_id: number;
  appeals: number;
}

/** Spikes raised as alerts (issue 18, migration 0031; ADR 048). */
export interface MonitoringAlertsTable {
  id: Generated<number>;
  question_type_id: number;
  /** Null: city-wide. */
  district_id: number | null;
  window_hours: number;
  observed: number;
  expected: number;
  p_value: number;
  since: Timestamp;
  raised_at: Timestamp;
  last_detected_at: Timestamp;
  appeal_ids: ColumnType<number[], number[] | undefined, number[]>;
  explained_by_work_id: number | null;
  acknowledged_by: number | null;
  acknowledged_at: Timestamp | null;
}

/** The morning digest of one city day (issue 18 item 5, migration 0034): figures as made. */
export interface MorningDigestsTable {
  /** The city day the figures are of. DATE: read it with to_char (pg parses a date into local midnight). */
  day: ColumnType<Date, string, never>;
  figures: Json;
  made_at: Timestamp;
}

/** Mass appeals: proposed groups and their members (issue 16, migration 0027). */
export interface MassAppealsTable {
  id: Generated<number>;
  question_type_id: number;
  building_id: number | null;
  street_id: number | null;
  status: Generated<'proposed' | 'confirmed' | 'dismissed'>;
  lead_appeal_id: number | null;
  first_received_at: Timestamp;
  last_received_at: Timestamp;
  proposed_at: Timestamp;
  decided_at: NullableTimestamp;
  decided_by: number | null;
}

export interface MassAppealMembersTable {
  mass_appeal_id: number;
  appeal_id: number;
}

// Issue 14, second part (migration 0018, ADR 034).
export interface NotificationTemplatesTable {
  kind: string;
  locale: 'uk' | 'en';
  subject: string;
  body: string;
  updated_at: Timestamp;
  updated_by: number | null;
}

export interface ApplicantMergesTable {
  id: Generated<number>;
  survivor_id: number;
  merged_id: number;
  appeal_ids: number[];
  survivor_before: Json;
  merged_at: Timestamp;
  merged_by: number | null;
  undone_at: NullableTimestamp;
  undone_by: number | null;
}

export interface ControllerDutiesTable {
  controller_id: number;
  executor_id: number;
  assigned_at: Timestamp;
}

export interface OperatorDutiesTable {
  user_id: number;
  queue: 'moderation' | 'call_back' | 'email';
  assigned_at: Timestamp;
}

// Issue 20: telephony (calls, their events, appeals registered during them, presence, extensions).
export interface OperatorExtensionsTable {
  user_id: number;
  extension: string;
  updated_at: Timestamp;
}

export interface CallsTable {
  id: Generated<number>;
  source: string;
  external_id: string;
  state: string;
  caller_number: string | null;
  line: string | null;
  extension: string | null;
  operator_id: number | null;
  ringing_at: NullableTimestamp;
  answered_at: NullableTimestamp;
  ended_at: NullableTimestamp;
  duration_seconds: number | null;
  talk_seconds: number | null;
  recording_ref: string | null;
  transfers: ColumnType<unknown[], string | undefined, string>;
  updated_at: Timestamp;
}

export interface CallEventsTable {
  id: Generated<number>;
  call_id: number;
  event_key: string;
  kind: string;
  at: Timestamp;
  payload: Json;
  received_at: Timestamp;
  applied: boolean;
}

export interface CallAppealsTable {
  call_id: number;
  appeal_id: number;
  linked_at: Timestamp;
}

export interface OperatorPresenceTable {
  id: Generated<number>;
  user_id: number;
  state: string;
  started_at: Timestamp;
  ended_at: NullableTimestamp;
  set_by: string;
}

export interface MailMessagesTable {
  id: Generated<number>;
  mailbox: string;
  message_id: string;
  from_address: string | null;
  outcome: string;
  reason: string | null;
  submission_id: number | null;
  received_at: Timestamp;
}
