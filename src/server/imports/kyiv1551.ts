/**
 * Import of Kyiv Contact Centre 1551 open data: one JSON array of appeal records a month, as the
 * city publishes it (data.gov.ua dataset 4df91028-83af-43ca-8e28-36419dd24fa7; sample in
 * `shared/data/kyiv1551/sample-records.json`).
 *
 * Field by field:
 *
 * | field | becomes |
 * |---|---|
 * | `Id` (fallback `uid`) | `appeals.source_id` (source `kyiv1551`); a repeated id in the file is skipped (`duplicate_id`) |
 * | `receivedDateTime` | `received_at`: Kyiv local time, although written with `Z` (see below) |
 * | `type` | appeal kind: «Скарга» complaint, «Пропозиція»/«Зауваження» proposal, «Консультація» consultation, otherwise application |
 * | `kind` | classifier kind (found by name or created) |
 * | `content` | question type of that kind (found or created, term 30 days); also the description (the open data has no text) |
 * | `accrualMethod` | channel (table below) |
 * | `addressThoroughfare`, `addressLocatorDesignator`, `addressLocatorBuilding` | address text «вул. Х, 26-А, корп. 1» |
 * | `status`, `result` | status and result (tables below) |
 * | `organizationName` | main executor (organisation found by name or created, type `other`) |
 *
 * Channels (`accrualMethod`): «Дзвінок в 1551» phone, «Сайт/моб. додаток» portal, «УГЛ»
 * government_hotline, «Телеефір» tv, «E-mail» email, «Жестова мова» sign_language; anything else or
 * nothing: `import` (noted as `unknown_channel`).
 *
 * Statuses (`status`): «Зареєстровано» registered, «В роботі» in_work, «На перевірці» on_check,
 * «На доопрацюванні» rework, «Закрито» closed. The status field decides; only when it is missing or
 * unknown does the result give the status (a final result: closed; an interim one: its status below;
 * nothing: registered). Results (`result`, list of `shared/data/kyiv1551/status-result-channel-counts.tsv`):
 *
 * | Kyiv result | kind | status it implies | result when the appeal is closed |
 * |---|---|---|---|
 * | Виконано / Підтверджено заявником | final | closed | done_confirmed |
 * | Виконано / Очікує підтвердження заявником | final | closed | done_awaiting_confirmation |
 * | Виконано / Фотофіксація /Відеофіксація | final | closed | done_photo_evidence |
 * | Роз`яснено / Перевірено куратором | final | closed | explained |
 * | Роз`яснено / Потребує фінансування/Включено в план-програму | final | closed | explained_needs_funding |
 * | Не можливо виконати в даний період / Потребує фінансування/… | final | closed | impossible_now_needs_funding |
 * | Не в компетенції / Перенаправлено за належністю | final | closed | not_in_competence_forwarded |
 * | Не в компетенції / Повернуто в 1551 | final | closed | not_in_competence_forwarded |
 * | Не в компетенції / Повернуто в батьківську організацію | final | closed | not_in_competence_forwarded |
 * | Відмінено / Відмінено заявником | final | closed | cancelled_by_applicant |
 * | Самостійно / Заявник усунув проблему власними силами | final | closed | resolved_by_applicant |
 * | Прийнято до відома / Ознайомився | final | closed | acknowledged |
 * | Закрито автоматично / Виконання не підтверджено заявником | final | closed | closed_automatically |
 * | Очікує прийому в роботу | interim | registered | closed_automatically |
 * | Очікує прийому в роботу / Перенаправлено за належністю | interim | registered | not_in_competence_forwarded |
 * | Повернуто виконавцю / Перенаправлено за належністю | interim | registered | not_in_competence_forwarded |
 * | Прийнято в роботу | interim | in_work | closed_automatically |
 * | Роз`яснено / Потребує перевірки куратором | interim | on_check | explained |
 * | На доопрацювання / … (any detail) | interim | rework | closed_automatically |
 * | Фактично / Спростовано куратором | interim | rework | closed_automatically |
 * | Фактично / Виконання не підтверджено заявником | interim | rework | closed_automatically |
 * | anything else, or none | unknown | registered | closed_automatically |
 *
 * An open appeal keeps no result (a final result there is the executor's proposal awaiting the
 * curator, e.g. «На перевірці» with «Не в компетенції / Повернуто в 1551»). A closed appeal with an
 * interim, unknown or missing result is imported with the result of the last column and a note. The
 * original status and result are always kept in the `imported` event. The open data has no closing
 * time: `closed_at` is the time of receipt (the event says `closedAtKnown: false`).
 *
 * Real faults coped with (`shared/data/README.md`): the street written as the string "null" (no
 * address); leading/trailing and double spaces; backtick and ’ apostrophes (names are stored with ',
 * matched by `matchKey`); house numbers `26-А`, `20/2`, `к.1`, `" 2"`; a renamed street with its old
 * name in brackets (the old name is cut from the address and kept in the event as `oldStreetName`);
 * times like `2025-09-01T00:42Z`, which are Kyiv local time labelled as UTC: a `Z` is read as the
 * city's time zone (`deps.config.timeZone`), an explicit offset such as `+03:00` is honoured; missing
 * fields; a file cut mid-record (the complete records before the cut are imported and
 * `truncated_json` is reported).
 */
