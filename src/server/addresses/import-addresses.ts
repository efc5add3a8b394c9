/**
 * `kontakt import addresses DIR`: the address registry from the shared real files (issue 15,
 * `shared/data/README.md`, "Address registry data"):
 *
 * - `kharkiv/districts.geojson`: the 9 districts; `NAME_UA` holds the pre-2016 name and `NAME_LAT`
 *   the current one transliterated, so the current Ukrainian name comes from `CURRENT_DISTRICT_NAMES`
 *   and the old one is kept as a former name.
 * - `kharkiv/streets.csv`: registry streets (current name and type) joined to the 1562 contact
 *   centre's dictionary, whose brackets hold former names (unbalanced brackets, glued types,
 *   district abbreviations, nonsense names `0`/`4` coped with).
 * - `kharkiv/addresses.csv` (77,390 rows): buildings; retired rows (status 3), land plots, garages
 *   and sections (not buildings), duplicate keys and unreadable house numbers are skipped and
 *   counted; a point in no district is imported and noted.
 * - `lviv/street-name-history.geojson`: Lviv's streets with every dated former name.
 *
 * Idempotent: every row carries a `source_key`; a second run inserts nothing and counts
 * `already_imported`. Rows go in batches of 2,000 through one `jsonb_to_recordset` parameter.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { sql, type Kysely } from 'kysely';
import {
  foldText,
  parseHouseNumber,
  streetKey,
  streetTypeOf,
} from '../../domain/addresses/address-normal-form.js';
import { type Area, bboxOf } from '../../domain/addresses/geo.js';
import { districtOfPoint, loadDistrictAreas } from './districts.js';
import type { Deps } from '../context.js';
import type { DB } from '../db/schema.js';
import {
  countSkipped,
  createImportSummary,
  fileProblem,
  type ImportSummary,
  noteProblem,
  skipRecord,
} from '../imports/import-summary.js';
import { bumpRegistryVersion } from './registry-version.js';

const KHARKIV = 'Харків';
const LVIV = 'Львів';
const BATCH = 2000;

/**
 * Kharkiv's districts by their current name transliterated (`NAME_LAT`): the current Ukrainian name
 * (renamed in 2016, Kharkiv City Council decisions of 2016 on decommunisation).
 */
const CURRENT_DISTRICT_NAMES: Record<string, string> = {
  Kyivskyi: 'Київський',
  Shevchenkivskyi: 'Шевченківський',
  Saltivskyi: 'Салтівський',
  Nemyshlyanskyi: 'Немишлянський',
  Slobidskyi: 'Слобідський',
  Kholodnohirskyi: 'Холодногірський',
  Industrialnyi: 'Індустріальний',
  Osnovianskyi: "Основ'янський",
  Novobavarskyi: 'Новобаварський',
};

/** Known misspellings in the districts file, corrected (the typo kept as a former name too). */
const DISTRICT_TYPOS: Record<string, string> = {
  Оджонікідзевський: 'Орджонікідзевський',
};

async function insertBatch(
  db: Kysely<DB>,
  statement: (json: string) => ReturnType<typeof sql<{ id: number }>>,
  rows: readonly object[],
  signal?: AbortSignal,
): Promise<number> {
  let inserted = 0;
  for (let i = 0; i < rows.length; i += BATCH) {
    // A shutdown stops the import between batches; what was written stays (a rerun completes it).
    signal?.throwIfAborted();
    const result = await statement(JSON.stringify(rows.slice(i, i + BATCH))).execute(db);
    inserted += result.rows.length;
  }
  return inserted;
}

// ---- districts ----------------------------------------------------------------------------------

interface DistrictFeature {
  properties?: Record<string, unknown>;
  geometry?: { type?: string; coordinates?: unknown };
}

