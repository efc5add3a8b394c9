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
import { DateTime } from 'luxon';
import { kyivChannel as kyivChannelLabel, kyivStatus } from '../../domain/kyiv1551-labels.js';
import { type ResultCode, resultByLabel } from '../../domain/results.js';
import { matchKey, normaliseText } from '../../domain/text.js';
import type { AppealKind, AppealStatus, Channel } from '../../domain/vocabulary.js';
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

/** `appeals.source` of appeals imported from Kyiv 1551 open data. */
export const KYIV1551_SOURCE = 'kyiv1551';
const ACTOR: SystemActor = { kind: 'system', label: 'import:kyiv1551' };

// ---------------------------------------------------------------------------------------------
// Reading the JSON array record by record, with line numbers, tolerant of a cut file.

/** One item found by `scanJsonArray`. */
export type JsonArrayItem =
  /** A complete element: its source text, 1-based line and 1-based position in the array. */
  | { kind: 'element'; text: string; line: number; index: number }
  /** The file ends before the array is closed; `index` is the cut record's position, if any. */
  | { kind: 'truncated'; line: number; index: number | null }
  /** The file is not a JSON array at all (nothing can be read). */
  | { kind: 'not_array'; line: number; detail: string }
  /** Something follows the closing bracket. */
  | { kind: 'trailing'; line: number };

function isSpace(c: number): boolean {
  return c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;
}

/**
 * Walk the top level of a JSON array without parsing it as a whole, yielding each element's text
 * with the line it starts on, so that one bad element (or a cut at the end of the file) does not
 * lose the others. Strings and nesting are tracked; element texts are left to `JSON.parse`.
 */
export function* scanJsonArray(text: string): Generator<JsonArrayItem> {
  const n = text.length;
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let line = 1;
  const skip = (commas: boolean): void => {
    while (i < n) {
      const c = text.charCodeAt(i);
      if (c === 0x0a) line++;
      else if (!(isSpace(c) || (commas && c === 0x2c))) return;
      i++;
    }
  };
  skip(false);
  if (i >= n) {
    yield { kind: 'not_array', line, detail: 'the file is empty' };
    return;
  }
  if (text[i] !== '[') {
    yield {
      kind: 'not_array',
      line,
      detail: `a JSON array must start with "[", found ${JSON.stringify(text.slice(i, i + 20))}`,
    };
    return;
  }
  i++;
  let index = 0;
  for (;;) {
    skip(true);
    if (i >= n) {
      yield { kind: 'truncated', line, index: null };
      return;
    }
    if (text[i] === ']') {
      i++;
      skip(false);
      if (i < n) yield { kind: 'trailing', line };
      return;
    }
    const start = i;
    const startLine = line;
    index++;
    const end = scanValue();
    if (end < 0) {
      yield { kind: 'truncated', line: startLine, index };
      return;
    }
    yield { kind: 'element', text: text.slice(start, end), line: startLine, index };
    i = end;
  }

  /** End (exclusive) of the value starting at `i`, counting lines; -1 when the text ends first. */
  function scanValue(): number {
    const first = text[i];
    if (first === '{' || first === '[' || first === '"') {
      let depth = 0;
      let inString = false;
      for (let j = i; j < n; j++) {
        const c = text.charCodeAt(j);
        if (c === 0x0a) line++;
        if (inString) {
          if (c === 0x5c) j++;
          else if (c === 0x22) {
            inString = false;
            if (depth === 0) return j + 1;
          }
        } else if (c === 0x22) inString = true;
        else if (c === 0x7b || c === 0x5b) depth++;
        else if (c === 0x7d || c === 0x5d) {
          depth--;
          if (depth === 0) return j + 1;
        }
      }
      return -1;
    }
    let j = i;
    while (j < n) {
      const c = text.charCodeAt(j);
      if (c === 0x2c || c === 0x5d || isSpace(c)) return j;
      j++;
    }
    return -1;
  }
}

// ---------------------------------------------------------------------------------------------
// Field rules (pure).

