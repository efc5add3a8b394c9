/**
 * The database's shape for Kysely: `DB` names every table and view. The tables' interfaces are
 * written to match `migrations/*.sql` and live by area in `tables/*.tables.ts` (the appeal's core,
 * operations, the registries, monitoring and the rest); they are re-exported here, so importers
 * use this module. `Generated<T>` marks columns the database fills (identity, defaults). Columns
 * holding a closed list of the domain (status, state, role, channel, kind…) carry its union, so
 * reads need no casts and writes are checked.
 */
import type { Insertable, Selectable } from 'kysely';
import type { SavedReportsTable, ScheduledReportRunsTable } from './tables/reports.tables.js';
import type {
  OrganisationsTable,
  ClassifierKindsTable,
  QuestionTypesTable,
  RoutingRulesTable,
  UsersTable,
  SessionsTable,
  ApiTokensTable,
  ApplicantsTable,
  RegistrationCountersTable,
  AppealsTable,
  AssignmentsTable,
  ResponsesTable,
  ReviewsTable,
  AttachmentsTable,
  NotifiedEventsTable,
  AppealEventsTable,
  AppealHistoryHeadsTable,
  AppealDeadlineMarksTable,
} from './tables/core.tables.js';
import type {
  AuditLogTable,
  AuditLogHeadTable,
  LoginThrottleTable,
  RateLimitHitsTable,
  FileChunksTable,
  SettingsTable,
  ExtensionRequestsTable,
  ExplanationRequestsTable,
  NotificationsTable,
  WorkCalendarsTable,
  Open311ApiKeysTable,
  SubmissionsTable,
  TrackingAttemptsTable,
  AppealFeedbackTable,
  OrganisationDistrictsView,
  MonitoringSnapshotsTable,
  AppealRegistrationKeysTable,
} from './tables/operations.tables.js';
import type {
  DistrictsTable,
  StreetsTable,
  StreetNamesTable,
  StreetDistrictsTable,
  BuildingsTable,
  RegistryEditsTable,
  AddressRoutingRulesTable,
  KnowledgeArticlesTable,
  KnowledgeArticleQuestionTypesTable,
  KnowledgeArticleOrganisationsTable,
  KnowledgeArticleVersionsTable,
  KnowledgeEditorsTable,
  QuestionTypeScriptsTable,
  ConsultationAnswersTable,
  CallbackSurveysTable,
  CallbackAttemptsTable,
  CallbackRefusalsTable,
  WorksTable,
  WorkBuildingsTable,
  WorkEventsTable,
  WorkInformedTable,
} from './tables/registry.tables.js';
import type {
  AppealHourCountsTable,
  MonitoringAlertsTable,
  MorningDigestsTable,
  MassAppealsTable,
  MassAppealMembersTable,
  NotificationTemplatesTable,
  ApplicantMergesTable,
  ControllerDutiesTable,
  OperatorDutiesTable,
  OperatorExtensionsTable,
  CallsTable,
  CallEventsTable,
  CallAppealsTable,
  OperatorPresenceTable,
  MailMessagesTable,
} from './tables/monitoring.tables.js';

export type * from './tables/core.tables.js';
export type * from './tables/operations.tables.js';
export type * from './tables/registry.tables.js';
export type * from './tables/monitoring.tables.js';
export type * from './tables/reports.tables.js';

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
  appeal_deadline_marks: AppealDeadlineMarksTable;
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
  // issue 17, item 2: saved reports and their scheduled runs (migration 0036)
  saved_reports: SavedReportsTable;
  scheduled_report_runs: ScheduledReportRunsTable;
}

export type AppealRow = Selectable<AppealsTable>;
export type NewAppealRow = Insertable<AppealsTable>;
export type AssignmentRow = Selectable<AssignmentsTable>;
export type UserRow = Selectable<UsersTable>;
