/**
 * `kontakt import addresses DIR`: the address registry from the shared real files (issue 15,
 * `shared/data/README.md`, "Address registry data"):
 *
 * - `kharkiv/districts.geojson`: the 9 districts; `NAME_UA` holds the pre-2016 name and `NAME_LAT`
 *   the current one transliterated, so the current Ukrainian name comes from `CURRENT_DISTRICT_NAMES`
 *   and the old one is kept as a former name.
 * - `kharkiv/streets.csv`: registry streets (current name and type) joined to the 1562 contact
 *   centre's dictionary, whose brackets hold former names (unbalanced brackets, glued types,
 *   district abbreviations, nonsense names `0`/`4` coped with).
 * - `kharkiv/addresses.csv` (77,390 rows): buildings; retired rows (status 3), land plots, garages
 *   and sections (not buildings), duplicate keys and unreadable house numbers are skipped and
 *   counted; a point in no district is imported and noted.
 * - `lviv/street-name-history.geojson`: Lviv's streets with every dated former name.
 *
 * Idempotent: every row carries a `source_key`; a second run inserts nothing and counts
 * `already_imported`. Rows go in batches of 2,000 through one `jsonb_to_recordset` parameter.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Kysely } from 'kysely';
import type { Deps } from '../context.js';
import type { DB } from '../db/schema.js';
import { createImportSummary, fileProblem, type ImportSummary } from '../imports/import-summary.js';
import { bumpRegistryVersion } from './registry-version.js';
import { KHARKIV } from './import-addresses-steps.js';
import { importKharkivDistricts } from './import-districts.js';
import { importKharkivStreets } from './import-streets.js';
import { importKharkivBuildings } from './import-buildings.js';
import { importLvivHistory } from './import-street-history.js';

/**
 * Import the address registry from `dir` (the shared `addresses/` folder, holding `kharkiv/` and
 * `lviv/`; either may be absent). Sets the registry's city (`address_city`) to Kharkiv when none
 * is set and Kharkiv's buildings were found.
 *
 * @returns one summary for the folder: totals, skips and notes by `file:reason`, and each file's
 *   own summary in `parts`.
 */
export async function importAddresses(
  deps: Deps,
  dir: string,
  options: { signal?: AbortSignal } = {},
): Promise<ImportSummary> {
  const started = performance.now();
  const summary = createImportSummary('addresses', dir);
  const steps: [
    string,
    (db: Kysely<DB>, file: string, signal?: AbortSignal) => Promise<ImportSummary>,
  ][] = [
    ['kharkiv/districts.geojson', importKharkivDistricts],
    ['kharkiv/streets.csv', importKharkivStreets],
    ['kharkiv/addresses.csv', importKharkivBuildings],
    ['lviv/street-name-history.geojson', importLvivHistory],
  ];
  const parts: ImportSummary[] = [];
  for (const [relative, step] of steps) {
    const file = join(dir, relative);
    if (!existsSync(file)) {
      fileProblem(summary, { line: 0, reason: 'file_missing', detail: relative });
      continue;
    }
    options.signal?.throwIfAborted();
    const t = performance.now();
    let part: ImportSummary;
    try {
      part = await step(deps.db, file, options.signal);
    } catch (error) {
      if (options.signal?.aborted) throw error;
      part = createImportSummary(`addresses: ${relative}`, file);
      part.fatal = (error as Error).message;
    }
    part.durationMs = Math.round(performance.now() - t);
    parts.push(part);
    summary.read += part.read;
    summary.imported += part.imported;
    summary.problemCount += part.problemCount;
    const name = relative.replace(/^.*\//, '').replace(/\..*$/, '');
    for (const [reason, n] of Object.entries(part.skipped))
      summary.skipped[`${name}:${reason}`] = n;
    for (const [reason, n] of Object.entries(part.notes)) summary.notes[`${name}:${reason}`] = n;
    if (part.fatal) summary.fatal = `${relative}: ${part.fatal}`;
  }
  summary.parts = parts;
  if (existsSync(join(dir, 'kharkiv/addresses.csv'))) {
    await deps.db
      .insertInto('settings')
      .values({ key: 'address_city', value: JSON.stringify(KHARKIV) })
      .onConflict((oc) => oc.column('key').doNothing())
      .execute();
  }
  await bumpRegistryVersion(deps.db);
  summary.durationMs = Math.round(performance.now() - started);
  return summary;
}
