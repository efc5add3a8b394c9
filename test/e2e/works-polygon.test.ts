/**
 * Issue 16, the area drawn on the map: in a real browser (uk-UA, Europe/Kyiv) against the demo
 * server with Kharkiv's вулиця Сумська from the shared registry, the dispatcher picks a building
 * (the works map moves to it), clears the address field, draws a four-cornered polygon around it
 * by clicks (undo and the keyboard's "centre of the map" checked on the way), and registers the
 * entry; the API shows it with the polygon and the buildings it covers. The form with the map
 * passes axe in Ukrainian and English.
 */
import { rm } from 'node:fs/promises';
import type { Page } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import {
  browserStory,
  browserSuite,
  expectAccessible,
  screenshot,
  STEP_TIMEOUT,
  registryBuilding,
} from './browser.js';
import { kharkivRegistryExcerpt } from '../shared-data.js';

const KYIV = 'Europe/Kyiv';
const IMPORT_TIMEOUT = 300_000;
const PUBLIC_TEXT =
  'Планові роботи на теплотрасі: у позначеній області не буде опалення до вечора.';

interface Work {
  id: number;
  area: {
    buildingIds: number[];
    streetIds: number[];
    districtIds: number[];
    polygon: { type: 'Polygon'; coordinates: [number, number][][] } | null;
  };
  buildingCount: number;
  publicTextUk: string;
}

async function call<T>(page: Page, path: string): Promise<T> {
  return page.evaluate(async (path) => {
    const res = await fetch(path, { headers: { accept: 'application/json' } });
    if (!res.ok) throw new Error(`GET ${path}: ${res.status} ${await res.text()}`);
    return (await res.json()) as T;
  }, path);
}

/** The works map's points as listed under it (the text alternative). */
const listed = (page: Page) =>
  page.getByTestId('works-polygon-points').locator('li').allTextContents();

/** Clicks at the corners of a square of 2·`half` pixels around the middle of the works map. */
async function drawSquare(page: Page, half: number, corners = 4): Promise<void> {
  const map = page.getByTestId('works-polygon').locator('.leaflet-container');
  await map.scrollIntoViewIfNeeded();
  const box = (await map.boundingBox())!;
  const cx = box.x + box.width / 2;
  const cy = box.y + box.height / 2;
  const before = (await listed(page)).length;
  const points: [number, number][] = [
    [cx - half, cy - half],
    [cx + half, cy - half],
    [cx + half, cy + half],
    [cx - half, cy + half],
  ];
  for (const [i, [x, y]] of points.slice(0, corners).entries()) {
    await page.mouse.click(x, y);
    await expect.poll(async () => (await listed(page)).length).toBe(before + i + 1);
  }
}

const sharedData = kharkivRegistryExcerpt([4058]);
const story = sharedData ? browserStory : (name: string) => describe.skip(name, () => {});

