/**
 * `kontakt import addresses` (issue 15, item 2) on a real database: the shared registry's
 * districts, the whole street list joined to the 1562 dictionary, Lviv's whole street-name history
 * and the buildings of ten Kharkiv streets chosen for their known faults (shared/data/README.md:
 * retired rows, land plots, garages, sections, a duplicate key, an unreadable house number, points
 * outside every district, a postcode `0`, a negative house number). The districts', streets' and
 * Lviv's counts are the ones README's table gives for the whole files; a second run imports nothing.
 * The 1562 dictionary's bracket names (unbalanced brackets, district abbreviations, `у т.ч.`) are a
 * pure table. Skipped with a warning without the shared data (a failure in CI).
 */
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importAddresses } from '../../src/server/addresses/import-addresses.js';
import { names1562 } from '../../src/server/addresses/import-streets.js';
import type { ImportSummary } from '../../src/server/imports/import-summary.js';
import { KHARKIV_REGISTRY, sharedDataPresent } from '../shared-data.js';
import { createTestContext, type TestContext } from '../test-db.js';

const LVIV_HISTORY = fileURLToPath(
  new URL('../../../shared/data/addresses/lviv/street-name-history.geojson', import.meta.url),
);
const FILES = ['districts.geojson', 'streets.csv', 'addresses.csv'].map((f) =>
  join(KHARKIV_REGISTRY, f),
);
const hasData = sharedDataPresent([...FILES, LVIV_HISTORY], 'The address import tests');

/**
 * Register street ids whose buildings go in the excerpt, each for a fault of the shared file:
 * 1049 вул. Заводу Комсомолець (every row retired, status 3), 2071 пров. Аптекарський (garages),
 * 2088 вул. Алчевських (formerly Артема), 2183 шосе Білгородське (a duplicate key), 2206
 * вул. Валентинівська (formerly Блюхера; land plots, garages), 2405 пров. Подільський (`13А-2`),
 * 2974 вул. Космічна (postcode `0`), 3060 вул. Кузнечна (sections), 3133 вул. Мищенківська (points
 * outside every district), 7428 вул. Інженерна (сел. Циркуни) (the negative number `-2`, retired).
 */
const STREETS = ['1049', '2071', '2088', '2183', '2206', '2405', '2974', '3060', '3133', '7428'];

describe('names1562: the 1562 dictionary entry’s main name and the former names in brackets', () => {
  it.each([
    ['вул. Сумська', 'вул. Сумська', []],
    ['вул. Алчевських (Артема)', 'вул. Алчевських', ['Артема']],
    ['пров. Дизайнерський (Артема)', 'пров. Дизайнерський', ['Артема']],
    ['вул. Валентинівська (Блюхера)', 'вул. Валентинівська', ['Блюхера']],
    // Unbalanced: a bracket opened twice, closed once.
    [
      'вул. Євгена Котляра (Конарєва (Червоноармійська)',
      'вул. Євгена Котляра',
      ['Конарєва', 'Червоноармійська'],
    ],
    // A former name with its own type word after it.
    ['пров. Подільський (Гамарника вул.)', 'пров. Подільський', ['Гамарника вул.']],
    // A district abbreviation is no name.
    ['вул. Прирічна (Поздовжня Фрунз.)', 'вул. Прирічна', ['Поздовжня Фрунз.']],
    ['вул. Джерельна (Фрунз.)', 'вул. Джерельна', []],
    ['пров. Лаврентіївський (Ногіна (Лен.))', 'пров. Лаврентіївський', ['Ногіна']],
    // «у т.ч.» (including) is cut off.
    [
      'пр-д Панасівський (у т. ч. Панасівський 2-й пр-д)',
      'пр-д Панасівський',
      ['Панасівський 2-й пр-д'],
    ],
    // A bracket that holds only a type word says nothing.
    ['пров. Мало-Черновський (в-д)', 'пров. Мало-Черновський', []],
    // Closing brackets with nothing opened: no former name.
    ['пр-д частный сектор))', 'пр-д частный сектор))', []],
    // Glued type words stay in the main name (the street key reads them: address-normal-form).
    ['б-рв-д Мінутка', 'б-рв-д Мінутка', []],
    ['б-рдорога Плитковий', 'б-рдорога Плитковий', []],
  ])('%s → %s, formerly %j', (entry, main, former) => {
    expect(names1562(entry)).toEqual({ main, former });
  });
});

