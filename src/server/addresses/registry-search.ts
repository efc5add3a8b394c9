/**
 * Address suggestions from the registry (issue 15): type any part of a street's current or former
 * name, with or without its type word, then the house. Streets are matched in memory
 * (`domain/addresses/street-search.ts`; the index is rebuilt when the registry's version changes,
 * so every process sees a rename at its next search); buildings by an indexed prefix of their
 * house key. Nearest building to a point by the (latitude, longitude) index.
 */
import { sql, type Kysely } from 'kysely';
import { parseAddress } from '../../domain/addresses/address-normal-form.js';
import { distanceMetres } from '../../domain/addresses/geo.js';
import {
  buildStreetIndex,
  searchStreets,
  type StreetIndex,
  type StreetMatch,
} from '../../domain/addresses/street-search.js';
import type { DB } from '../db/schema.js';
import { loadDistrictAreas, type LoadedDistrict } from './districts.js';
import { localRegistryChanges, registryVersion } from './registry-version.js';
import { prepared } from '../db/prepared.js';

/**
 * Another process's change of the registry is seen within this many milliseconds (the version is
 * read at most this often); this process's own changes at once.
 */
const VERSION_CHECK_MS = 2000;

interface CachedIndex {
  version: number;
  database: string;
  checkedAt: number;
  localChanges: number;
  city: string | null;
  index: StreetIndex;
  streets: Map<number, { type: string | null; name: string }>;
  /** The city's districts with their boundaries. */
  districts: LoadedDistrict[];
}

const cache = new WeakMap<Kysely<DB>, CachedIndex>();
/** The last index built, for a transaction's Kysely (a new object each time) of the same database. */
let lastBuilt: CachedIndex | null = null;

/** The registry's city (setting `address_city`), or null when none is set. */
export async function registryCity(db: Kysely<DB>): Promise<string | null> {
  const row = await db
    .selectFrom('settings')
    .select('value')
    .where('key', '=', 'address_city')
    .executeTakeFirst();
  const value = row?.value as unknown;
  return typeof value === 'string' ? value : null;
}

/** The street index of the registry's city, rebuilt when the registry changed. */
export async function streetIndex(db: Kysely<DB>): Promise<CachedIndex> {
  const cached = cache.get(db);
  const now = Date.now();
  if (
    cached &&
    cached.localChanges === localRegistryChanges() &&
    now - cached.checkedAt < VERSION_CHECK_MS
  )
    return cached;
  const { version, database } = await registryVersion(db);
  const candidate = cached ?? lastBuilt;
  if (
    candidate &&
    candidate.version === version &&
    candidate.database === database &&
    candidate.localChanges === localRegistryChanges()
  ) {
    candidate.checkedAt = now;
    cache.set(db, candidate);
    return candidate;
  }
  const city = await registryCity(db);
  let query = db
    .selectFrom('street_names as n')
    .innerJoin('streets as s', 's.id', 'n.street_id')
    .select([
      'n.street_id',
      'n.name',
      'n.type',
      'n.is_current',
      's.type as street_type',
      's.name as street_name',
      sql<string | null>`coalesce(to_char(n.valid_to, 'YYYY-MM-DD'), n.period_text)`.as('until'),
    ])
    .where('s.active', '=', true);
  if (city) query = query.where('s.city', '=', city);
  const rows = await query.execute();
  const streets = new Map<number, { type: string | null; name: string }>();
  for (const r of rows) streets.set(r.street_id, { type: r.street_type, name: r.street_name });
  const built: CachedIndex = {
    version,
    database,
    checkedAt: now,
    localChanges: localRegistryChanges(),
    city,
    index: buildStreetIndex(
      rows.map((r) => ({
        streetId: r.street_id,
        name: r.name,
        type: r.type,
        current: r.is_current,
        until: r.is_current ? null : r.until,
      })),
    ),
    streets,
    districts: await loadDistrictAreas(db, city ?? undefined),
  };
  cache.set(db, built);
  lastBuilt = built;
  return built;
}

