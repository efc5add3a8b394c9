/**
 * The address registry (districts, streets and their names, buildings, edits, address routing),
 * the knowledge base and call-backs (issue 19), and emergencies and planned works (issue 16). Part
 * of the database's shape (`../schema.ts` composes `DB`); written to match `migrations/*.sql`.
 */
import type { ColumnType, Generated } from 'kysely';
import type { Json, NullableTimestamp, Timestamp } from './columns.js';

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