let ctx: TestContext;
let dir: string;

/** A shared-data folder: districts, streets and Lviv whole, the buildings of STREETS. */
function excerptFolder(): string {
  const root = mkdtempSync(join(tmpdir(), 'kontakt-addresses-'));
  const kharkiv = join(root, 'kharkiv');
  const lviv = join(root, 'lviv');
  mkdirSync(kharkiv, { recursive: true });
  mkdirSync(lviv, { recursive: true });
  copyFileSync(FILES[0]!, join(kharkiv, 'districts.geojson'));
  copyFileSync(FILES[1]!, join(kharkiv, 'streets.csv'));
  copyFileSync(LVIV_HISTORY, join(lviv, 'street-name-history.geojson'));
  // The street id is the second column of addresses.csv, never quoted.
  const wanted = new Set(STREETS);
  const lines = readFileSync(FILES[2]!, 'utf8').split(/\r?\n/);
  const kept = lines.filter((line, i) => i === 0 || wanted.has(line.split(',', 2)[1] ?? ''));
  writeFileSync(join(kharkiv, 'addresses.csv'), `${kept.join('\n')}\n`);
  return root;
}

function part(summary: ImportSummary, format: string): ImportSummary {
  const found = summary.parts?.find((p) => p.format === `addresses: ${format}`);
  if (!found) throw new Error(`no part ${format} in the summary`);
  return found;
}

