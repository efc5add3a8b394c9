/**
 * Kysely table types, written to match `migrations/*.sql`. `Generated<T>` marks columns the
 * database fills (identity, defaults). Columns holding a closed list of the domain (status, state,
 * role, channel, kind…) carry its union, so reads need no casts and writes are checked.
 */
import type { ColumnType, Generated, Insertable, Selectable } from 'kysely';
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
} from '../../domain/vocabulary.js';
import type { EmailNotificationChoice, NotificationStatus } from '../../domain/notifications.js';
import type { DeadlineState, ExplanationState, ExtensionState } from '../../domain/deadlines.js';
import type { MergeReceiptSign, SubmissionKind, SubmissionState } from '../../domain/portal.js';

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type NullableTimestamp = ColumnType<
  Date | null,
  Date | string | null | undefined,
  Date | string | null
>;
type Json = ColumnType<Record<string, unknown>, string | undefined, string>;

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
  deadline_state: Generated<DeadlineState>;
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

/** The head of each appeal's history chain (migration 0007). */
export interface AppealHistoryHeadsTable {
  appeal_id: number;
  seq: number;
  hash: string;
}

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

/** Address registry (migration 0011, ADR 023). */
export interface DistrictsTable {
  id: Generated<number>;
  city: string;
  name: string;
  name_en: string | null;
  former_names: Generated<string[]>;
  boundary: Json | null;
  bbox: number[] | null;
  organisation_id: number | null;
  source_key: string;
}

export interface StreetsTable {
  id: Generated<number>;
  city: string;
  type: string | null;
  name: string;
  active: Generated<boolean>;
  source_key: string | null;
  updated_at: Timestamp;
}

export interface StreetNamesTable {
  id: Generated<number>;
  street_id: number;
  type: string | null;
  name: string;
  name_key: string;
  is_current: Generated<boolean>;
  /** DATE columns: read them with to_char (pg parses a date into local midnight). */
  valid_from: ColumnType<Date | null, string | null | undefined, string | null>;
  valid_to: ColumnType<Date | null, string | null | undefined, string | null>;
  period_text: string | null;
}

export interface StreetDistrictsTable {
  street_id: number;
  district_id: number;
}

export interface BuildingsTable {
  id: Generated<number>;
  street_id: number;
  house_number: string;
  house_key: string;
  block: string | null;
  latitude: number | null;
  longitude: number | null;
  district_id: number | null;
  maintainer_id: number | null;
  kind: Generated<string>;
  postcode: string | null;
  merged_into_id: number | null;
  active: Generated<boolean>;
  source_key: string | null;
  updated_at: Timestamp;
}

export interface RegistryEditsTable {
  id: Generated<number>;
  at: Timestamp;
  actor_id: number | null;
  actor_label: string;
  entity: 'street' | 'building';
  entity_id: number;
  action: string;
  before: Json;
  after: Json;
}

export interface AddressRoutingRulesTable {
  id: Generated<number>;
  question_type_id: number;
  district_id: number | null;
  executor_id: number | null;
  to_maintainer: Generated<boolean>;
  updated_at: Timestamp;
  /** Co-executor organisations the rule assigns besides the main executor (0025). */
  co_executor_ids: Generated<number[]>;
}

