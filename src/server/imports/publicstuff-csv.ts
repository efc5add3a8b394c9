/**
 * Import of PublicStuff service requests exported as CSV, as in
 * `shared/data/service-requests/nyc-publicstuff-2010-2018.csv` (New York City, 2010–2018; columns
 * ID, Title, Description, Status, Address, Location, Zip Code, Date Created, Num Of Comments,
 * Num Of Followers, Num Of Supporters, Latitude, Longitude, Rank). The file is streamed (csv-parse),
 * quoted fields may span lines, and every problem names the file line where its row starts.
 *
 * | column | becomes |
 * |---|---|
 * | ID | `appeals.source_id` (source `publicstuff`); a repeated ID in the file is skipped (`duplicate_id`) |
 * | Title | question type of the kind «Імпорт: PublicStuff (Нью-Йорк)» (found by name, case-insensitive, or created) |
 * | Description | description; empty → the Title |
 * | Status | status and result (table below) |
 * | Address, Location, Zip Code | address text (below) |
 * | Date Created | received_at: Unix seconds (a value above 10^11 is taken as milliseconds) |
 * | Latitude, Longitude | the point, when both are numbers in range and not 0,0; otherwise none and a note |
 *
 * | Status | status | result |
 * |---|---|---|
 * | submitted, received | registered | — |
 * | in progress | in_work | — |
 * | completed | closed | done_awaiting_confirmation (nobody confirmed it with the applicant) |
 * | other | closed | acknowledged |
 * | anything else | registered | — (noted as `unknown_status`) |
 *
 * Every appeal is an application of an individual on the `mobile_app` channel. The file names no
 * executor and the kind is new, so no routing rule applies: appeals get no assignment. The closing
 * time is not in the file: a closed appeal's `closed_at` is its `Date Created`.
 *
 * Addresses: en and em dashes become `-`, spaces are squeezed. An address without a comma and not
 * ending in a ZIP code (a bare street line such as «50-51 98th St») is completed with the Location
 * and the ZIP code; a ZIP code
 * that lost its leading zero («8861») is padded to five digits («08861»); «0» means no ZIP code.
 * Full addresses («1382 Dumont Ave, Brooklyn, NY 11208, USA») are kept as written (their ZIP column
 * is often a placeholder, 10019).
 */
import type { Deps, SystemActor } from '../context.js';
import {
  createImportSummary,
  fileProblem,
  type ImportSummary,
  noteProblem,
  skipRecord,
} from './import-summary.js';
import type { ImportRunOptions } from './imported-appeal.js';
import { ImportedAppealWriter } from './imported-appeal-writer.js';
import { ImportReferences } from './import-references.js';
import { readCsvRows } from './csv-rows.js';
import {
  mapPublicStuffStatus,
  parsePoint,
  parseUnixTime,
  publicStuffAddress,
  zipCode,
} from './publicstuff-fields.js';

/** `appeals.source` of appeals imported from PublicStuff. */
export const PUBLICSTUFF_SOURCE = 'publicstuff';
/** The classifier kind every PublicStuff title is filed under. */
export const PUBLICSTUFF_KIND = 'Імпорт: PublicStuff (Нью-Йорк)';
const ACTOR: SystemActor = { kind: 'system', label: 'import:publicstuff' };

const REQUIRED_COLUMNS = ['id', 'title', 'status', 'date created'] as const;
type ColumnName =
  | (typeof REQUIRED_COLUMNS)[number]
  | 'description'
  | 'address'
  | 'location'
  | 'zip code'
  | 'latitude'
  | 'longitude';

/**
 * Import a PublicStuff CSV export (see the module doc for the mapping). Rows already imported
 * (same ID) are skipped, so the same file may be imported again.
 *
 * @param filePath the CSV file (UTF-8, header row first).
 * @returns the summary: rows read, imported, skipped by reason (`already_imported`, `duplicate_id`,
 *   `wrong_column_count`, `csv_error`, `missing_id`, `missing_date`, `bad_date`), notes
 *   (`invalid_coordinates`, `invalid_zip`, `unknown_status`), problems with their CSV line. A header
 *   without the ID, Title, Status and Date Created columns sets `fatal` and imports nothing.
 * @throws the file system's error when the file cannot be read; database errors (batches written
 *   before stay; a second run skips them).
 */