/** A text field: trimmed, spaces squeezed; absent, empty, or the string "null" → null. */
function field(record: Record<string, unknown>, key: string): string | null {
  const value = record[key];
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  if (typeof value !== 'string') return null;
  const text = value.replace(/\s+/g, ' ').trim();
  return text === '' || text.toLowerCase() === 'null' ? null : text;
}

const TIME_PATTERN =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?$/i;

/**
 * A Kyiv 1551 time. The open data writes Kyiv local time with a false `Z` (`2025-09-01T00:42Z` is
 * 00:42 in Kyiv, 2025-08-31T21:42Z), so `Z` and no offset are read in `timeZone`; an explicit numeric
 * offset is honoured. Seconds are optional; a date alone means its midnight.
 *
 * @returns the instant, or null when the text is not such a time or names an impossible date.
 */
export function parseKyivTime(text: string, timeZone: string): Date | null {
  const m = TIME_PATTERN.exec(text.trim());
  if (!m) return null;
  const [, y, mo, d, h, mi, s, frac, offset] = m;
  const parts = {
    year: Number(y),
    month: Number(mo),
    day: Number(d),
    hour: Number(h ?? 0),
    minute: Number(mi ?? 0),
    second: Number(s ?? 0),
    millisecond: frac ? Math.floor(Number(`0.${frac}`) * 1000) : 0,
  };
  const zone =
    offset && offset.toUpperCase() !== 'Z'
      ? `UTC${offset.length === 3 ? offset : `${offset.slice(0, 3)}:${offset.slice(-2)}`}`
      : timeZone;
  const at = DateTime.fromObject(parts, { zone });
  if (!at.isValid || at.day !== parts.day || at.month !== parts.month) return null;
  return at.toJSDate();
}

/** House number: spaces squeezed and cut around `-` and `/`, letters upper-case («26-а» → «26-А»). */
function houseNumber(text: string | null): string | null {
  if (!text) return null;
  const house = text.replace(/\s*([-/])\s*/g, '$1').toUpperCase();
  return house === '' ? null : house;
}

/** Building (корпус): «к.1», «корп. 1», « 2» → «1», «2». */
function buildingNumber(text: string | null): string | null {
  if (!text) return null;
  const building = text
    .replace(/^(корпус|корп\.?|к\.?)\s*/i, '')
    .replace(/\s*([-/])\s*/g, '$1')
    .toUpperCase();
  return building === '' ? null : building;
}

/**
 * Address text from the street, house and building fields: «вул. Роздільна, 5», «пров. Ковальський,
 * 20/2», «вул. Х, 4-А, корп. 1». No street (absent, empty or "null") → no address. A trailing
 * bracket («вул. Нова (вул. Стара)») holds a renamed street's old name: it is cut and returned apart.
 */
export function kyivAddress(
  street: string | null,
  house: string | null,
  building: string | null,
): { address: string | null; oldStreetName: string | null } {
  let name = street ? normaliseText(street) : null;
  let oldStreetName: string | null = null;
  const bracket = name ? /^(.*?)\s*\(([^()]*)\)$/.exec(name) : null;
  if (bracket) {
    name = bracket[1]!.trim() || bracket[2]!.trim();
    oldStreetName = bracket[1]!.trim() ? bracket[2]!.trim() || null : null;
  }
  if (!name || name.toLowerCase() === 'null') return { address: null, oldStreetName };
  const houseText = houseNumber(house ? normaliseText(house) : null);
  const buildingText = buildingNumber(building ? normaliseText(building) : null);
  const parts = [name];
  if (houseText) parts.push(houseText);
  if (buildingText && buildingText !== houseText) parts.push(`корп. ${buildingText}`);
  return { address: parts.join(', '), oldStreetName };
}

/** Channel of a Kyiv `accrualMethod` (module doc); null when unknown. */
export function kyivChannel(accrualMethod: string | null): Channel | null {
  return accrualMethod ? (kyivChannelLabel(accrualMethod) ?? null) : null;
}