/** Issue 19 (migration 0022, ADR 039): knowledge base, consultation answers, call-back surveys. */
export interface KnowledgeArticlesTable {
  id: Generated<number>;
  title: string;
  title_en: string | null;
  body_uk: string;
  body_en: string | null;
  html_uk: string;
  html_en: string | null;
  tags: Generated<string[]>;
  is_public: Generated<boolean>;
  owner_id: number;
  review_by: string;
  search_text: string;
  search_vector: Generated<string>;
  version: Generated<number>;
  review_flagged_at: NullableTimestamp;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface KnowledgeArticleQuestionTypesTable {
  article_id: number;
  question_type_id: number;
}

export interface KnowledgeArticleOrganisationsTable {
  article_id: number;
  organisation_id: number;
}

export interface KnowledgeArticleVersionsTable {
  article_id: number;
  version: number;
  snapshot: Json;
  change: string;
  changed_by: number;
  changed_at: Timestamp;
}

export interface KnowledgeEditorsTable {
  user_id: number;
  assigned_by: number;
  assigned_at: Timestamp;
}

/** Migration 0032: the intake script per question type (issue 19, item 3). */
export interface QuestionTypeScriptsTable {
  question_type_id: number;
  script_uk: string;
  script_en: string | null;
  updated_by: number;
  updated_at: Timestamp;
}

export interface ConsultationAnswersTable {
  id: Generated<number>;
  appeal_id: number;
  article_id: number | null;
  note: string | null;
  recorded_by: number | null;
  recorded_at: Timestamp;
}

export interface CallbackSurveysTable {
  id: Generated<number>;
  appeal_id: number;
  reason: string;
  state: Generated<string>;
  tries: Generated<number>;
  last_try_at: NullableTimestamp;
  reached: boolean | null;
  solved: boolean | null;
  satisfaction: number | null;
  would_call_again: boolean | null;
  comment: string | null;
  completed_by: number | null;
  completed_at: NullableTimestamp;
  queued_at: Timestamp;
}

export interface CallbackAttemptsTable {
  id: Generated<number>;
  survey_id: number;
  reached: boolean;
  called_by: number | null;
  called_at: Timestamp;
}

export interface CallbackRefusalsTable {
  applicant_id: number;
  recorded_by: number | null;
  recorded_at: Timestamp;
}

/** Emergencies and planned works (issue 16, migration 0019, ADR 035). */
export interface WorksTable {
  id: Generated<number>;
  kind: 'emergency' | 'planned' | 'outage';
  service: string;
  status: Generated<'planned' | 'active' | 'closed'>;
  area: Json;
  starts_at: Timestamp;
  expected_end_at: Timestamp;
  actual_end_at: NullableTimestamp;
  reason: string;
  organisation_id: number | null;
  organisation_name: string | null;
  public_text_uk: string;
  public_text_en: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  created_by: number | null;
  overdue_notified_for: NullableTimestamp;
}

export interface WorkBuildingsTable {
  building_id: number;
  work_id: number;
}

export interface WorkEventsTable {
  id: Generated<number>;
  work_id: number;
  at: Timestamp;
  actor_id: number | null;
  actor_label: string;
  action: string;
  before: Json;
  after: Json;
}

export interface WorkInformedTable {
  id: Generated<number>;
  work_id: number;
  at: Timestamp;
  channel: 'phone' | 'portal';
  building_id: number | null;
  actor_id: number | null;
}

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

export interface DB {
  organisations: OrganisationsTable;
  classifier_kinds: ClassifierKindsTable;
  question_types: QuestionTypesTable;
  routing_rules: RoutingRulesTable;
  users: UsersTable;
  sessions: SessionsTable;
  api_tokens: ApiTokensTable;
  applicants: ApplicantsTable;
  registration_counters: RegistrationCountersTable;
  monitoring_snapshots: MonitoringSnapshotsTable;
  appeals: AppealsTable;
  appeal_registration_keys: AppealRegistrationKeysTable;
  assignments: AssignmentsTable;
  responses: ResponsesTable;
  reviews: ReviewsTable;
  attachments: AttachmentsTable;
  appeal_events: AppealEventsTable;
  notified_events: NotifiedEventsTable;
  appeal_history_heads: AppealHistoryHeadsTable;
  audit_log: AuditLogTable;
  audit_log_head: AuditLogHeadTable;
  login_throttle: LoginThrottleTable;
  rate_limit_hits: RateLimitHitsTable;
  file_chunks: FileChunksTable;
  settings: SettingsTable;
  extension_requests: ExtensionRequestsTable;
  explanation_requests: ExplanationRequestsTable;
  notifications: NotificationsTable;
  work_calendars: WorkCalendarsTable;
  open311_api_keys: Open311ApiKeysTable;
  submissions: SubmissionsTable;
  tracking_attempts: TrackingAttemptsTable;
  appeal_feedback: AppealFeedbackTable;
  organisation_districts: OrganisationDistrictsView;
  districts: DistrictsTable;
  streets: StreetsTable;
  street_names: StreetNamesTable;
  street_districts: StreetDistrictsTable;
  buildings: BuildingsTable;
  address_routing_rules: AddressRoutingRulesTable;
  registry_edits: RegistryEditsTable;
  knowledge_articles: KnowledgeArticlesTable;
  knowledge_article_question_types: KnowledgeArticleQuestionTypesTable;
  knowledge_article_organisations: KnowledgeArticleOrganisationsTable;
  knowledge_article_versions: KnowledgeArticleVersionsTable;
  knowledge_editors: KnowledgeEditorsTable;
  question_type_scripts: QuestionTypeScriptsTable;
  consultation_answers: ConsultationAnswersTable;
  callback_surveys: CallbackSurveysTable;
  callback_attempts: CallbackAttemptsTable;
  callback_refusals: CallbackRefusalsTable;
  // issue 16
  works: WorksTable;
  work_buildings: WorkBuildingsTable;
  work_events: WorkEventsTable;
  work_informed: WorkInformedTable;
  notification_templates: NotificationTemplatesTable;
  applicant_merges: ApplicantMergesTable;
  controller_duties: ControllerDutiesTable;
  operator_duties: OperatorDutiesTable;
  operator_extensions: OperatorExtensionsTable;
  calls: CallsTable;
  call_events: CallEventsTable;
  call_appeals: CallAppealsTable;
  operator_presence: OperatorPresenceTable;
  mail_messages: MailMessagesTable;
  // issue 16: mass appeals (migration 0027)
  mass_appeals: MassAppealsTable;
  mass_appeal_members: MassAppealMembersTable;
  // issue 18: live monitoring (migration 0031)
  appeal_hour_counts: AppealHourCountsTable;
  monitoring_alerts: MonitoringAlertsTable;
  morning_digests: MorningDigestsTable;
}

export type AppealRow = Selectable<AppealsTable>;
export type NewAppealRow = Insertable<AppealsTable>;
export type AssignmentRow = Selectable<AssignmentsTable>;
export type UserRow = Selectable<UsersTable>;