import { readFile } from 'node:fs/promises';
import { normaliseText } from '../../domain/text.js';
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
import { scanJsonArray } from './json-array-scanner.js';
import { normaliseKyivRecord } from './kyiv1551-fields.js';

export { kyivAddress, mapKyivStatus, parseKyivTime } from './kyiv1551-fields.js';

/** `appeals.source` of appeals imported from Kyiv 1551 open data. */
export const KYIV1551_SOURCE = 'kyiv1551';
const ACTOR: SystemActor = { kind: 'system', label: 'import:kyiv1551' };

// ---------------------------------------------------------------------------------------------
// The import.

/**
 * Import a Kyiv 1551 open-data file (a JSON array of records; see the module doc for the mapping).
 * Records already imported (same `Id`) are skipped, so the same month may be imported again.
 *
 * @param filePath the JSON file.
 * @returns the summary: records read, imported, skipped by reason (`already_imported`,
 *   `duplicate_id`, `malformed_json`, `not_an_object`, `missing_id`, `missing_date`, `bad_date`,
 *   `missing_kind`), problems with their line and record number, reference data created. A file that
 *   is not a JSON array sets `fatal` and imports nothing; a cut file imports the complete records
 *   before the cut and lists `truncated_json`.
 * @throws the file system's error when the file cannot be read; database errors (batches written
 *   before stay; a second run skips them).
 */
export async function importKyiv1551(
  deps: Deps,
  filePath: string,
  run: ImportRunOptions = {},
): Promise<ImportSummary> {
  const started = performance.now();
  const summary = createImportSummary('kyiv1551', filePath);
  const text = await readFile(filePath, 'utf8');
  const refs = new ImportReferences(deps.db, summary);
  const writer = new ImportedAppealWriter(
    deps,
    { source: KYIV1551_SOURCE, actor: ACTOR, signal: run.signal },
    summary,
  );
  const seen = new Map<string, number>();

  for (const item of scanJsonArray(text)) {
    switch (item.kind) {
      case 'not_array':
        summary.fatal = `not a JSON array: ${item.detail}`;
        fileProblem(summary, { line: item.line, reason: 'not_json_array', detail: item.detail });
        break;
      case 'trailing':
        fileProblem(summary, {
          line: item.line,
          reason: 'trailing_content',
          detail: 'text after the closing "]" was ignored',
        });
        break;
      case 'truncated':
        fileProblem(summary, {
          line: item.line,
          ...(item.index !== null ? { record: item.index } : {}),
          reason: 'truncated_json',
          detail:
            item.index !== null
              ? `the file ends inside record ${item.index}; the ${item.index - 1} complete ` +
                `record${item.index === 2 ? '' : 's'} before it were read`
              : 'the file ends before the array is closed; every record in it was read',
        });
        break;
      case 'element': {
        summary.read++;
        const where = { line: item.line, record: item.index };
        let value: unknown;
        try {
          value = JSON.parse(item.text);
        } catch (error) {
          skipRecord(summary, { ...where, reason: 'malformed_json', detail: errorMessage(error) });
          break;
        }
        const checked = normaliseKyivRecord(value, deps.config.timeZone);
        if (!checked.ok) {
          skipRecord(summary, { ...where, reason: checked.reason, detail: checked.detail });
          break;
        }
        const r = checked.record;
        const firstLine = seen.get(r.sourceId);
        if (firstLine !== undefined) {
          skipRecord(summary, {
            ...where,
            reason: 'duplicate_id',
            detail: `Id ${r.sourceId} was already read on line ${firstLine}`,
          });
          break;
        }
        seen.set(r.sourceId, item.line);
        for (const note of r.notes) {
          noteProblem(summary, {
            ...where,
            reason: note.reason,
            detail: `Id ${r.sourceId}: ${note.detail}`,
          });
        }
        const kindId = await refs.kindId(r.kindName);
        await writer.add({
          sourceId: r.sourceId,
          line: item.line,
          receivedAt: r.receivedAt,
          channel: r.channel,
          kind: r.appealKind,
          subject: 'individual',
          questionTypeId: await refs.questionTypeId(kindId, r.questionTypeName),
          description: r.description,
          address: r.address,
          latitude: null,
          longitude: null,
          status: r.status,
          result: r.result,
          executorId: r.executorName
            ? await refs.organisationId(normaliseText(r.executorName))
            : null,
          closedAt: r.status === 'closed' ? r.receivedAt : null,
          originalStatus: r.original.status,
          originalResult: r.original.result,
          extra: {
            uid: r.uid,
            originalChannel: r.original.accrualMethod,
            originalType: r.original.type,
            organizationName: r.executorName,
            ...(r.oldStreetName ? { oldStreetName: r.oldStreetName } : {}),
            ...(r.status === 'closed' ? { closedAtKnown: false } : {}),
          },
        });
        break;
      }
    }
  }
  await writer.flush();
  summary.durationMs = Math.round(performance.now() - started);
  return summary;
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
