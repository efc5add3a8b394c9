/**
 * A data folder for a spawned `kontakt` process on the embedded engine, holding a copy of the run's
 * migrated and seeded template (test/global-setup.ts): the process finds its migrations applied.
 * Migrating from nothing costs ~20 s of PGlite per process on a busy machine; migrating an empty
 * store is what `test/ops/migrate-dry-run.test.ts` and the ops suites' fresh stores test.
 */
import { readFile } from 'node:fs/promises';
import { inject } from 'vitest';
import { openDatabase } from '../src/server/db/database.js';

/** Fills `dataDir` (its `pglite/` folder, as the server opens it) with the template. */
export async function copyTemplateInto(dataDir: string): Promise<void> {
  const template = await readFile(inject('pgliteTemplatePath'));
  const copy = await openDatabase({ dataDir, loadDataDir: new Blob([template]) });
  await copy.close();
}