export async function importPublicStuffCsv(
  deps: Deps,
  filePath: string,
  run: ImportRunOptions = {},
): Promise<ImportSummary> {
  const started = performance.now();
  const summary = createImportSummary('publicstuff-csv', filePath);
  // Another city's requests: kept for the staff (and the benchmarks), not offered or published
  // on this city's portal.
  const refs = new ImportReferences(deps.db, summary, { publicQuestionTypes: false });
  const writer = new ImportedAppealWriter(
    deps,
    { source: PUBLICSTUFF_SOURCE, actor: ACTOR, signal: run.signal },
    summary,
  );

  let columns: Map<ColumnName, number> | null = null;
  let width = 0;
  let kindId = 0;
  const seen = new Map<string, number>();

  const rows = readCsvRows(filePath, (line, detail) => {
    summary.read++;
    skipRecord(summary, { line, reason: 'csv_error', detail });
  });
  for await (const { line, record } of rows) {
    if (!columns) {
      columns = new Map();
      record.forEach((name, i) => columns!.set(name.trim().toLowerCase() as ColumnName, i));
      width = record.length;
      const missing = REQUIRED_COLUMNS.filter((c) => !columns!.has(c));
      if (missing.length > 0) {
        summary.fatal = `the header lacks the column(s) ${missing.join(', ')}`;
        fileProblem(summary, {
          line,
          reason: 'missing_columns',
          detail: `header: ${record.join(',')}`,
        });
        break;
      }
      kindId = await refs.kindId(PUBLICSTUFF_KIND);
      continue;
    }

    summary.read++;
    const get = (name: ColumnName): string => {
      const i = columns!.get(name);
      return i === undefined ? '' : (record[i] ?? '');
    };
    if (record.length !== width) {
      skipRecord(summary, {
        line,
        reason: 'wrong_column_count',
        detail: `expected ${width} fields, found ${record.length}`,
      });
      continue;
    }
    const id = get('id').trim();
    if (id === '') {
      skipRecord(summary, { line, reason: 'missing_id', detail: 'empty ID' });
      continue;
    }
    const firstLine = seen.get(id);
    if (firstLine !== undefined) {
      skipRecord(summary, {
        line,
        reason: 'duplicate_id',
        detail: `ID ${id} was already read on line ${firstLine}`,
      });
      continue;
    }
    seen.set(id, line);
    const dateText = get('date created');
    if (dateText.trim() === '') {
      skipRecord(summary, { line, reason: 'missing_date', detail: `ID ${id}: empty Date Created` });
      continue;
    }
    const receivedAt = parseUnixTime(dateText);
    if (!receivedAt) {
      skipRecord(summary, {
        line,
        reason: 'bad_date',
        detail: `ID ${id}: Date Created ${JSON.stringify(dateText)} is not Unix seconds`,
      });
      continue;
    }

    let mapped = mapPublicStuffStatus(get('status'));
    if (!mapped) {
      noteProblem(summary, {
        line,
        reason: 'unknown_status',
        detail: `ID ${id}: Status ${JSON.stringify(get('status'))} imported as registered`,
      });
      mapped = { status: 'registered', result: null };
    }
    const point = parsePoint(get('latitude'), get('longitude'));
    if (!point && (get('latitude').trim() !== '' || get('longitude').trim() !== '')) {
      noteProblem(summary, {
        line,
        reason: 'invalid_coordinates',
        detail: `ID ${id}: Latitude ${JSON.stringify(get('latitude'))}, Longitude ${JSON.stringify(get('longitude'))}`,
      });
    }
    const zip = zipCode(get('zip code'));
    if (zip.invalid) {
      noteProblem(summary, {
        line,
        reason: 'invalid_zip',
        detail: `ID ${id}: Zip Code ${JSON.stringify(get('zip code'))} ignored`,
      });
    }
    const title = get('title').replace(/\s+/g, ' ').trim() || 'Без назви';
    const description = get('description').replace(/\r\n?/g, '\n').trim() || title;

    await writer.add({
      sourceId: id,
      line,
      receivedAt,
      channel: 'mobile_app',
      kind: 'application',
      subject: 'individual',
      questionTypeId: await refs.questionTypeId(kindId, title),
      description,
      address: publicStuffAddress(get('address'), get('location'), zip.zip),
      latitude: point?.latitude ?? null,
      longitude: point?.longitude ?? null,
      status: mapped.status,
      result: mapped.result,
      executorId: null,
      closedAt: mapped.status === 'closed' ? receivedAt : null,
      originalStatus: get('status'),
      originalResult: null,
      extra: { title: get('title'), zipCode: get('zip code') },
    });
  }
  await writer.flush();
  if (!columns && !summary.fatal) {
    summary.fatal = 'the file is empty (no header row)';
    fileProblem(summary, { line: 1, reason: 'empty_file', detail: 'no header row' });
  }
  summary.durationMs = Math.round(performance.now() - started);
  return summary;
}
