/**
 * XLSX export of the registry's current filter, streamed like the CSV (`appeals-export.ts`, same
 * columns): rows are read in keyset batches and written by exceljs's streaming workbook writer,
 * which commits each row to the zip stream as it goes, so memory stays flat for any size.
 *
 * Cells are written as text cells, never as formulas, so a description starting with `=` is shown
 * as typed and needs no apostrophe (unlike CSV, where a spreadsheet would evaluate it).
 */
import { once } from 'node:events';
import { PassThrough, type Readable } from 'node:stream';
import type { Deps, UserActor } from '../context.js';
import { exceljs } from '../lazy-modules.js';
import { iterateAppeals } from './appeals.queries.js';
import { exportColumns, type ExportFormat } from './appeals-export.js';
import type { AppealFilter } from '../../contract/appeal-registry.schemas.js';

/** The media type of an XLSX workbook. */
export const XLSX_MEDIA_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/**
 * A readable stream of the XLSX workbook (one sheet «Звернення», a header row, one row per appeal).
 * A database error while streaming destroys the stream with that error.
 */
export function exportAppealsXlsx(
  deps: Deps,
  actor: UserActor,
  filter: AppealFilter,
  format: ExportFormat = {},
): Readable {
  const columns = exportColumns(format, deps.config.timeZone);
  const output = new PassThrough();
  const workbook = new (exceljs().stream.xlsx.WorkbookWriter)({
    stream: output,
    useStyles: false,
    useSharedStrings: false,
  });
  const sheet = workbook.addWorksheet('Звернення');
  sheet.columns = columns.map(([name]) => ({ header: name, key: name, width: 20 }));

  const write = async () => {
    for await (const batch of iterateAppeals(deps, actor, filter)) {
      for (const appeal of batch) sheet.addRow(columns.map(([, get]) => get(appeal))).commit();
      // The client reads slower than we write: wait, instead of buffering the workbook.
      if (output.writableNeedDrain) await once(output, 'drain');
    }
    sheet.commit();
    await workbook.commit();
  };
  write().catch((error: unknown) => output.destroy(error as Error));
  return output;
}
