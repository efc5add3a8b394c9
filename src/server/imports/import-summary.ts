/**
 * What an import did, for the CLI and the logs: how many records were read, imported and skipped
 * (by reason), the problems found with the line of the file they sit on, and what the import had to
 * create in the reference data (classifier kinds, question types, executor organisations).
 *
 * Real files are messy (`shared/data/README.md`, "Known real faults"): an importer never crashes on a
 * bad record, it skips it or takes what it can and says so here. Only a file that cannot be read at
 * all sets `fatal`.
 */

/** At most this many problems are listed; all of them are counted. */
export const MAX_LISTED_PROBLEMS = 200;
/** At most this many problems of one reason are listed, so one flood does not hide the others. */
export const MAX_LISTED_PER_REASON = 50;

/** One problem of the file: where it is (1-based line of the file), why, and what was seen. */
export interface ImportProblem {
  /** 1-based line of the file where the record (or the fault) starts. */
  line: number;
  /** 1-based position of the record in the file, when the format has records (JSON array). */
  record?: number;
  /** Stable machine-readable reason, e.g. `missing_id`, `bad_date`, `truncated_json`. */
  reason: string;
  /** What was seen, in words (the offending value, the parser's message). */
  detail?: string;
}

export interface ImportSummary {
  /** The importer used (a key of `IMPORTERS`). */
  format: string;
  /** The file as it was given to the importer. */
  file: string;
  /** Records read from the file (complete records, good or bad). */
  read: number;
  /** Appeals written to the database. */
  imported: number;
  /** Records not imported, counted by reason (`already_imported`, `duplicate_id`, `bad_date`…). */
  skipped: Record<string, number>;
  /** Problems that did not stop a record from being imported, by reason (`invalid_coordinates`…). */
  notes: Record<string, number>;
  /** The problems, listed up to MAX_LISTED_PROBLEMS (MAX_LISTED_PER_REASON per reason). */
  problems: ImportProblem[];
  /** Every problem found, listed or not (skips for `already_imported` are not problems). */
  problemCount: number;
  /** Reference data the import had to create. */
  created: { kinds: number; questionTypes: number; executors: number };
  /** Why the file as a whole could not be read (nothing, or only what came before, was imported). */
  fatal: string | null;
  /** Wall-clock duration of the import, in milliseconds. */
  durationMs: number;
  /** An import of several files (the address registry): each file's own summary. */
  parts?: ImportSummary[];
}

/** An empty summary for `format` reading `file`. */
export function createImportSummary(format: string, file: string): ImportSummary {
  return {
    format,
    file,
    read: 0,
    imported: 0,
    skipped: {},
    notes: {},
    problems: [],
    problemCount: 0,
    created: { kinds: 0, questionTypes: 0, executors: 0 },
    fatal: null,
    durationMs: 0,
  };
}

/** List a problem (within the caps) and count it. */
function addProblem(summary: ImportSummary, problem: ImportProblem): void {
  summary.problemCount++;
  if (summary.problems.length >= MAX_LISTED_PROBLEMS) return;
  let sameReason = 0;
  for (const p of summary.problems) if (p.reason === problem.reason) sameReason++;
  if (sameReason >= MAX_LISTED_PER_REASON) return;
  summary.problems.push(problem);
}

/** A record was not imported because of `problem.reason`: count the skip and list the problem. */
export function skipRecord(summary: ImportSummary, problem: ImportProblem): void {
  summary.skipped[problem.reason] = (summary.skipped[problem.reason] ?? 0) + 1;
  addProblem(summary, problem);
}

/** A record was imported, but something of it could not be taken: count and list the note. */
export function noteProblem(summary: ImportSummary, problem: ImportProblem): void {
  summary.notes[problem.reason] = (summary.notes[problem.reason] ?? 0) + 1;
  addProblem(summary, problem);
}

/** A fault of the file rather than of one record (e.g. `truncated_json`): list it, count no skip. */
export function fileProblem(summary: ImportSummary, problem: ImportProblem): void {
  addProblem(summary, problem);
}

/** Count `count` records skipped for an expected reason (no problem listed, e.g. `already_imported`). */
export function countSkipped(summary: ImportSummary, reason: string, count: number): void {
  if (count <= 0) return;
  summary.skipped[reason] = (summary.skipped[reason] ?? 0) + count;
}

function byCount(counts: Record<string, number>): string {
  return Object.entries(counts)
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .map(([reason, n]) => `${reason} ${n}`)
    .join(', ');
}

/**
 * The summary as text for a terminal, e.g.
 *
 * ```text
 * Import publicstuff-csv: ../shared/data/service-requests/nyc-publicstuff-2010-2018.csv
 *   read 8739, imported 8289, skipped 450 (duplicate_id 450)
 *   imported with notes: invalid_zip 1
 *   created: 1 kind, 415 question types, 0 executors
 *   problems: 451 (51 listed)
 *     line 500: duplicate_id: ID 915216 was already read on line 2
 *     …
 *   took 4.3 s
 * ```
 */
export function formatSummary(summary: ImportSummary): string {
  const skippedTotal = Object.values(summary.skipped).reduce((a, b) => a + b, 0);
  const lines = [`Import ${summary.format}: ${summary.file}`];
  if (summary.fatal) lines.push(`  FAILED: ${summary.fatal}`);
  lines.push(
    `  read ${summary.read}, imported ${summary.imported}, skipped ${skippedTotal}` +
      (skippedTotal > 0 ? ` (${byCount(summary.skipped)})` : ''),
  );
  if (Object.keys(summary.notes).length > 0) {
    lines.push(`  imported with notes: ${byCount(summary.notes)}`);
  }
  const { kinds, questionTypes, executors } = summary.created;
  lines.push(
    `  created: ${kinds} ${kinds === 1 ? 'kind' : 'kinds'}, ${questionTypes} question ` +
      `${questionTypes === 1 ? 'type' : 'types'}, ${executors} ${executors === 1 ? 'executor' : 'executors'}`,
  );
  if (summary.problemCount > 0) {
    const listed = summary.problems.length;
    lines.push(
      `  problems: ${summary.problemCount}` +
        (listed < summary.problemCount ? ` (${listed} listed)` : ''),
    );
    for (const p of summary.problems) {
      const where =
        p.record !== undefined ? `line ${p.line} (record ${p.record})` : `line ${p.line}`;
      lines.push(`    ${where}: ${p.reason}${p.detail ? `: ${p.detail}` : ''}`);
    }
  }
  if (summary.parts) {
    // Each file's own summary, indented, instead of the totals' problem list.
    return [
      ...lines.slice(0, 3),
      ...summary.parts.map((p) => formatSummary(p).replace(/^/gm, '  ')),
      `  took ${(summary.durationMs / 1000).toFixed(1)} s`,
    ].join('\n');
  }
  lines.push(`  took ${(summary.durationMs / 1000).toFixed(1)} s`);
  return lines.join('\n');
}