async function importKharkivDistricts(db: Kysely<DB>, file: string): Promise<ImportSummary> {
  const summary = createImportSummary('addresses: districts', file);
  let features: DistrictFeature[];
  try {
    features =
      (JSON.parse(readFileSync(file, 'utf8')) as { features?: DistrictFeature[] }).features ?? [];
  } catch (error) {
    summary.fatal = `not a GeoJSON file: ${(error as Error).message}`;
    return summary;
  }
  const rows: Record<string, unknown>[] = [];
  features.forEach((f, i) => {
    summary.read++;
    const p = f.properties ?? {};
    const lat = typeof p.NAME_LAT === 'string' ? p.NAME_LAT.trim() : '';
    const current = CURRENT_DISTRICT_NAMES[lat];
    const type = f.geometry?.type;
    if (!current || (type !== 'MultiPolygon' && type !== 'Polygon')) {
      skipRecord(summary, {
        line: i + 1,
        record: i + 1,
        reason: current ? 'bad_geometry' : 'unknown_district',
        detail: `NAME_LAT ${lat || '(none)'}, geometry ${type ?? '(none)'}`,
      });
      return;
    }
    const former = new Set<string>();
    for (const field of ['NAME_UA', 'NAME_RUS']) {
      const raw = p[field];
      const value = typeof raw === 'string' ? raw.trim() : '';
      if (!value || value === current) continue;
      const fixed = DISTRICT_TYPOS[value];
      if (fixed) {
        noteProblem(summary, {
          line: i + 1,
          record: i + 1,
          reason: 'misspelt_name',
          detail: `${value} → ${fixed}`,
        });
        former.add(fixed);
      }
      former.add(value);
    }
    const area = { type, coordinates: f.geometry!.coordinates } as Area;
    rows.push({
      city: KHARKIV,
      name: current,
      name_en: lat,
      former_names: [...former],
      boundary: area,
      bbox: [...bboxOf(area)],
      source_key: `kharkiv-districts:${lat}`,
    });
  });
  const inserted = await insertBatch(
    db,
    (json) => sql<{ id: number }>`
      INSERT INTO districts (city, name, name_en, former_names, boundary, bbox, source_key)
      SELECT r.city, r.name, r.name_en, ARRAY(SELECT jsonb_array_elements_text(r.former_names)),
             r.boundary, ARRAY(SELECT jsonb_array_elements_text(r.bbox)::double precision),
             r.source_key
        FROM jsonb_to_recordset(${json}::jsonb)
          AS r(city text, name text, name_en text, former_names jsonb, boundary jsonb, bbox jsonb,
               source_key text)
      ON CONFLICT (source_key) DO NOTHING
      RETURNING id`,
    rows,
  );
  summary.imported = inserted;
  countSkipped(summary, 'already_imported', rows.length - inserted);
  return summary;
}

// ---- streets ------------------------------------------------------------------------------------

/** Canonical type of a register's short type word (`вул.` → `вулиця`), or null. */
function canonicalType(raw: string): string | null {
  const word = foldText(raw);
  return word ? streetTypeOf(word) : null;
}

/** District abbreviations and notes of the 1562 dictionary inside brackets: not names. */
const NOT_A_NAME = /^(?:\p{L}{1,6}\.|у т\.? ?ч\.?|в т\.? ?ч\.?)$/u;

/**
 * The names a 1562 dictionary entry gives: its main name and the former names in its brackets,
 * however unbalanced (`вул. Євгена Котляра (Конарєва (Червоноармійська)` → main `Євгена Котляра`,
 * former `Конарєва`, `Червоноармійська`). A bracket that holds only a type word or a district
 * abbreviation (`(Черв.)`) is dropped; `у т.ч.` (including) is cut off.
 */
export function names1562(entry: string): { main: string; former: string[] } {
  const open = entry.indexOf('(');
  const main = (open < 0 ? entry : entry.slice(0, open)).trim();
  if (open < 0) return { main, former: [] };
  const former = entry
    .slice(open)
    .split(/[()]/)
    .map((p) =>
      p
        .replace(/^\s*(?:у|в)\s+т\.\s*ч\.\s*/u, '')
        .replace(/\s+/g, ' ')
        .trim(),
    )
    .filter((p) => p.length > 1 && !NOT_A_NAME.test(p))
    .filter((p) => streetKey(p).key.length > 1 && !streetTypeOf(foldText(p)));
  return { main, former };
}

interface StreetRow {
  source_key: string;
  city: string;
  type: string | null;
  name: string;
}
interface NameRow {
  source_key: string;
  type: string | null;
  name: string;
  name_key: string;
  is_current: boolean;
  valid_from: string | null;
  valid_to: string | null;
  period_text: string | null;
}

