/**
 * The appeal and what hangs on it: organisations, the classifier and routing, staff users and
 * their sessions and tokens, applicants, the yearly registration counters, appeals, assignments,
 * responses, reviews, attachments and the hash-chained history. Part of the database's shape
 * (`../schema.ts` composes `DB`); written to match `migrations/*.sql`.
 */
import type { ColumnType, Generated } from 'kysely';
import type {
  AppealKind,
  AppealStatus,
  AppealSubject,
  AssignmentRole,
  AssignmentState,
  Channel,
  OrganisationType,
  ReceiptSign,
  ReviewDecision,
  Role,
} from '../../../domain/vocabulary.js';
import type { EmailNotificationChoice } from '../../../domain/notifications.js';
import type { DeadlineState } from '../../../domain/deadlines.js';
import type { Json, NullableTimestamp, Timestamp } from './columns.js';

export interface OrganisationsTable {
  id: Generated<number>;
  parent_id: number | null;
  name: string;
  short_name: string | null;
  type: Generated<OrganisationType>;
  email: string | null;
  phone: string | null;
  active: Generated<boolean>;
  match_key: string | null;
  created_at: Timestamp;
  /** The district it serves (migration 0012). */
  district_id: Generated<number | null>;
}

export interface ClassifierKindsTable {
  id: Generated<number>;
  name: string;
  name_en: string | null;
  match_key: string;
  position: Generated<number>;
  active: Generated<boolean>;
}

export interface QuestionTypesTable {
  id: Generated<number>;
  kind_id: number;
  name: string;
  name_en: string | null;
  match_key: string;
  term_days: Generated<number>;
  is_public: Generated<boolean>;
  is_emergency: Generated<boolean>;
  active: Generated<boolean>;
  review_margin_days: Generated<number>;
  term_hours: number | null;
  /** The works service this question is about (issue 16, migration 0019); NULL: none. */
  works_service: ColumnType<string | null, string | null | undefined, string | null>;
  /** The Classifier No. 858 topic, 1–30 (issue 17, migration 0029); NULL: not coded yet. */
  topic_858: ColumnType<number | null, number | null | undefined, number | null>;
}

export interface RoutingRulesTable {
  question_type_id: number;
  executor_id: number;
  updated_at: Timestamp;
  /** Co-executor organisations the rule assigns besides the main executor (0025). */
  co_executor_ids: Generated<number[]>;
}

export interface UsersTable {
  id: Generated<number>;
  login: string;
  full_name: string;
  email: string | null;
  role: Role;
  organisation_id: number | null;
  password_hash: string | null;
  active: Generated<boolean>;
  created_at: Timestamp;
  /** Migration 0012: contact phone; set by a password reset, cleared by the user's own change. */
  phone: Generated<string | null>;
  must_change_password: Generated<boolean>;
  password_changed_at: NullableTimestamp;
  /** Which notifications also go by e-mail (migration 0013; ADR 027). */
  notify_by_email: Generated<EmailNotificationChoice>;
}

export interface SessionsTable {
  token_hash: string;
  user_id: number;
  created_at: Timestamp;
  expires_at: Timestamp;
}

export interface ApiTokensTable {
  id: Generated<number>;
  user_id: number;
  name: string;
  token_hash: string;
  created_at: Timestamp;
  last_used_at: NullableTimestamp;
  revoked_at: NullableTimestamp;
}

export interface ApplicantsTable {
  id: Generated<number>;
  full_name: string;
  phones: Generated<string[]>;
  phone_keys: Generated<string[]>;
  email: string | null;
  address: string | null;
  privileged_category: string | null;
  social_status: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  /** Issue 14: merged into this applicant (ADR 034); null while it stands on its own. */
  merged_into: Generated<number | null>;
  /** The applicant's sex (male/female) for the next call's card (issue 17, migration 0029). */
  sex: ColumnType<string | null, string | null | undefined, string | null>;
}

export interface RegistrationCountersTable {
  year: number;
  last_value: number;
}