/** Appeal kind of a Kyiv `type` («Звернення», «Скарга»…). */
export function kyivAppealKind(type: string | null): AppealKind {
  const key = type ? matchKey(type) : '';
  if (key.includes('скарг')) return 'complaint';
  if (key.includes('пропозиц') || key.includes('зауваж')) return 'proposal';
  if (key.includes('консультац')) return 'consultation';
  return 'application';
}

type KyivResult =
  | { type: 'final'; code: ResultCode }
  | { type: 'interim'; status: AppealStatus; closedAs: ResultCode }
  | { type: 'unknown' }
  | { type: 'none' };

/** Kyiv writes "A / B" and "A /B" alike: compare with spaces around slashes squeezed. */
function resultKey(label: string): string {
  return matchKey(label).replace(/\s*\/\s*/g, '/');
}

const FINAL_ALIASES: Record<string, ResultCode> = {
  [resultKey('Не в компетенції / Повернуто в 1551')]: 'not_in_competence_forwarded',
  [resultKey('Не в компетенції / Повернуто в батьківську організацію')]:
    'not_in_competence_forwarded',
};

const INTERIM_RESULTS: Record<string, { status: AppealStatus; closedAs: ResultCode }> = {
  [resultKey('Очікує прийому в роботу')]: {
    status: 'registered',
    closedAs: 'closed_automatically',
  },
  [resultKey('Очікує прийому в роботу / Перенаправлено за належністю')]: {
    status: 'registered',
    closedAs: 'not_in_competence_forwarded',
  },
  [resultKey('Повернуто виконавцю / Перенаправлено за належністю')]: {
    status: 'registered',
    closedAs: 'not_in_competence_forwarded',
  },
  [resultKey('Прийнято в роботу')]: { status: 'in_work', closedAs: 'closed_automatically' },
  [resultKey('Роз`яснено / Потребує перевірки куратором')]: {
    status: 'on_check',
    closedAs: 'explained',
  },
  [resultKey('Фактично / Спростовано куратором')]: {
    status: 'rework',
    closedAs: 'closed_automatically',
  },
  [resultKey('Фактично / Виконання не підтверджено заявником')]: {
    status: 'rework',
    closedAs: 'closed_automatically',
  },
};

function classifyResult(label: string | null): KyivResult {
  if (!label) return { type: 'none' };
  const code = resultByLabel(label) ?? FINAL_ALIASES[resultKey(label)];
  if (code) return { type: 'final', code };
  const key = resultKey(label);
  const interim = INTERIM_RESULTS[key];
  if (interim) return { type: 'interim', ...interim };
  if (key.startsWith(resultKey('На доопрацювання'))) {
    return { type: 'interim', status: 'rework', closedAs: 'closed_automatically' };
  }
  return { type: 'unknown' };
}

/** A fault of one record that did not stop its import. */
export interface KyivNote {
  reason: string;
  detail: string;
}

/**
 * Our status and result for a Kyiv `status` and `result` (tables of the module doc).
 * @returns the status, the result (null unless closed) and notes on what did not fit.
 */
export function mapKyivStatus(
  status: string | null,
  result: string | null,
): { status: AppealStatus; result: ResultCode | null; notes: KyivNote[] } {
  const notes: KyivNote[] = [];
  const classified = classifyResult(result);
  if (classified.type === 'unknown') {
    notes.push({ reason: 'unknown_result', detail: `result ${JSON.stringify(result)}` });
  }
  let ours = status ? kyivStatus(status) : undefined;
  if (!ours) {
    notes.push({
      reason: status ? 'unknown_status' : 'missing_status',
      detail: status ? `status ${JSON.stringify(status)}` : 'no status',
    });
    ours =
      classified.type === 'final'
        ? 'closed'
        : classified.type === 'interim'
          ? classified.status
          : 'registered';
  }
  if (ours !== 'closed') return { status: ours, result: null, notes };
  switch (classified.type) {
    case 'final':
      return { status: ours, result: classified.code, notes };
    case 'interim':
      notes.push({
        reason: 'closed_with_interim_result',
        detail: `closed with ${JSON.stringify(result)}; imported as ${classified.closedAs}`,
      });
      return { status: ours, result: classified.closedAs, notes };
    case 'unknown':
      return { status: ours, result: 'closed_automatically', notes };
    case 'none':
      notes.push({ reason: 'missing_result', detail: 'closed without a result' });
      return { status: ours, result: 'closed_automatically', notes };
  }
}