async function insertStreets(
  db: Kysely<DB>,
  streets: readonly StreetRow[],
  names: readonly NameRow[],
): Promise<{ streets: number; names: number }> {
  const streetCount = await insertBatch(
    db,
    (json) => sql<{ id: number }>`
      INSERT INTO streets (city, type, name, source_key)
      SELECT r.city, r.type, r.name, r.source_key
        FROM jsonb_to_recordset(${json}::jsonb) AS r(city text, type text, name text, source_key text)
      ON CONFLICT (source_key) DO NOTHING
      RETURNING id`,
    streets,
  );
  const nameCount = await insertBatch(
    db,
    (json) => sql<{ id: number }>`
      INSERT INTO street_names (street_id, type, name, name_key, is_current, valid_from, valid_to,
                                period_text)
      SELECT s.id, r.type, r.name, r.name_key, r.is_current, r.valid_from::date, r.valid_to::date,
             r.period_text
        FROM jsonb_to_recordset(${json}::jsonb)
          AS r(source_key text, type text, name text, name_key text, is_current boolean,
               valid_from text, valid_to text, period_text text)
        JOIN streets s ON s.source_key = r.source_key
      ON CONFLICT DO NOTHING
      RETURNING id`,
    names,
  );
  return { streets: streetCount, names: nameCount };
}

async function importKharkivStreets(db: Kysely<DB>, file: string): Promise<ImportSummary> {
  const summary = createImportSummary('addresses: streets', file);
  const records = parse<Record<string, string>>(readFileSync(file), {
    bom: true,
    columns: true,
    relax_column_count: true,
    skip_empty_lines: true,
  });
  const streets = new Map<string, StreetRow>();
  const names = new Map<string, NameRow>();
  const addName = (sourceKey: string, type: string | null, name: string, current: boolean) => {
    const key = streetKey(name).key;
    if (!key) return;
    const id = `${sourceKey}|${key}|${current}`;
    // A former name equal to the current one is no alias.
    if (!current && names.has(`${sourceKey}|${key}|true`)) return;
    if (!names.has(id)) {
      names.set(id, {
        source_key: sourceKey,
        type,
        name: name.trim(),
        name_key: key,
        is_current: current,
        valid_from: null,
        valid_to: null,
        // The 1562 dictionary gives no dates; Kharkiv's renames of 2015–2016 are the usual reason.
        period_text: current ? null : 'назва до перейменування (словник 1562)',
      });
    }
  };
  records.forEach((r, i) => {
    const line = i + 2;
    summary.read++;
    const arId = (r.ar_street_id ?? '').trim();
    const arName = (r.ar_name_uk ?? '').trim();
    const entry = (r.c1562_name ?? '').trim();
    if (!arId) {
      skipRecord(summary, {
        line,
        reason: 'no_registry_street',
        detail: `1562 entry «${entry}» matches no street of the register`,
      });
      return;
    }
    if (!arName) {
      // Ids 8360, 8361, 8380: the street's name comes from its addresses (FullNameUA).
      skipRecord(summary, {
        line,
        reason: 'no_name',
        detail: `register street ${arId} has no name (named from its addresses, if any)`,
      });
      return;
    }
    const sourceKey = `kharkiv-ar:${arId}`;
    const type = canonicalType(r.ar_type_uk ?? '');
    if (!streets.has(sourceKey)) {
      streets.set(sourceKey, { source_key: sourceKey, city: KHARKIV, type, name: arName });
      addName(sourceKey, type, arName, true);
    }
    if (!entry) return;
    const parsed = names1562(entry);
    const mainKey = streetKey(parsed.main);
    if (!/\p{L}{2}/u.test(mainKey.key)) {
      noteProblem(summary, { line, reason: 'bad_1562_name', detail: `«${entry}»` });
      return;
    }
    if (entry.split('(').length !== entry.split(')').length) {
      noteProblem(summary, { line, reason: 'unbalanced_brackets', detail: `«${entry}»` });
    }
    // The 1562 dictionary's own spelling of the current name, when it differs.
    addName(sourceKey, mainKey.type ?? type, parsed.main.replace(/^\S+\s/, ''), false);
    for (const former of parsed.former) addName(sourceKey, streetKey(former).type, former, false);
  });
  const result = await insertStreets(db, [...streets.values()], [...names.values()]);
  summary.imported = result.streets;
  countSkipped(summary, 'already_imported', streets.size - result.streets);
  summary.notes.names_added = result.names;
  return summary;
}

// ---- buildings ----------------------------------------------------------------------------------

/** Detail types of the Kharkiv register (`detail_type_index`): 0 a building, 5 a garden house. */
const DETAIL_TYPES: Record<string, { take: boolean; reason: string }> = {
  '0': { take: true, reason: '' },
  '1': { take: false, reason: 'land_plot' },
  '2': { take: false, reason: 'garage' },
  '4': { take: false, reason: 'section' },
  '5': { take: true, reason: '' },
};

