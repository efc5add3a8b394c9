/**
 * Kysely types of the assistance tables (migration 0009), and the database handle that knows them.
 * Kept beside the assistance code (`db.withTables`) rather than in db/schema.ts so the domain stays
 * in one folder.
 */
import type { ColumnType, Generated, Kysely } from 'kysely';
import type { DB } from '../db/schema.js';

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type Json = ColumnType<unknown, string, string>;

export interface AssistModelsTable {
  id: Generated<number>;
  trained_at: Timestamp;
  history_appeals: number;
  seed_documents: number;
  question_types: number;
  features: number;
  took_ms: number;
  model: Json;
}

export interface BoilerplatePhrasesTable {
  id: Generated<number>;
  phrase: string;
  match_key: string;
  created_by: number | null;
  created_at: Timestamp;
}

export interface ResponseFlagsTable {
  id: Generated<number>;
  response_id: number;
  appeal_id: number;
  executor_id: number;
  reason: 'near_copy' | 'boilerplate' | 'off_subject';
  details: ColumnType<Record<string, unknown>, string | undefined, string>;
  created_at: Timestamp;
}

// A type alias (not an interface): `withTables` needs an index-compatible record type.
export type AssistTables = {
  assist_models: AssistModelsTable;
  boilerplate_phrases: BoilerplatePhrasesTable;
  response_flags: ResponseFlagsTable;
};

export type AssistDB = DB & AssistTables;

/** The handle (or transaction) `db` typed with the assistance tables too. */
export function assistDb(db: Kysely<DB>): Kysely<AssistDB> {
  return db.withTables<AssistTables>();
}