export interface AddressSuggestion {
  /** The building, or null for a street-level suggestion (no house typed yet). */
  buildingId: number | null;
  streetId: number;
  /** As shown: `вулиця Сумська, 12-А` (the current name). */
  label: string;
  streetType: string | null;
  streetName: string;
  /** The former name the words matched (shown as "formerly …"), or null. */
  formerly: { name: string; until: string | null } | null;
  houseNumber: string | null;
  districtId: number | null;
  districtName: string | null;
  latitude: number | null;
  longitude: number | null;
}

/** `вулиця Сумська` (type word first, as the Kharkiv register writes it). */
export function streetLabel(type: string | null, name: string): string {
  const shown = type === 'вїзд' ? "в'їзд" : type;
  return shown ? `${shown} ${name}` : name;
}

interface BuildingRow {
  id: number;
  street_id: number;
  house_number: string;
  house_key: string;
  district_id: number | null;
  district_name: string | null;
  latitude: number | null;
  longitude: number | null;
}

function suggestionOf(
  match: StreetMatch,
  street: { type: string | null; name: string },
  building: BuildingRow | null,
): AddressSuggestion {
  const label = streetLabel(street.type, street.name);
  return {
    buildingId: building?.id ?? null,
    streetId: match.streetId,
    label: building ? `${label}, ${building.house_number}` : label,
    streetType: street.type,
    streetName: street.name,
    formerly: match.matched.current
      ? null
      : { name: streetLabel(match.matched.type, match.matched.name), until: match.matched.until },
    houseNumber: building?.house_number ?? null,
    districtId: building?.district_id ?? null,
    districtName: building?.district_name ?? null,
    latitude: building?.latitude ?? null,
    longitude: building?.longitude ?? null,
  };
}

/**
 * Suggestions for what was typed: streets (when no house is typed) or buildings of the best
 * matching streets whose house starts with what was typed (`сумська 12` offers 12, 12-А, 120…;
 * the exact house first).
 *
 * @param q at least 2 characters.
 * @returns up to `limit` suggestions, best first.
 */
export async function suggestFromRegistry(
  db: Kysely<DB>,
  q: string,
  limit = 10,
): Promise<AddressSuggestion[]> {
  const { index, streets } = await streetIndex(db);
  const parsed = parseAddress(q);
  // "Сумська 1" parses the house as 1; a house with nothing before it is a street like "23 Серпня".
  const streetText = parsed.house && parsed.street.key ? parsed.street.key : q;
  const matches = searchStreets(index, streetText, parsed.house ? 5 : limit);
  if (matches.length === 0) return [];
  if (!parsed.house || !parsed.street.key) {
    return matches.map((m) => suggestionOf(m, streets.get(m.streetId)!, null));
  }
  const houseKey = parsed.house.key;
  const rows = await db
    .selectFrom('buildings as b')
    .leftJoin('districts as d', 'd.id', 'b.district_id')
    .select([
      'b.id',
      'b.street_id',
      'b.house_number',
      'b.house_key',
      'b.district_id',
      'd.name as district_name',
      'b.latitude',
      'b.longitude',
    ])
    .where(
      'b.street_id',
      'in',
      matches.map((m) => m.streetId),
    )
    .where('b.active', '=', true)
    .where('b.house_key', 'like', `${houseKey.replace(/[\\%_]/g, '\\$&')}%`)
    .orderBy(sql`b.house_key = ${houseKey}`, 'desc')
    .orderBy(sql`length(b.house_key)`)
    .orderBy('b.house_key')
    .limit(limit * 3)
    .execute();
  const rank = new Map(matches.map((m, i) => [m.streetId, i]));
  return rows
    .sort(
      (a, b) =>
        Number(b.house_key === houseKey) - Number(a.house_key === houseKey) ||
        rank.get(a.street_id)! - rank.get(b.street_id)!,
    )
    .slice(0, limit)
    .map((r) => {
      const match = matches.find((m) => m.streetId === r.street_id)!;
      return suggestionOf(match, streets.get(r.street_id)!, r);
    });
}

