/**
 * Kharkiv's districts (`kharkiv/districts.geojson`, the 9 districts): `NAME_UA` holds the pre-2016
 * name and `NAME_LAT` the current one transliterated, so the current Ukrainian name comes from
 * `CURRENT_DISTRICT_NAMES` and the old one is kept as a former name.
 */
import { sql, type Kysely } from 'kysely';
import { type Area, bboxOf } from '../../domain/addresses/geo.js';
import type { DB } from '../db/schema.js';
import {
  countSkipped,
  createImportSummary,
  type ImportSummary,
  noteProblem,
  skipRecord,
} from '../imports/import-summary.js';
import { insertBatch, KHARKIV, readGeoJsonFeatures } from './import-addresses-steps.js';

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

interface DistrictFeature {
  properties?: Record<string, unknown>;
  geometry?: { type?: string; coordinates?: unknown };
}

export async function importKharkivDistricts(db: Kysely<DB>, file: string): Promise<ImportSummary> {
  const summary = createImportSummary('addresses: districts', file);
  const features = readGeoJsonFeatures<DistrictFeature>(file, summary);
  if (features === null) return summary;
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
