/**
 * Open data: a month of appeals in the Kyiv Contact Centre 1551 open-data format (one JSON array,
 * the fields of `shared/data/kyiv1551/sample-records.json`, in that order), or the same as CSV,
 * depersonalised, streamed in keyset batches so memory stays flat at any size.
 *
 * Field by field (the inverse of `imports/kyiv1551.ts`, so an export imports back as the same
 * appeals):
 *
 * | field | from |
 * |---|---|
 * | `Id` | the Kyiv `Id` of an appeal imported from Kyiv open data; otherwise our appeal id |
 * | `uid` | the Kyiv `uid` of an imported appeal; otherwise the registration number |
 * | `receivedDateTime` | time of receipt as the city's local time with its real UTC offset (`2025-09-01T00:42+03:00`; seconds only when not zero). Kyiv's own files write local time with a false `Z`; ours does not (issue 11), and the importer reads both |
 * | `type` | «Звернення» (application), «Скарга», «Пропозиція», «Консультація» |
 * | `kind`, `content` | classifier kind and question type |
 * | `accrualMethod` | channel: «Дзвінок в 1551», «Сайт/моб. додаток» (portal, app, Open311), «УГЛ», «Телеефір», «E-mail», «Жестова мова»; other channels null |
 * | `CATUTTC`, `addressAdminUnitL2`, `addressPostName` | settings `city_katottg` and `city_name`; L1 «Україна»; L3, L4, post code null |
 * | `addressThoroughfare`, `addressLocatorDesignator`, `addressLocatorBuilding` | the street, house and building built from the address (`parseStreetAddress`), never the rest of the text |
 * | `status` | «Зареєстровано», «В роботі», «На перевірці», «На доопрацюванні», «Закрито» |
 * | `organizationName` | the main executor; `organizationId` null (internal ids are not published) |
 * | `result` | a closed appeal's result label; an open one's interim label («Очікує прийому в роботу», «Прийнято в роботу», «Роз`яснено / Потребує перевірки куратором», «На доопрацювання / Спростовано куратором») |
 *
 * An appeal imported from Kyiv open data and not changed since keeps the original `uid`, `type`,
 * `accrualMethod`, `status`, `result` and `organizationName` of its source record (from its
 * `imported` event), so a re-published month matches the city's own file.
 *
 * Depersonalised (Law 393/96-ВР Art. 10): confidential appeals (Art. 18) are left out; no
 * applicant, description, flat number or coordinates are written.
 */
