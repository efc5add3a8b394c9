/**
 * What the address importers share (`import-addresses.ts`): the cities' names, reading a GeoJSON
 * file's features and a CSV file of the register, the street and street-name rows, and writing
 * rows in batches of 2,000 through one `jsonb_to_recordset` parameter (each row carries a
 * `source_key`; a second run inserts nothing).
 */
import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { sql, type Kysely } from 'kysely';
import type { DB } from '../db/schema.js';
import type { ImportSummary } from '../imports/import-summary.js';

export const KHARKIV = 'Харків';
export const LVIV = 'Львів';
const BATCH = 2000;

/** The features of a GeoJSON file, or null with `summary.fatal` set when the file is not JSON. */
export function readGeoJsonFeatures<F>(file: string, summary: ImportSummary): F[] | null {
  try {
    return (JSON.parse(readFileSync(file, 'utf8')) as { features?: F[] }).features ?? [];
  } catch (error) {
    summary.fatal = `not a GeoJSON file: ${(error as Error).message}`;
    return null;
  }
}

/** The rows of a register's CSV file by column name (a BOM, short rows and empty lines allowed). */
export function readCsvRecords(file: string): Record<string, string>[] {
  return parse<Record<string, string>>(readFileSync(file), {
    bom: true,
    columns: true,
    relax_column_count: true,
    skip_empty_lines: true,
  });
}

/**
 * Run `statement` over `rows` in batches (each batch one JSON parameter).
 *
 * @returns how many rows the statements returned (the ones inserted).
 */
export async function insertBatch(
  db: Kysely<DB>,
  statement: (json: string) => ReturnType<typeof sql<{ id: number }>>,
  rows: readonly object[],
  signal?: AbortSignal,
): Promise<number> {
  let inserted = 0;
  for (let i = 0; i < rows.length; i += BATCH) {
    // A shutdown stops the import between batches; what was written stays (a rerun completes it).
    signal?.throwIfAborted();
    const result = await statement(JSON.stringify(rows.slice(i, i + BATCH))).execute(db);
    inserted += result.rows.length;
  }
  return inserted;
}

export interface StreetRow {
  source_key: string;
  city: string;
  type: string | null;
  name: string;
}
export interface NameRow {
  source_key: string;
  type: string | null;
  name: string;
  name_key: string;
  is_current: boolean;
  valid_from: string | null;
  valid_to: string | null;
  period_text: string | null;
}

/** Insert streets, then their names (joined to their street by `source_key`). */
export async function insertStreets(
  db: Kysely<DB>,
  streets: readonly StreetRow[],
  names: readonly NameRow[],
): Promise<{ streets: number; names: number }> {
  const streetCount = await insertBatch(
    db,
    (json) => sql<{ id: number }>`
      INSERT INTO streets (city, type, name, source_key)
      SELECT r.city, r.type, r.name, r.source_key
        FROM jsonb_to_recordset(${json}::jsonb) AS r(city text, type text, name text, source_key text)
      ON CONFLICT (source_key) DO NOTHING
      RETURNING id`,
    streets,
  );
  const nameCount = await insertBatch(
    db,
    (json) => sql<{ id: number }>`
      INSERT INTO street_names (street_id, type, name, name_key, is_current, valid_from, valid_to,
                                period_text)
      SELECT s.id, r.type, r.name, r.name_key, r.is_current, r.valid_from::date, r.valid_to::date,
             r.period_text
        FROM jsonb_to_recordset(${json}::jsonb)
          AS r(source_key text, type text, name text, name_key text, is_current boolean,
               valid_from text, valid_to text, period_text text)
        JOIN streets s ON s.source_key = r.source_key
      ON CONFLICT DO NOTHING
      RETURNING id`,
    names,
  );
  return { streets: streetCount, names: nameCount };
}