describe.runIf(hasData)('import addresses: the shared files on a real database', () => {
  let first: ImportSummary;

  beforeAll(async () => {
    ctx = await createTestContext();
    dir = excerptFolder();
    first = await importAddresses(ctx.deps, dir);
  }, 300_000);
  afterAll(async () => {
    await ctx?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('imports the 9 districts under their current names, the pre-2016 ones kept', async () => {
    expect(first.fatal).toBeNull();
    const districts = part(first, 'districts');
    expect(districts).toMatchObject({ read: 9, imported: 9, skipped: {} });
    expect(districts.notes).toEqual({ misspelt_name: 1 });
    const rows = await ctx.deps.db
      .selectFrom('districts')
      .select(['name', 'former_names', 'boundary'])
      .execute();
    expect(rows).toHaveLength(9);
    expect(rows.find((d) => d.name === 'Шевченківський')?.former_names).toContain('Дзержинський');
    expect(rows.every((d) => d.boundary !== null)).toBe(true);
  });

  it('takes the register’s streets with the 1562 dictionary’s former names (README figures)', async () => {
    const streets = part(first, 'streets');
    expect(streets).toMatchObject({
      read: 3872,
      imported: 3720,
      skipped: { no_registry_street: 116, no_name: 3 },
    });
    expect(streets.notes).toMatchObject({ unbalanced_brackets: 2, names_added: 4039 });
    const names = await ctx.deps.db
      .selectFrom('street_names as n')
      .innerJoin('streets as s', 's.id', 'n.street_id')
      .select(['n.name', 'n.is_current'])
      .where('s.source_key', '=', 'kharkiv-ar:4320')
      .orderBy('n.name')
      .execute();
    expect(names).toEqual([
      { name: 'Євгена Котляра', is_current: true },
      { name: 'Конарєва', is_current: false },
      { name: 'Червоноармійська', is_current: false },
    ]);
  });

  it('takes buildings only, skipping and counting every fault of the register', async () => {
    const buildings = part(first, 'buildings');
    // 796 rows of the ten streets: 390 buildings of status 1, 55 retired, 327 land plots,
    // 21 garages, 3 sections; of the 390, one duplicate key and one unreadable number.
    expect(buildings).toMatchObject({
      read: 796,
      imported: 388,
      skipped: {
        retired: 55,
        land_plot: 327,
        garage: 21,
        section: 3,
        duplicate_address: 1,
        bad_house_number: 1,
      },
    });
    expect(buildings.notes).toMatchObject({ bad_postcode: 1 });
    expect(buildings.notes.outside_districts).toBeGreaterThan(0);
    const problem = (reason: string) => buildings.problems.find((p) => p.reason === reason);
    expect(problem('bad_house_number')?.detail).toContain('Подільський, 13А-2');
    expect(problem('duplicate_address')?.detail).toContain('шосе Білгородське, 12');
    expect(problem('outside_districts')?.detail).toContain('Мищенківська');
  });

  it('keys the houses by the normal form and places them in their district', async () => {
    const db = ctx.deps.db;
    const building = await db
      .selectFrom('buildings as b')
      .innerJoin('streets as s', 's.id', 'b.street_id')
      .leftJoin('districts as d', 'd.id', 'b.district_id')
      .select(['b.id', 'b.house_number', 'b.house_key', 'b.latitude', 'd.name as district'])
      .where('s.source_key', '=', 'kharkiv-ar:2088')
      .where('b.house_key', '=', '31а')
      .executeTakeFirstOrThrow();
    expect(building).toMatchObject({ house_number: '31-А', district: 'Київський' });
    expect(building.latitude).toBeCloseTo(50.0, 0);
    const crossed = await db
      .selectFrom('street_districts as sd')
      .innerJoin('streets as s', 's.id', 'sd.street_id')
      .select('sd.district_id')
      .where('s.source_key', '=', 'kharkiv-ar:2088')
      .execute();
    expect(crossed.length).toBeGreaterThan(0);
    const outside = await db
      .selectFrom('buildings as b')
      .innerJoin('streets as s', 's.id', 'b.street_id')
      .select(({ fn }) => fn.countAll<string>().as('n'))
      .where('s.source_key', '=', 'kharkiv-ar:3133')
      .where('b.district_id', 'is', null)
      .executeTakeFirstOrThrow();
    // Kept, with no district: the point lies in none.
    expect(Number(outside.n)).toBe(part(first, 'buildings').notes.outside_districts);
  });

  it('takes Lviv’s street-name history with its dates (README figures)', async () => {
    const lviv = part(first, 'lviv street names');
    expect(lviv).toMatchObject({ read: 4902, imported: 1213, skipped: { street_gone: 1476 } });
    expect(lviv.notes).toMatchObject({
      inexact_date: 59,
      several_current_names: 2,
      names_added: 3315,
    });
    const dated = await ctx.deps.db
      .selectFrom('street_names as n')
      .innerJoin('streets as s', 's.id', 'n.street_id')
      .select(({ fn }) => fn.countAll<string>().as('n'))
      .where('s.source_key', 'like', 'lviv-history:%')
      .where('n.is_current', '=', false)
      .where((eb) => eb.or([eb('n.valid_to', 'is not', null), eb('n.period_text', 'is not', null)]))
      .executeTakeFirstOrThrow();
    expect(Number(dated.n)).toBeGreaterThan(1000);
  });

  it('is idempotent: a second run imports nothing and counts already_imported', async () => {
    const second = await importAddresses(ctx.deps, dir);
    expect(second.imported).toBe(0);
    expect(second.fatal).toBeNull();
    expect(second.skipped).toMatchObject({
      'districts:already_imported': 9,
      'streets:already_imported': 3720,
      'addresses:already_imported': 388,
      'street-name-history:already_imported': 1213,
    });
    const count = await ctx.deps.db
      .selectFrom('buildings')
      .select(({ fn }) => fn.countAll<string>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(count.n)).toBe(388);
  }, 120_000);

  it('says which file is missing and reads the others', async () => {
    const empty = mkdtempSync(join(tmpdir(), 'kontakt-addresses-none-'));
    try {
      const summary = await importAddresses(ctx.deps, empty);
      expect(summary.imported).toBe(0);
      expect(summary.problems.map((p) => [p.reason, p.detail])).toEqual([
        ['file_missing', 'kharkiv/districts.geojson'],
        ['file_missing', 'kharkiv/streets.csv'],
        ['file_missing', 'kharkiv/addresses.csv'],
        ['file_missing', 'lviv/street-name-history.geojson'],
      ]);
    } finally {
      await rm(empty, { recursive: true, force: true });
    }
  });
});