function roundCoordinate(value: string): number | null {
  const n = Number(value);
  if (!value.trim() || !Number.isFinite(n)) return null;
  // The register's float noise (36.232025349500006): 7 decimals is ~1 cm.
  return Math.round(n * 1e7) / 1e7;
}

async function importKharkivBuildings(
  db: Kysely<DB>,
  file: string,
  signal?: AbortSignal,
): Promise<ImportSummary> {
  const summary = createImportSummary('addresses: buildings', file);
  const records = parse<Record<string, string>>(readFileSync(file), {
    bom: true,
    columns: true,
    relax_column_count: true,
    skip_empty_lines: true,
  });
  const districts = await loadDistrictAreas(db, KHARKIV);
  const knownStreets = new Set(
    (
      await db
        .selectFrom('streets')
        .select('source_key')
        .where('source_key', 'like', 'kharkiv-ar:%')
        .execute()
    ).map((s) => s.source_key),
  );
  const newStreets = new Map<string, StreetRow>();
  const newNames: NameRow[] = [];
  const seen = new Map<string, number>();
  const rows: Record<string, unknown>[] = [];

  records.forEach((r, i) => {
    const line = i + 2;
    summary.read++;
    const full = (r.FullNameUA ?? '').trim();
    if ((r.status_id ?? '').trim() === '3') {
      skipRecord(summary, {
        line,
        reason: 'retired',
        detail: `${full}${r.ChildsIds ? ` (successor ${r.ChildsIds})` : ''}`,
      });
      return;
    }
    const detail = DETAIL_TYPES[(r.detail_type_index ?? '0').trim()] ?? {
      take: false,
      reason: 'not_a_building',
    };
    if (!detail.take) {
      skipRecord(summary, { line, reason: detail.reason, detail: full });
      return;
    }
    const streetId = (r.streetid ?? '').trim();
    const sourceKey = `kharkiv-ar:${streetId}`;
    if (!knownStreets.has(sourceKey) && !newStreets.has(sourceKey)) {
      // A street the street list lacks (ids 8360, 8361, 8380): named from this address.
      const named = streetKey(full.split(',')[0] ?? '');
      const name = (full.split(',')[0] ?? '').trim();
      if (!streetId || !named.key) {
        skipRecord(summary, { line, reason: 'unknown_street', detail: full });
        return;
      }
      const bare = named.type ? name.replace(/^\S+\s+/, '') : name;
      newStreets.set(sourceKey, {
        source_key: sourceKey,
        city: KHARKIV,
        type: named.type,
        name: bare,
      });
      newNames.push({
        source_key: sourceKey,
        type: named.type,
        name: bare,
        name_key: named.key,
        is_current: true,
        valid_from: null,
        valid_to: null,
        period_text: null,
      });
      noteProblem(summary, {
        line,
        reason: 'street_named_from_address',
        detail: `${streetId}: ${name}`,
      });
    }
    const number = (r.number ?? '').trim();
    const suffix = (r.suffix ?? '').trim();
    const block = (r.block ?? '').trim();
    const houseText =
      `${number}${suffix ? (suffix.startsWith('/') || suffix.startsWith('-') ? suffix : `-${suffix}`) : ''}` +
      (block ? ` корп. ${block}` : '');
    const house = parseHouseNumber(houseText);
    if (!house) {
      skipRecord(summary, { line, reason: 'bad_house_number', detail: `${full} («${houseText}»)` });
      return;
    }
    if (house.number < 0)
      noteProblem(summary, { line, reason: 'negative_house_number', detail: full });
    const key = `${sourceKey}|${house.key}`;
    const earlier = seen.get(key);
    if (earlier !== undefined) {
      skipRecord(summary, {
        line,
        reason: 'duplicate_address',
        detail: `${full}: the same house as line ${earlier}`,
      });
      return;
    }
    seen.set(key, line);
    const lat = roundCoordinate(r.lati ?? '');
    const lon = roundCoordinate(r.longt ?? '');
    let districtId: number | null = null;
    if (lat === null || lon === null || lat < -90 || lat > 90 || lon < -180 || lon > 180) {
      noteProblem(summary, { line, reason: 'no_coordinates', detail: full });
    } else {
      districtId = districtOfPoint(districts, lat, lon);
      if (districtId === null)
        noteProblem(summary, { line, reason: 'outside_districts', detail: full });
    }
    let postcode: string | null = (r.postcode ?? '').trim() || null;
    if (postcode !== null && !/^\d{5}$/.test(postcode)) {
      noteProblem(summary, { line, reason: 'bad_postcode', detail: `${full}: «${postcode}»` });
      postcode = null;
    }
    rows.push({
      street_key: sourceKey,
      house_number: house.label,
      house_key: house.key,
      block: house.block || null,
      latitude: lat !== null && lon !== null ? lat : null,
      longitude: lat !== null && lon !== null ? lon : null,
      district_id: districtId,
      kind: (r.detail_type_index ?? '0').trim() === '0' ? 'residential' : 'other',
      postcode,
      source_key: `kharkiv-ar-address:${(r.id ?? '').trim() || line}`,
    });
  });
  if (newStreets.size > 0) await insertStreets(db, [...newStreets.values()], newNames);
  const inserted = await insertBatch(
    db,
    (json) => sql<{ id: number }>`
      INSERT INTO buildings (street_id, house_number, house_key, block, latitude, longitude,
                             district_id, kind, postcode, source_key)
      SELECT s.id, r.house_number, r.house_key, r.block, r.latitude, r.longitude, r.district_id,
             r.kind, r.postcode, r.source_key
        FROM jsonb_to_recordset(${json}::jsonb)
          AS r(street_key text, house_number text, house_key text, block text,
               latitude double precision, longitude double precision, district_id integer,
               kind text, postcode text, source_key text)
        JOIN streets s ON s.source_key = r.street_key
      ON CONFLICT (source_key) DO NOTHING
      RETURNING id`,
    rows,
    signal,
  );
  summary.imported = inserted;
  countSkipped(summary, 'already_imported', rows.length - inserted);
  // The districts each street crosses, from its buildings.
  await sql`
    INSERT INTO street_districts (street_id, district_id)
    SELECT DISTINCT street_id, district_id FROM buildings WHERE district_id IS NOT NULL
    ON CONFLICT DO NOTHING`.execute(db);
  return summary;
}