story('works registry: the area drawn as a polygon on the map', () => {
  const suite = browserSuite(sharedData ? { sharedData } : {});
  afterAll(() => rm(sharedData!, { recursive: true, force: true }));
  let dispatcher: Page;
  let building = { latitude: 0, longitude: 0 };

  it(
    'the demo imports the register (Сумська 10 is found with its point)',
    async () => {
      const found = await registryBuilding(suite.baseUrl, 'Сумська 10', IMPORT_TIMEOUT - 10_000, {
        withPoint: true,
      });
      building = { latitude: found.latitude!, longitude: found.longitude! };
    },
    IMPORT_TIMEOUT,
  );

  it(
    'the dispatcher draws four corners around a building, saves, and the API covers its buildings',
    async () => {
      dispatcher = await suite.signIn('dispatcher', { timezoneId: KYIV });
      await dispatcher.getByRole('link', { name: 'Роботи' }).first().click();
      await dispatcher
        .getByRole('heading', { level: 1, name: 'Аварійні та планові роботи' })
        .waitFor();
      await dispatcher.getByTestId('works-polygon').locator('.leaflet-container').waitFor();
      await dispatcher.getByLabel('Послуга').selectOption({ label: 'опалення' });

      // Picking a building moves the map to it; the field is then cleared (the polygon alone is the area).
      const place = dispatcher.getByRole('combobox', { name: 'Будинок (або вулиця)' });
      await place.click();
      await place.fill('Сумська 10');
      const option = dispatcher.getByRole('option', { name: /Сумська, 10(?!\d)/ }).first();
      await option.waitFor();
      await option.click();
      await place.fill('');

      // The keyboard's way: the centre of the map is the building's point; undo removes it.
      await dispatcher.getByRole('button', { name: 'Додати центр мапи' }).click();
      await expect.poll(() => listed(dispatcher)).toHaveLength(1);
      const [first] = await listed(dispatcher);
      const [, lat, lon] = /широта ([\d.]+), довгота ([\d.]+)/.exec(first!)!.map(Number);
      expect(Math.abs(lat! - building.latitude)).toBeLessThan(0.0005);
      expect(Math.abs(lon! - building.longitude)).toBeLessThan(0.0005);
      await dispatcher.getByRole('button', { name: 'Прибрати останню вершину' }).click();
      await expect.poll(() => listed(dispatcher)).toHaveLength(0);
      await dispatcher.getByText('Область на мапі не позначено.').waitFor();

      // Two clicks are not an area yet; four are.
      await drawSquare(dispatcher, 90, 2);
      await dispatcher.getByText('Вершин: 2. Для області потрібно щонайменше три.').waitFor();
      await dispatcher.getByRole('button', { name: 'Очистити область' }).click();
      await expect.poll(() => listed(dispatcher)).toHaveLength(0);
      await drawSquare(dispatcher, 90);
      await dispatcher.getByText('Область позначено: вершин 4.').waitFor();
      await screenshot(dispatcher, 'works-polygon-drawn');
      await expectAccessible(dispatcher, 'the works form with a polygon drawn on the map');

      await dispatcher.getByLabel('Причина').fill('Заміна засувки на теплотрасі');
      await dispatcher.getByLabel('Текст для мешканців (українською)').fill(PUBLIC_TEXT);
      await dispatcher.getByRole('button', { name: 'Зареєструвати роботи' }).click();
      const row = dispatcher.getByRole('row', { name: new RegExp(PUBLIC_TEXT.slice(0, 30)) });
      await row.waitFor();
      // Saved: the drawing is cleared for the next entry.
      await expect.poll(() => listed(dispatcher)).toHaveLength(0);

      const works = await call<Work[]>(dispatcher, '/api/v1/works');
      const work = works.find((w) => w.publicTextUk === PUBLIC_TEXT)!;
      expect(work).toBeDefined();
      expect(work.area.buildingIds).toEqual([]);
      expect(work.area.streetIds).toEqual([]);
      const ring = work.area.polygon!.coordinates[0]!;
      expect(work.area.polygon!.type).toBe('Polygon');
      expect(ring).toHaveLength(5);
      expect(ring[4]).toEqual(ring[0]);
      // The square holds the building's point: [lon, lat] in GeoJSON's order.
      const lons = ring.map((p) => p[0]);
      const lats = ring.map((p) => p[1]);
      expect(Math.min(...lons)).toBeLessThan(building.longitude);
      expect(Math.max(...lons)).toBeGreaterThan(building.longitude);
      expect(Math.min(...lats)).toBeLessThan(building.latitude);
      expect(Math.max(...lats)).toBeGreaterThan(building.latitude);
      expect(work.buildingCount).toBeGreaterThan(0);
      await expect.poll(() => row.textContent()).toContain(`будинків: ${work.buildingCount}`);
      await screenshot(dispatcher, 'works-polygon-saved');
    },
    STEP_TIMEOUT,
  );

  it(
    'the form with the map in English passes axe',
    async () => {
      await dispatcher.evaluate(() => localStorage.setItem('kontakt.language', 'en'));
      await dispatcher.reload();
      await dispatcher
        .getByRole('heading', { level: 1, name: 'Emergencies and planned works' })
        .waitFor();
      await dispatcher.getByTestId('works-polygon').locator('.leaflet-container').waitFor();
      await dispatcher.getByLabel('Corner by coordinates').fill('49.99, 36.23');
      await dispatcher.getByRole('button', { name: 'Add corner' }).click();
      await dispatcher.getByText('latitude 49.99000, longitude 36.23000').waitFor();
      await dispatcher.getByLabel('Corner by coordinates').fill('not a point');
      await dispatcher.getByRole('button', { name: 'Add corner' }).click();
      await dispatcher.getByText('Type the latitude and longitude separated by a comma').waitFor();
      await drawSquare(dispatcher, 70, 3);
      await dispatcher.getByText('Area drawn: 4 corners.').waitFor();
      await screenshot(dispatcher, 'works-polygon-en');
      await expectAccessible(dispatcher, 'the English works form with the map');
    },
    STEP_TIMEOUT,
  );
});
