/**
 * The bulk load on an empty PostgreSQL database (module doc of `generate-appeals.ts`): secondary
 * indexes and foreign keys dropped before the rows and built again after them, in one transaction.
 */
import type { RunStatement } from './sinks.js';
import { ID_TABLES } from './generator-tables.js';

/**
 * The triggers on assignments whose work the generator does itself: the one that keeps
 * `appeals.main_executor_id` (migration 0038) and the one that copies the privileged sign (0043).
 */
const ASSIGNMENT_TRIGGERS = ['assignments_main_executor', 'assignments_privileged'];

/** Tables a bulk load fills: their secondary indexes and foreign keys are built after it. */
const BULK_TABLES = [...ID_TABLES, 'appeal_events'] as const;

/** Index and foreign-key definitions dropped before a bulk load, to build again after it. */
export interface DeferredDefinitions {
  indexes: { name: string; definition: string }[];
  foreignKeys: { table: string; name: string; definition: string }[];
}

/**
 * In the bulk load's transaction: lock the tables, make sure they are still empty, and drop their
 * indexes that back no constraint (primary keys and unique constraints stay) and their foreign keys.
 *
 * @throws Error when a table is no longer empty (another process wrote meanwhile).
 */
export async function dropDeferrable(run: RunStatement): Promise<DeferredDefinitions> {
  await run(`LOCK TABLE ${BULK_TABLES.join(', ')} IN ACCESS EXCLUSIVE MODE`, []);
  for (const table of BULK_TABLES) {
    const rows = await run(`SELECT EXISTS (SELECT 1 FROM ${table}) AS filled`, []);
    if ((rows[0] as { filled: boolean }).filled) {
      throw new Error(
        `Rows were added to ${table} while generating: run the generator on a quiet database (stop the server).`,
      );
    }
  }
  const tables = [...BULK_TABLES];
  const indexes = (await run(
    `SELECT i.indexrelid::regclass::text AS name, pg_get_indexdef(i.indexrelid) AS definition
       FROM pg_index i
      WHERE i.indrelid = ANY($1::text[]::regclass[]) AND NOT i.indisprimary
        AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid)
      ORDER BY 1`,
    [tables],
  )) as DeferredDefinitions['indexes'];
  const foreignKeys = (await run(
    `SELECT conrelid::regclass::text AS table, quote_ident(conname) AS name,
            pg_get_constraintdef(oid) AS definition
       FROM pg_constraint
      WHERE contype = 'f' AND conrelid = ANY($1::text[]::regclass[])
      ORDER BY 1, 2`,
    [tables],
  )) as DeferredDefinitions['foreignKeys'];
  for (const fk of foreignKeys) await run(`ALTER TABLE ${fk.table} DROP CONSTRAINT ${fk.name}`, []);
  for (const index of indexes) await run(`DROP INDEX ${index.name}`, []);
  // The generator writes each appeal's main executor and each assignment's privileged sign itself;
  // the triggers would look them up per assignment row (the main executor's with the assignments'
  // index dropped).
  for (const trigger of ASSIGNMENT_TRIGGERS)
    await run(`ALTER TABLE assignments DISABLE TRIGGER ${trigger}`, []);
  return { indexes, foreignKeys };
}

/** Build the dropped indexes (with more sort memory) and validate and add the foreign keys. */
export async function rebuildDeferred(
  run: RunStatement,
  deferred: DeferredDefinitions,
): Promise<void> {
  await run(`SET LOCAL maintenance_work_mem = '512MB'`, []);
  for (const index of deferred.indexes) await run(index.definition, []);
  for (const fk of deferred.foreignKeys) {
    await run(`ALTER TABLE ${fk.table} ADD CONSTRAINT ${fk.name} ${fk.definition}`, []);
  }
  for (const trigger of ASSIGNMENT_TRIGGERS)
    await run(`ALTER TABLE assignments ENABLE TRIGGER ${trigger}`, []);
}
