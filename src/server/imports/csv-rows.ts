/**
 * The rows of a streamed CSV file with the file line each starts on (csv-parse; quoted fields may
 * span lines, a quoted CRLF included). Rows csv-parse cannot read are reported with their line and
 * skipped; the rest are given in order, the header row first.
 */
import { createReadStream } from 'node:fs';
import { pipeline, Transform, type TransformCallback } from 'node:stream';
import { type CsvError, type Info, type Parser, parse } from 'csv-parse';

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

/** One row of the file and the 1-based line where it starts. */
export interface CsvRow {
  line: number;
  record: string[];
}

/**
 * Read `filePath` as CSV (UTF-8, BOM allowed, empty lines skipped, column counts not enforced:
 * the caller compares them). `onSkip` is told of each unreadable row: the line where it starts and
 * what was wrong. Leaving the loop early (`break`) stops reading.
 *
 * @throws the file system's error when the file cannot be read.
 */
export async function* readCsvRows(
  filePath: string,
  onSkip: (line: number, detail: string) => void,
): AsyncGenerator<CsvRow> {
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
      onSkip(
        lines.firstNonBlankLineFrom(parsedUpTo),
        error?.code === 'CSV_QUOTE_NOT_CLOSED'
          ? 'a quote opened here is never closed: the rest of the file could not be read'
          : (error?.message ?? 'unreadable row'),
      );
      return undefined;
    },
  });
  // Errors (an unreadable file) reach the loop below through the parser, which pipeline destroys.
  pipeline(createReadStream(filePath), lines.tap(), parser, () => {});
  try {
    for await (const chunk of parser as AsyncIterable<{ info: Info; record: string[] }>) {
      const { info, record } = chunk;
      let embedded = 0;
      for (const value of record) embedded += countNewlines(value);
      // The record ends at info.bytes (after its newline): its last line less the newlines inside it.
      const line = lines.lineOf(Math.max(0, info.bytes - 1)) - embedded;
      lines.forgetBefore(info.bytes);
      yield { line, record };
    }
  } finally {
    parser.destroy();
  }
}
