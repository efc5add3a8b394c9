/**
 * Maps are never a blank grid (issue 12): without a tile server (the default) the portal's maps
 * draw the city's districts and streets from the address registry, and a point is placed on them.
 * The server imports a small excerpt of Kharkiv's registry, cut from the shared data at run time:
 * the nine districts and nine central streets with their buildings.
 */
import type { Page } from 'playwright-core';
import { rm } from 'node:fs/promises';
import { afterAll, describe, expect, it } from 'vitest';
import {
  browserSuite,
  expectAccessible,
  hasChromium,
  screenshot,
  STEP_TIMEOUT,
} from './browser.js';
import { kharkivRegistryExcerpt } from '../shared-data.js';

const EXCERPT = kharkivRegistryExcerpt([2444, 2510, 3070, 3263, 3731, 4058, 4349, 4376, 7286]);

interface Outline {
  source: string;
  features: { properties: { kind: string; name: string } }[];
}

/** Share of the map's canvas that is drawn on (0 … 1): a blank grid draws nothing there. */
const drawnShare = (page: Page) =>
  page.evaluate(() => {
    const canvas = document.querySelector<HTMLCanvasElement>('.leaflet-container canvas');
    if (!canvas) return 0;
    const { data } = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height);
    let drawn = 0;
    for (let i = 3; i < data.length; i += 4) if (data[i]! > 0) drawn++;
    return drawn / (canvas.width * canvas.height);
  });

describe.skipIf(!hasChromium || !EXCERPT)('maps without tiles (issue 12), uk-UA', () => {
  const suite = browserSuite({ sharedData: EXCERPT });
  afterAll(() => rm(EXCERPT!, { recursive: true, force: true }));

  it(
    'the outline comes from the registry; the portal map draws it, names the districts and takes a point',
    async () => {
      // The demo imports the registry in the background: wait until its streets are in.
      let outline: Outline = { source: 'none', features: [] };
      await expect
        .poll(
          async () => {
            const res = await fetch(`${suite.baseUrl}/api/public/map/outline`);
            outline = (await res.json()) as Outline;
            return outline.features.filter((f) => f.properties.kind === 'street').length;
          },
          { timeout: 120_000, interval: 1_000 },
        )
        .toBeGreaterThanOrEqual(5);
      expect(outline.source).toBe('registry');
      const districts = outline.features.filter((f) => f.properties.kind === 'district');
      expect(districts).toHaveLength(9);
      expect(outline.features.map((f) => f.properties.name)).toContain('вулиця Сумська');

      const page = await suite.newPage({ width: 390, timezoneId: 'Europe/Kyiv' });
      await page.goto(`${suite.baseUrl}/portal/submit`);
      const map = page.locator('[data-map-background="outline"]');
      await map.waitFor();
      expect(await page.getByTestId('map-background-note').textContent()).toContain(
        'райони й вулиці з реєстру адрес',
      );
      await expect.poll(() => drawnShare(page)).toBeGreaterThan(0.02);
      await expect.poll(() => page.locator('.map-district-label').count()).toBeGreaterThan(0);
      const labels = await page.locator('.map-district-label').allTextContents();
      expect(labels.some((l) => districts.some((d) => d.properties.name === l))).toBe(true);

      // A click on the drawn city places the point.
      const container = page.locator('.leaflet-container').first();
      await container.scrollIntoViewIfNeeded();
      const box = (await container.boundingBox())!;
      await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
      await expect
        .poll(() => page.getByTestId('chosen-point').textContent())
        .toMatch(/^Позначено точку 49\.\d+, 36\.\d+\.$/);
      await screenshot(page, 'portal-map-outline');
      await expectAccessible(page, 'the submit page with the outline map');

      // The city's appeals on the map: the same outline under them.
      await page.goto(`${suite.baseUrl}/portal/appeals?view=map`);
      await page.locator('[data-map-background="outline"]').waitFor();
      await expect.poll(() => drawnShare(page)).toBeGreaterThan(0.02);
      await screenshot(page, 'portal-appeals-map-outline');
      await expectAccessible(page, 'the appeals map with the outline');
    },
    STEP_TIMEOUT,
  );
});
