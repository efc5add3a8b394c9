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
import { createReadStream } from 'node:fs';
import { pipeline, Transform, type TransformCallback } from 'node:stream';
import { type CsvError, type Info, type Parser, parse } from 'csv-parse';
import type { AppealStatus } from '../../domain/vocabulary.js';
import type { ResultCode } from '../../domain/results.js';
import type { Deps, SystemActor } from '../context.js';
import {
  createImportSummary,
  fileProblem,
  type ImportSummary,
  noteProblem,
  skipRecord,
} from './import-summary.js';
import {
  ImportReferences,
  ImportedAppealWriter,
  type ImportRunOptions,
} from './imported-appeal.js';

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

/** Our status and result of a PublicStuff status (module doc); null when the status is unknown. */
export function mapPublicStuffStatus(
  status: string,
): { status: AppealStatus; result: ResultCode | null } | null {
  switch (status.replace(/\s+/g, ' ').trim().toLowerCase()) {
    case 'submitted':
    case 'received':
      return { status: 'registered', result: null };
    case 'in progress':
      return { status: 'in_work', result: null };
    case 'completed':
      return { status: 'closed', result: 'done_awaiting_confirmation' };
    case 'other':
      return { status: 'closed', result: 'acknowledged' };
    default:
      return null;
  }
}

/**
 * A US ZIP code from the CSV column: five digits (or ZIP+4) as is, three or four digits padded with
 * the leading zeros they lost, «0» or empty → null; anything else is `invalid`.
 */
export function zipCode(text: string): { zip: string | null; invalid: boolean } {
  const t = text.trim();
  if (t === '' || /^0+$/.test(t)) return { zip: null, invalid: false };
  if (/^\d{5}(-\d{4})?$/.test(t)) return { zip: t, invalid: false };
  if (/^\d{3,4}$/.test(t)) return { zip: t.padStart(5, '0'), invalid: false };
  return { zip: null, invalid: true };
}

/** Address text (module doc): dashes and spaces normalised, a bare street line completed. */
export function publicStuffAddress(
  address: string,
  location: string,
  zip: string | null,
): string | null {
  const clean = (s: string) =>
    s
      .replace(/[\u2012-\u2015\u2212]/g, '-')
      .replace(/\s+/g, ' ')
      .replace(/\s+,/g, ',')
      .trim();
  const street = clean(address);
  if (street === '') return null;
  if (street.includes(',') || /\b\d{5}(-\d{4})?$/.test(street)) return street;
  const place = clean(location);
  const tail = [place, zip].filter((s): s is string => !!s).join(' ');
  return tail ? `${street}, ${tail}` : street;
}

/** Unix seconds (or milliseconds above 10^11) → the instant; null when not a positive number. */
export function parseUnixTime(text: string): Date | null {
  const t = text.trim();
  if (!/^\d+(\.\d+)?$/.test(t)) return null;
  const n = Number(t);
  if (!(n > 0)) return null;
  const date = new Date(n > 1e11 ? n : n * 1000);
  return Number.isNaN(date.getTime()) ? null : date;
}

/** A point when both coordinates are numbers in range and not the 0,0 placeholder. */
export function parsePoint(
  latitude: string,
  longitude: string,
): { latitude: number; longitude: number } | null {
  if (latitude.trim() === '' || longitude.trim() === '') return null;
  const lat = Number(latitude);
  const lon = Number(longitude);
  if (!Number.isFinite(lat) || !Number.isFinite(lon)) return null;
  if (lat < -90 || lat > 90 || lon < -180 || lon > 180 || (lat === 0 && lon === 0)) return null;
  return { latitude: lat, longitude: lon };
}

function countNewlines(text: string): number {
  let n = 0;
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) n++;
  return n;
}

/**
 * Line numbers of byte offsets of a streamed file. csv-parse's own line count is off when a quoted
 * field holds a CRLF, so the file's newlines are counted here as it streams through `tap`; the
 * positions behind the importer's progress are forgotten to keep memory flat.
 */
class LineIndex {
  /** Offsets of the newlines not yet forgotten, and whether the line each one ends is blank. */
  private positions: number[] = [];
  private blank: boolean[] = [];
  private forgotten = 0;
  private seen = 0;
  private lineStart = 0;
  private lastByte = -1;

  /** A pass-through stream that records the newlines of what flows through it. */
  tap(): Transform {
    return new Transform({
      transform: (chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback) => {
        for (let i = chunk.indexOf(10); i >= 0; i = chunk.indexOf(10, i + 1)) {
          const at = this.seen + i;
          const before = i > 0 ? chunk[i - 1] : this.lastByte;
          const length = at - this.lineStart;
          this.positions.push(at);
          this.blank.push(length === 0 || (length === 1 && before === 13));
          this.lineStart = at + 1;
        }
        this.seen += chunk.length;
        if (chunk.length > 0) this.lastByte = chunk[chunk.length - 1]!;
        done(null, chunk);
      },
    });
  }

  /** Index of the first remembered newline at or after byte `at`. */
  private firstFrom(at: number): number {
    let lo = 0;
    let hi = this.positions.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.positions[mid]! < at) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** 1-based line of the byte at offset `at`. */
  lineOf(at: number): number {
    return 1 + this.forgotten + this.firstFrom(at);
  }

  /** 1-based line of the first non-blank line starting at or after the line start `at`. */
  firstNonBlankLineFrom(at: number): number {
    let i = this.firstFrom(at);
    while (i < this.positions.length && this.blank[i]) i++;
    return 1 + this.forgotten + i;
  }

  /** Forget the newlines before byte `at` (nothing before it will be asked again). */
  forgetBefore(at: number): void {
    const n = this.firstFrom(at);
    if (n < 4096) return;
    this.positions.splice(0, n);
    this.blank.splice(0, n);
    this.forgotten += n;
  }
}

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

  const lines = new LineIndex();
  /** Byte offset where the last record the parser accepted ends (the next one starts there). */
  let parsedUpTo = 0;
  const parser: Parser = parse({
    bom: true,
    info: true,
    relax_column_count: true,
    relax_quotes: true,
    skip_empty_lines: true,
    skip_records_with_error: true,
    on_record: (record: string[], context) => {
      parsedUpTo = context.bytes;
      return record;
    },
    on_skip: (error: CsvError | undefined) => {
      summary.read++;
      skipRecord(summary, {
        line: lines.firstNonBlankLineFrom(parsedUpTo),
        reason: 'csv_error',
        detail:
          error?.code === 'CSV_QUOTE_NOT_CLOSED'
            ? 'a quote opened here is never closed: the rest of the file could not be read'
            : (error?.message ?? 'unreadable row'),
      });
      return undefined;
    },
  });
  // Errors (an unreadable file) reach the loop below through the parser, which pipeline destroys.
  pipeline(createReadStream(filePath), lines.tap(), parser, () => {});

  let columns: Map<ColumnName, number> | null = null;
  let width = 0;
  let kindId = 0;
  const seen = new Map<string, number>();

  for await (const chunk of parser as AsyncIterable<{ info: Info; record: string[] }>) {
    const { info, record } = chunk;
    let embedded = 0;
    for (const value of record) embedded += countNewlines(value);
    // The record ends at info.bytes (after its newline): its last line less the newlines inside it.
    const line = lines.lineOf(Math.max(0, info.bytes - 1)) - embedded;
    lines.forgetBefore(info.bytes);

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
        parser.destroy();
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
