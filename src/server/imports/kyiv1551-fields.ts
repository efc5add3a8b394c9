/**
 * The field rules of Kyiv 1551 open data (pure): times, addresses, channels, kinds, statuses and
 * results, and one record normalised into what the importer writes (module doc of `kyiv1551.ts`).
 */
import { DateTime } from 'luxon';
import { kyivChannel as kyivChannelLabel, kyivStatus } from '../../domain/kyiv1551-labels.js';
import { type ResultCode, resultByLabel } from '../../domain/results.js';
import { matchKey, normaliseText } from '../../domain/text.js';
import type { AppealKind, AppealStatus, Channel } from '../../domain/vocabulary.js';

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