/** A Kyiv record checked and normalised, before its names are resolved to ids. */
export interface KyivRecord {
  sourceId: string;
  uid: string | null;
  receivedAt: Date;
  appealKind: AppealKind;
  kindName: string;
  questionTypeName: string;
  description: string;
  address: string | null;
  oldStreetName: string | null;
  channel: Channel;
  status: AppealStatus;
  result: ResultCode | null;
  executorName: string | null;
  original: {
    status: string | null;
    result: string | null;
    accrualMethod: string | null;
    type: string | null;
  };
  notes: KyivNote[];
}

/**
 * Check and normalise one element of the array.
 * @returns the record, or the reason it cannot be imported: `not_an_object`, `missing_id`,
 *   `missing_date`, `bad_date`, `missing_kind`.
 */
export function normaliseKyivRecord(
  value: unknown,
  timeZone: string,
): { ok: true; record: KyivRecord } | { ok: false; reason: string; detail: string } {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    const what = value === null ? 'null' : Array.isArray(value) ? 'an array' : typeof value;
    return { ok: false, reason: 'not_an_object', detail: `the element is ${what}, not an object` };
  }
  const raw = value as Record<string, unknown>;
  const uid = field(raw, 'uid');
  const sourceId = field(raw, 'Id') ?? uid;
  if (!sourceId) return { ok: false, reason: 'missing_id', detail: 'neither Id nor uid' };
  const time = field(raw, 'receivedDateTime');
  if (!time)
    return { ok: false, reason: 'missing_date', detail: `Id ${sourceId}: no receivedDateTime` };
  const receivedAt = parseKyivTime(time, timeZone);
  if (!receivedAt) {
    return {
      ok: false,
      reason: 'bad_date',
      detail: `Id ${sourceId}: receivedDateTime ${JSON.stringify(time)}`,
    };
  }
  const kindName = field(raw, 'kind');
  if (!kindName) return { ok: false, reason: 'missing_kind', detail: `Id ${sourceId}: no kind` };

  const notes: KyivNote[] = [];
  let content = field(raw, 'content');
  if (!content) {
    notes.push({
      reason: 'missing_content',
      detail: 'no content: the kind is used as question type',
    });
    content = kindName;
  }
  const accrualMethod = field(raw, 'accrualMethod');
  let channel = kyivChannel(accrualMethod);
  if (!channel) {
    notes.push({
      reason: 'unknown_channel',
      detail: `accrualMethod ${JSON.stringify(accrualMethod)}`,
    });
    channel = 'import';
  }
  const statusText = field(raw, 'status');
  const resultText = field(raw, 'result');
  const mapped = mapKyivStatus(statusText, resultText);
  notes.push(...mapped.notes);
  const { address, oldStreetName } = kyivAddress(
    field(raw, 'addressThoroughfare'),
    field(raw, 'addressLocatorDesignator'),
    field(raw, 'addressLocatorBuilding'),
  );
  const type = field(raw, 'type');
  return {
    ok: true,
    record: {
      sourceId,
      uid,
      receivedAt,
      appealKind: kyivAppealKind(type),
      kindName: normaliseText(kindName),
      questionTypeName: normaliseText(content),
      description: normaliseText(content),
      address,
      oldStreetName,
      channel,
      status: mapped.status,
      result: mapped.result,
      executorName: field(raw, 'organizationName'),
      original: { status: statusText, result: resultText, accrualMethod, type },
      notes,
    },
  };
}

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