// ---- Lviv street-name history -------------------------------------------------------------------

interface LvivFeature {
  properties?: {
    name?: string;
    title?: string;
    date_from_text?: number | string | null;
    date_to_text?: number | string | null;
    currentstate?: string;
  };
}

function year(value: number | string | null | undefined): number | null {
  if (typeof value === 'number' && Number.isInteger(value)) return value;
  if (typeof value === 'string' && /^\d{4}$/.test(value.trim())) return Number(value.trim());
  return null;
}

function periodText(
  from: number | string | null | undefined,
  to: number | string | null | undefined,
): string | null {
  const show = (v: number | string | null | undefined) =>
    v === null || v === undefined || v === '' ? '…' : String(v);
  if ((from ?? null) === null && (to ?? null) === null) return null;
  return `${show(from)}–${show(to)}`;
}

async function importLvivHistory(db: Kysely<DB>, file: string): Promise<ImportSummary> {
  const summary = createImportSummary('addresses: lviv street names', file);
  let features: LvivFeature[];
  try {
    features =
      (JSON.parse(readFileSync(file, 'utf8')) as { features?: LvivFeature[] }).features ?? [];
  } catch (error) {
    summary.fatal = `not a GeoJSON file: ${(error as Error).message}`;
    return summary;
  }
  // Versions of one street share the prefix of `name` (…-Shevchenka, …-Shevchenka-2-1).
  const groups = new Map<string, { feature: LvivFeature; record: number }[]>();
  features.forEach((feature, i) => {
    summary.read++;
    const name = feature.properties?.name?.trim();
    const title = feature.properties?.title?.trim();
    if (!name || !title) {
      skipRecord(summary, { line: 1, record: i + 1, reason: 'no_name' });
      return;
    }
    const group = name.replace(/(?:-\d+)+$/, '');
    const list = groups.get(group) ?? [];
    list.push({ feature, record: i + 1 });
    groups.set(group, list);
  });
  const streets: StreetRow[] = [];
  const names = new Map<string, NameRow>();
  for (const [group, versions] of groups) {
    const modern = versions.filter((v) => v.feature.properties?.currentstate === 'modern');
    if (modern.length === 0) {
      for (const v of versions) {
        skipRecord(summary, {
          line: 1,
          record: v.record,
          reason: 'street_gone',
          detail: `${group}: «${v.feature.properties?.title}» has no current name`,
        });
      }
      continue;
    }
    if (new Set(modern.map((m) => m.feature.properties?.title)).size > 1) {
      noteProblem(summary, {
        line: 1,
        record: modern[1]!.record,
        reason: 'several_current_names',
        detail: `${group}: ${modern.map((m) => m.feature.properties?.title).join(' / ')} (the first is current)`,
      });
    }
    const current = modern[0]!.feature.properties!;
    const sourceKey = `lviv-history:${group}`;
    const currentKey = streetKey(current.title!);
    streets.push({
      source_key: sourceKey,
      city: LVIV,
      type: currentKey.type,
      name: current.title!.trim(),
    });
    for (const v of versions) {
      const p = v.feature.properties!;
      const isCurrent = v === modern[0];
      const key = streetKey(p.title!);
      if (!key.key) continue;
      if (!isCurrent && key.key === currentKey.key) continue;
      const id = `${sourceKey}|${key.key}|${isCurrent}`;
      if (names.has(id)) continue;
      const from = year(p.date_from_text);
      const to = year(p.date_to_text);
      if (
        (p.date_from_text !== null && p.date_from_text !== undefined && from === null) ||
        (p.date_to_text !== null && p.date_to_text !== undefined && to === null)
      ) {
        noteProblem(summary, {
          line: 1,
          record: v.record,
          reason: 'inexact_date',
          detail: `«${p.title}»: ${periodText(p.date_from_text, p.date_to_text)}`,
        });
      }
      names.set(id, {
        source_key: sourceKey,
        type: key.type,
        name: p.title!.trim(),
        name_key: key.key,
        is_current: isCurrent,
        valid_from: from !== null ? `${from}-01-01` : null,
        valid_to: !isCurrent && to !== null ? `${to}-01-01` : null,
        period_text: periodText(p.date_from_text, p.date_to_text),
      });
    }
  }
  const result = await insertStreets(db, streets, [...names.values()]);
  summary.imported = result.streets;
  countSkipped(summary, 'already_imported', streets.length - result.streets);
  summary.notes.names_added = result.names;
  return summary;
}

