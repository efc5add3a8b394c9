/**
 * Kharkiv's buildings (`kharkiv/addresses.csv`, 77,390 rows): retired rows (status 3), land plots,
 * garages and sections (not buildings), duplicate keys and unreadable house numbers are skipped
 * and counted; a point in no district is imported and noted; a street the street list lacks is
 * named from its address.
 */
import { sql, type Kysely } from 'kysely';
import { parseHouseNumber, streetKey } from '../../domain/addresses/address-normal-form.js';
import { districtOfPoint, loadDistrictAreas } from './districts.js';
import type { DB } from '../db/schema.js';
import {
  countSkipped,
  createImportSummary,
  type ImportSummary,
  noteProblem,
  skipRecord,
} from '../imports/import-summary.js';
import {
  insertBatch,
  insertStreets,
  KHARKIV,
  type NameRow,
  readCsvRecords,
  type StreetRow,
} from './import-addresses-steps.js';

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

export async function importKharkivBuildings(
  db: Kysely<DB>,
  file: string,
  signal?: AbortSignal,
): Promise<ImportSummary> {
  const summary = createImportSummary('addresses: buildings', file);
  const records = readCsvRecords(file);
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