export interface AppealsTable {
  id: Generated<number>;
  number: string;
  received_at: Timestamp;
  registered_at: Timestamp;
  channel: Channel;
  kind: AppealKind;
  subject: AppealSubject;
  receipt_sign: Generated<ReceiptSign>;
  applicant_id: number | null;
  question_type_id: number;
  address_text: string | null;
  latitude: number | null;
  longitude: number | null;
  description: string;
  confidential: Generated<boolean>;
  privileged: Generated<boolean>;
  status: AppealStatus;
  result: string | null;
  control_date: NullableTimestamp;
  rework_count: Generated<number>;
  closed_at: NullableTimestamp;
  registered_by: number | null;
  source: string | null;
  source_id: string | null;
  updated_at: Timestamp;
  legal_deadline: NullableTimestamp;
  extended_days: Generated<number>;
  repeats_appeal_id: number | null;
  building_id: number | null;
  district_id: number | null;
  address_key: string | null;
  address_flags: Generated<string[]>;
  /** The works entry this appeal is linked to (issue 16, migration 0019). */
  work_id: ColumnType<number | null, number | null | undefined, number | null>;
  /** Classifier No. 858 (issue 17, migration 0029): keys of domain/classifier-858.ts; NULL = not stated. */
  author_sex: ColumnType<string | null, string | null | undefined, string | null>;
  author_category: ColumnType<string | null, string | null | undefined, string | null>;
  author_social_status: ColumnType<string | null, string | null | undefined, string | null>;
  /** Seconds from opening the new-call screen to registering (issue 18; migration 0035). */
  intake_seconds: ColumnType<number | null, number | null | undefined, number | null>;
  /**
   * The main executor (ADR 036: the latest main assignment not returned or withdrawn), kept by the
   * trigger on assignments (migration 0038, ADR 052) for the reports. Only registration's own
   * statement writes it (the routed executor, the value the trigger then finds already there).
   */
  main_executor_id: ColumnType<number | null, never, never>;
}

export interface AssignmentsTable {
  id: Generated<number>;
  appeal_id: number;
  executor_id: number;
  role: AssignmentRole;
  state: AssignmentState;
  instruction: string | null;
  control_date: NullableTimestamp;
  assigned_by: number | null;
  assigned_at: Timestamp;
  accepted_at: NullableTimestamp;
  finished_at: NullableTimestamp;
  /** The appeal's privileged sign, copied by a trigger when written (migration 0043): the queues' order. */
  privileged: Generated<boolean>;
}

export interface ResponsesTable {
  id: Generated<number>;
  appeal_id: number;
  assignment_id: number;
  author_id: number | null;
  text: string;
  proposed_result: string | null;
  created_at: Timestamp;
}

export interface ReviewsTable {
  id: Generated<number>;
  appeal_id: number;
  response_id: number | null;
  reviewer_id: number | null;
  decision: ReviewDecision;
  result: string | null;
  comment: string | null;
  created_at: Timestamp;
}

export interface AttachmentsTable {
  id: Generated<number>;
  /** Null while the file belongs to a submission not yet moderated (migration 0004). */
  appeal_id: number | null;
  submission_id: number | null;
  response_id: number | null;
  file_name: string;
  media_type: string;
  size_bytes: number;
  sha256: string;
  storage_key: string;
  uploaded_by: number | null;
  created_at: Timestamp;
  /** SHA-256 of the upload's Idempotency-Key, unique per appeal (migration 0040). */
  idempotency_key_hash: string | null;
}

/** History events the work notifications have handled (migration 0013; ADR 027). */
export interface NotifiedEventsTable {
  event_id: number;
}

export interface AppealEventsTable {
  id: Generated<number>;
  appeal_id: number;
  at: Timestamp;
  actor_id: number | null;
  actor_label: string;
  type: string;
  from_status: AppealStatus | null;
  to_status: AppealStatus | null;
  comment: string | null;
  data: Json;
  /** Position in the appeal's hash chain and the chain's hash (set by a trigger, migration 0007). */
  seq: Generated<number>;
  hash: Generated<string>;
}

/**
 * The deadline sweep's mark of an open appeal due soon or overdue (migration 0041, ADR 058): no
 * row means 'ok'. Written by the sweep only.
 */
export interface AppealDeadlineMarksTable {
  appeal_id: number;
  state: Exclude<DeadlineState, 'ok'>;
}

/** The head of each appeal's history chain (migration 0007). */
export interface AppealHistoryHeadsTable {
  appeal_id: number;
  seq: number;
  hash: string;
}