import { Readable, type Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { latestMainExecutor } from './public-appeals.queries.js';
import { stringify } from 'csv-stringify/sync';
import type { Kysely } from 'kysely';
import { DateTime } from 'luxon';
import { KYIV_CHANNEL_LABELS, KYIV_STATUS_LABELS } from '../../domain/kyiv1551-labels.js';
import { parseStreetAddress } from '../../domain/public-address.js';
import { RESULTS } from '../../domain/results.js';
import type { AppealKind, AppealStatus, Channel } from '../../domain/vocabulary.js';
import type { Deps } from '../context.js';
import { readerBatches } from '../db/read-replica.js';
import type { DB } from '../db/schema.js';
import { neutraliseFormula } from '../appeals/appeals-export.js';
import { badRequest } from '../errors.js';

/** The fields of a Kyiv 1551 open-data record, in the city's order. */
export const KYIV1551_FIELDS = [
  'Id',
  'uid',
  'receivedDateTime',
  'type',
  'kind',
  'content',
  'accrualMethod',
  'CATUTTC',
  'addressPostCode',
  'addressAdminUnitL1',
  'addressAdminUnitL2',
  'addressAdminUnitL3',
  'addressAdminUnitL4',
  'addressPostName',
  'addressThoroughfare',
  'addressLocatorDesignator',
  'addressLocatorBuilding',
  'status',
  'organizationName',
  'organizationId',
  'result',
] as const;
export type Kyiv1551Record = Record<(typeof KYIV1551_FIELDS)[number], string | number | null>;

const INTERIM_RESULTS: Record<Exclude<AppealStatus, 'closed'>, string> = {
  registered: 'Очікує прийому в роботу',
  in_work: 'Прийнято в роботу',
  on_check: 'Роз`яснено / Потребує перевірки куратором',
  rework: 'На доопрацювання / Спростовано куратором',
};

const TYPE_LABELS: Record<AppealKind, string> = {
  application: 'Звернення',
  complaint: 'Скарга',
  proposal: 'Пропозиція',
  consultation: 'Консультація',
};

/**
 * A time as open data writes it: the local time of `zone` with its real offset, without zero
 * seconds (`2025-09-01T00:42+03:00`). Kyiv's files label local time `Z`, which a reader takes for
 * UTC, three hours off; this one is what it says.
 */
export function kyivTime(at: Date, zone: string): string {
  const local = DateTime.fromJSDate(at, { zone });
  return local.toFormat(
    local.second === 0 && local.millisecond === 0
      ? "yyyy-MM-dd'T'HH:mmZZ"
      : "yyyy-MM-dd'T'HH:mm:ssZZ",
  );
}

/**
 * Street, house and building of an address as the public may see them (`parseStreetAddress`:
 * built from the street and house, never a remainder of the text): «вул. Х, 26-А, корп. 1, кв. 3»
 * → «вул. Х», «26-А», «1».
 */
export function splitAddress(address: string | null): {
  thoroughfare: string | null;
  house: string | null;
  building: string | null;
} {
  const parsed = parseStreetAddress(address);
  return {
    thoroughfare: parsed?.street ?? null,
    house: parsed?.house ?? null,
    building: parsed?.building ?? null,
  };
}

interface ExportRow {
  id: number;
  number: string;
  received_at: Date;
  kind: AppealKind;
  channel: Channel;
  status: AppealStatus;
  result: string | null;
  address_text: string | null;
  source: string | null;
  source_id: string | null;
  kind_name: string;
  question_type_name: string;
  executor_name: string | null;
  original: Record<string, unknown> | null;
  changed_since_import: boolean | null;
}

function text(value: unknown): string | null {
  return typeof value === 'string' ? value : null;
}

/** One appeal as a Kyiv 1551 record (see the module doc). */
export function toKyivRecord(
  row: ExportRow,
  city: { name: string; katottg: string; zone: string },
): Kyiv1551Record {
  const status = row.status;
  const original =
    row.source === 'kyiv1551' && row.original && !row.changed_since_import ? row.original : null;
  const address = splitAddress(row.address_text);
  const resultLabel =
    status === 'closed'
      ? (RESULTS.find((r) => r.code === row.result)?.uk ?? null)
      : INTERIM_RESULTS[status];
  const kyivId = row.source === 'kyiv1551' && row.source_id ? row.source_id : null;
  return {
    Id: kyivId !== null ? (/^\d+$/.test(kyivId) ? Number(kyivId) : kyivId) : row.id,
    uid: kyivId !== null ? text(row.original?.uid) : row.number,
    receivedDateTime: kyivTime(row.received_at, city.zone),
    type: original ? text(original.originalType) : TYPE_LABELS[row.kind],
    kind: row.kind_name,
    content: row.question_type_name,
    accrualMethod: original
      ? text(original.originalChannel)
      : (KYIV_CHANNEL_LABELS[row.channel] ?? null),
    CATUTTC: city.katottg,
    addressPostCode: null,
    addressAdminUnitL1: 'Україна',
    addressAdminUnitL2: city.name,
    addressAdminUnitL3: null,
    addressAdminUnitL4: null,
    addressPostName: city.name,
    addressThoroughfare: address.thoroughfare,
    addressLocatorDesignator: address.house,
    addressLocatorBuilding: address.building,
    status: original
      ? (text(original.originalStatus) ?? KYIV_STATUS_LABELS[status])
      : KYIV_STATUS_LABELS[status],
    organizationName: original
      ? (text(original.organizationName) ?? row.executor_name)
      : row.executor_name,
    organizationId: null,
    result: original ? (text(original.originalResult) ?? resultLabel) : resultLabel,
  };
}

async function textSetting(db: Kysely<DB>, key: string, fallback: string): Promise<string> {
  const row = await db
    .selectFrom('settings')
    .select('value')
    .where('key', '=', key)
    .executeTakeFirst();
  const value = row?.value as unknown;
  return typeof value === 'string' && value.trim() ? value : fallback;
}

/**
 * The month `YYYY-MM` as [start, end) instants in `zone`.
 * @throws AppError 400 `invalid_month`.
 */
export function monthBounds(month: string, zone: string): { start: Date; end: Date } {
  const start = DateTime.fromFormat(month, 'yyyy-MM', { zone });
  if (!start.isValid) throw badRequest('invalid_month', 'Give the month as YYYY-MM, e.g. 2025-09.');
  return { start: start.toJSDate(), end: start.plus({ months: 1 }).toJSDate() };
}

/**
 * The month's records in batches of `batchSize`, oldest first (keyset on received_at, id), read
 * from the replica when one is configured and keeps up (`readerBatches`, ADR 054).
 */
export function kyivRecordsOfMonth(
  deps: Deps,
  month: string,
  batchSize = 500,
): AsyncGenerator<Kyiv1551Record[]> {
  const { start, end } = monthBounds(month, deps.config.timeZone);
  return readerBatches(deps, (db) =>
    recordsBetween(db, { start, end, zone: deps.config.timeZone }, batchSize),
  );
}

async function* recordsBetween(
  db: Kysely<DB>,
  { start, end, zone }: { start: Date; end: Date; zone: string },
  batchSize: number,
): AsyncGenerator<Kyiv1551Record[]> {
  const city = {
    name: await textSetting(db, 'city_name', 'Київ'),
    katottg: await textSetting(db, 'city_katottg', 'UA80000000000093317'),
    zone,
  };
  let after: { at: Date; id: number } | null = null;
  for (;;) {
    let q = db
      .selectFrom('appeals as a')
      .innerJoin('question_types as qt', 'qt.id', 'a.question_type_id')
      .innerJoin('classifier_kinds as k', 'k.id', 'qt.kind_id')
      .leftJoinLateral(latestMainExecutor, (join) => join.onTrue())
      .leftJoin('organisations as o', 'o.id', 'm.executor_id')
      .leftJoinLateral(
        (eb) =>
          eb
            .selectFrom('appeal_events as e')
            .select((inner) => [
              'e.data as original',
              inner
                .exists(
                  inner
                    .selectFrom('appeal_events as later')
                    .select('later.id')
                    .whereRef('later.appeal_id', '=', 'e.appeal_id')
                    .whereRef('later.id', '>', 'e.id')
                    .where('later.to_status', 'is not', null),
                )
                .as('changed_since_import'),
            ])
            .whereRef('e.appeal_id', '=', 'a.id')
            .where('e.type', '=', 'imported')
            .orderBy('e.id')
            .limit(1)
            .as('imp'),
        (join) => join.onTrue(),
      )
      .select([
        'a.id',
        'a.number',
        'a.received_at',
        'a.kind',
        'a.channel',
        'a.status',
        'a.result',
        'a.address_text',
        'a.source',
        'a.source_id',
        'k.name as kind_name',
        'qt.name as question_type_name',
        'o.name as executor_name',
        'imp.original',
        'imp.changed_since_import',
      ])
      .where('a.confidential', '=', false)
      .where('a.received_at', '>=', start)
      .where('a.received_at', '<', end);
    if (after) {
      const { at, id } = after;
      q = q.where((eb) =>
        eb.or([
          eb('a.received_at', '>', at),
          eb.and([eb('a.received_at', '=', at), eb('a.id', '>', id)]),
        ]),
      );
    }
    const rows: ExportRow[] = (
      await q.orderBy('a.received_at').orderBy('a.id').limit(batchSize).execute()
    ).map((r) => ({ ...r, changed_since_import: Boolean(r.changed_since_import) }));
    if (rows.length === 0) return;
    yield rows.map((r) => toKyivRecord(r, city));
    if (rows.length < batchSize) return;
    const last = rows.at(-1)!;
    after = { at: last.received_at, id: last.id };
  }
}

/** The month as one JSON array, in chunks (a record per line). */
export async function* kyivJsonChunks(deps: Deps, month: string): AsyncGenerator<string> {
  let first = true;
  yield '[';
  for await (const batch of kyivRecordsOfMonth(deps, month)) {
    for (const record of batch) {
      yield `${first ? '\n' : ',\n'}${JSON.stringify(record)}`;
      first = false;
    }
  }
  yield first ? ']\n' : '\n]\n';
}

/** The month as CSV (UTF-8 with BOM, the same columns, formulas neutralised), in chunks. */
export async function* kyivCsvChunks(deps: Deps, month: string): AsyncGenerator<string> {
  yield `\uFEFF${stringify([KYIV1551_FIELDS])}`;
  for await (const batch of kyivRecordsOfMonth(deps, month)) {
    yield stringify(batch.map((r) => KYIV1551_FIELDS.map((f) => neutraliseFormula(r[f]) ?? '')));
  }
}

/**
 * Write a month of open data to a stream (`kontakt export open-data`): the same bytes as the public
 * endpoint. The stream is ended unless it is standard output.
 *
 * @param month `YYYY-MM` in the city's time zone.
 * @throws AppError 400 `invalid_month` for a month that is not `YYYY-MM`.
 */
export async function writeOpenData(
  deps: Deps,
  month: string,
  format: 'json' | 'csv',
  out: Writable,
): Promise<void> {
  monthBounds(month, deps.config.timeZone);
  const chunks = format === 'csv' ? kyivCsvChunks(deps, month) : kyivJsonChunks(deps, month);
  await pipeline(Readable.from(chunks), out, { end: out !== process.stdout });
}