export interface PlacedBuilding {
  id: number;
  label: string;
  streetId: number;
  districtId: number | null;
  maintainerId: number | null;
  latitude: number | null;
  longitude: number | null;
}

/** A building by id with what routing and placing need, or null (inactive: its merge target). */
export async function buildingById(db: Kysely<DB>, id: number): Promise<PlacedBuilding | null> {
  const row = await db
    .selectFrom('buildings as b')
    .innerJoin('streets as s', 's.id', 'b.street_id')
    .select([
      'b.id',
      'b.house_number',
      'b.street_id',
      'b.district_id',
      'b.maintainer_id',
      'b.latitude',
      'b.longitude',
      'b.merged_into_id',
      's.type',
      's.name',
    ])
    .where('b.id', '=', id)
    .executeTakeFirst();
  if (!row) return null;
  if (row.merged_into_id !== null && row.merged_into_id !== id)
    return buildingById(db, row.merged_into_id);
  return {
    id: row.id,
    label: `${streetLabel(row.type, row.name)}, ${row.house_number}`,
    streetId: row.street_id,
    districtId: row.district_id,
    maintainerId: row.maintainer_id,
    latitude: row.latitude,
    longitude: row.longitude,
  };
}

/**
 * The one building a free-text address names exactly by the normal form (street key among any of
 * the street's names in the registry's city, house key), or null when none or several match —
 * never a guess.
 */
export async function buildingByText(db: Kysely<DB>, text: string): Promise<PlacedBuilding | null> {
  const parsed = parseAddress(text);
  if (!parsed.house || !parsed.street.key) return null;
  const { city } = await streetIndex(db);
  let query = db
    .selectFrom('buildings as b')
    .innerJoin('street_names as n', 'n.street_id', 'b.street_id')
    .innerJoin('streets as s', 's.id', 'b.street_id')
    .select('b.id')
    .distinct()
    .where('n.name_key', '=', parsed.street.key)
    .where('b.house_key', '=', parsed.house.key)
    // A literal, not a parameter: a prepared statement's generic plan may then use the partial
    // index of active buildings.
    .where('b.active', '=', sql.lit(true));
  if (city) query = query.where('s.city', '=', city);
  // The type word, when given, tells «вул. Артема» from «пров. Артема».
  if (parsed.street.type) {
    query = query.where((eb) =>
      eb.or([eb('n.type', '=', parsed.street.type), eb('n.type', 'is', null)]),
    );
  }
  const rows = await query.limit(2).modifyEnd(prepared).execute();
  return rows.length === 1 ? buildingById(db, rows[0]!.id) : null;
}

/**
 * The building nearest to a point within `radiusMetres` (default 150 m), by a box on the
 * (latitude, longitude) index and the exact distance; null when none is that close.
 */
export async function nearestBuilding(
  db: Kysely<DB>,
  lat: number,
  lon: number,
  radiusMetres = 150,
): Promise<(PlacedBuilding & { distanceMetres: number }) | null> {
  const dLat = radiusMetres / 111_320;
  const dLon = radiusMetres / (111_320 * Math.max(0.01, Math.cos((lat * Math.PI) / 180)));
  const rows = await db
    .selectFrom('buildings')
    .select(['id', 'latitude', 'longitude'])
    .where('active', '=', true)
    .where('latitude', '>=', lat - dLat)
    .where('latitude', '<=', lat + dLat)
    .where('longitude', '>=', lon - dLon)
    .where('longitude', '<=', lon + dLon)
    .limit(500)
    .execute();
  let best: { id: number; d: number } | null = null;
  for (const r of rows) {
    if (r.latitude === null || r.longitude === null) continue;
    const d = distanceMetres(lat, lon, r.latitude, r.longitude);
    if (d <= radiusMetres && (!best || d < best.d)) best = { id: r.id, d };
  }
  if (!best) return null;
  const building = await buildingById(db, best.id);
  return building ? { ...building, distanceMetres: Math.round(best.d) } : null;
}