// ---- the whole folder ---------------------------------------------------------------------------

/**
 * Import the address registry from `dir` (the shared `addresses/` folder, holding `kharkiv/` and
 * `lviv/`; either may be absent). Sets the registry's city (`address_city`) to Kharkiv when none
 * is set and Kharkiv's buildings were found.
 *
 * @returns one summary for the folder: totals, skips and notes by `file:reason`, and each file's
 *   own summary in `parts`.
 */
export async function importAddresses(
  deps: Deps,
  dir: string,
  options: { signal?: AbortSignal } = {},
): Promise<ImportSummary> {
  const started = performance.now();
  const summary = createImportSummary('addresses', dir);
  const steps: [
    string,
    (db: Kysely<DB>, file: string, signal?: AbortSignal) => Promise<ImportSummary>,
  ][] = [
    ['kharkiv/districts.geojson', importKharkivDistricts],
    ['kharkiv/streets.csv', importKharkivStreets],
    ['kharkiv/addresses.csv', importKharkivBuildings],
    ['lviv/street-name-history.geojson', importLvivHistory],
  ];
  const parts: ImportSummary[] = [];
  for (const [relative, step] of steps) {
    const file = join(dir, relative);
    if (!existsSync(file)) {
      fileProblem(summary, { line: 0, reason: 'file_missing', detail: relative });
      continue;
    }
    options.signal?.throwIfAborted();
    const t = performance.now();
    let part: ImportSummary;
    try {
      part = await step(deps.db, file, options.signal);
    } catch (error) {
      if (options.signal?.aborted) throw error;
      part = createImportSummary(`addresses: ${relative}`, file);
      part.fatal = (error as Error).message;
    }
    part.durationMs = Math.round(performance.now() - t);
    parts.push(part);
    summary.read += part.read;
    summary.imported += part.imported;
    summary.problemCount += part.problemCount;
    const name = relative.replace(/^.*\//, '').replace(/\..*$/, '');
    for (const [reason, n] of Object.entries(part.skipped))
      summary.skipped[`${name}:${reason}`] = n;
    for (const [reason, n] of Object.entries(part.notes)) summary.notes[`${name}:${reason}`] = n;
    if (part.fatal) summary.fatal = `${relative}: ${part.fatal}`;
  }
  summary.parts = parts;
  if (existsSync(join(dir, 'kharkiv/addresses.csv'))) {
    await deps.db
      .insertInto('settings')
      .values({ key: 'address_city', value: JSON.stringify(KHARKIV) })
      .onConflict((oc) => oc.column('key').doNothing())
      .execute();
  }
  await bumpRegistryVersion(deps.db);
  summary.durationMs = Math.round(performance.now() - started);
  return summary;
}
