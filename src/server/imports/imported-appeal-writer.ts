/** The importers' writer: normalised records queued and written a batch at a time. */
import type { Deps } from '../context.js';
import { countSkipped, type ImportSummary } from './import-summary.js';
import {
  type ImportBatchOptions,
  type ImportedAppealRecord,
  insertImportedAppeals,
} from './imported-appeal.js';

/** Records written per transaction by `ImportedAppealWriter`. */
export const IMPORT_BATCH_SIZE = 500;

/**
 * Collects normalised records and writes them `IMPORT_BATCH_SIZE` at a time with
 * `insertImportedAppeals`, counting `imported` and `skipped.already_imported` in `summary`.
 * Call `flush()` once at the end.
 */
export class ImportedAppealWriter {
  private batch: ImportedAppealRecord[] = [];

  constructor(
    private readonly deps: Deps,
    private readonly options: ImportBatchOptions,
    private readonly summary: ImportSummary,
    private readonly batchSize = IMPORT_BATCH_SIZE,
  ) {}

  /** Queue a record; writes the batch when it is full. */
  async add(record: ImportedAppealRecord): Promise<void> {
    this.options.signal?.throwIfAborted();
    this.batch.push(record);
    if (this.batch.length >= this.batchSize) await this.flush();
  }

  /** Write what is queued. */
  async flush(): Promise<void> {
    if (this.batch.length === 0) return;
    const batch = this.batch;
    this.batch = [];
    const result = await insertImportedAppeals(this.deps, this.options, batch);
    this.summary.imported += result.imported;
    countSkipped(this.summary, 'already_imported', result.alreadyImported);
  }
}
