/**
 * Issue 16, item 6 in a real browser (uk-UA, Europe/Kyiv) against the demo server with a slice of
 * Kharkiv's register (вулиця Сумська): the dispatcher registers, through the API, an active
 * hot-water outage on the street and planned works at one of its buildings (with an outline); a
 * citizen on a 360 px phone opens the portal's works page from its menu, sees both with their
 * public texts, Kyiv dates and the map; a search by вулиця Сумська finds them, another street does
 * not. The page passes axe in Ukrainian and English.
 */
import { rm } from 'node:fs/promises';
import type { Page } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import {
  browserStory,
  browserSuite,
  expectAccessible,
  expectTranslated,
  screenshot,
  STEP_TIMEOUT,
  call,
  registryBuilding,
} from './browser.js';
import { kharkivRegistryExcerpt } from '../shared-data.js';

const KYIV = 'Europe/Kyiv';
const IMPORT_TIMEOUT = 300_000;
const ACTIVE_UK = 'Аварія на тепломережі: гарячої води на вулиці Сумській немає до вечора.';
const ACTIVE_EN = 'A heating-network accident: no hot water on Sumska Street until the evening.';
const PLANNED_UK = 'Планова заміна ліфта в будинку на вулиці Сумській.';

/** Type a street into the works page's address search and pick its suggestion. */
async function searchStreet(page: Page, typed: string, option: RegExp): Promise<void> {
  const input = page.getByRole('combobox', { name: /Адреса|Address/ });
  await input.click();
  await input.fill(typed);
  const choice = page.getByRole('option', { name: option }).first();
  await choice.waitFor();
  await choice.click();
}

const sharedData = kharkivRegistryExcerpt([4058], { allStreets: true });
const story = sharedData ? browserStory : (name: string) => describe.skip(name, () => {});

story('the portal lists current and planned works, by address and on the map', () => {
  const suite = browserSuite(sharedData ? { sharedData } : {});
  afterAll(async () => {
    await rm(sharedData!, { recursive: true, force: true });
  });
  let streetId = 0;
  let buildingId = 0;
  let at: [number, number] = [0, 0];
  let citizen: Page;

  it(
    'the demo imports the register (the street and its buildings are found)',
    async () => {
      const found = await registryBuilding(suite.baseUrl, 'Сумська 10', IMPORT_TIMEOUT - 10_000, {
        withPoint: true,
      });
      buildingId = found.buildingId!;
      streetId = found.streetId;
      at = [found.latitude!, found.longitude!];
    },
    IMPORT_TIMEOUT,
  );

  it(
    'the dispatcher registers an active outage on the street and planned works at a building',
    async () => {
      const dispatcher = await suite.signIn('dispatcher', { timezoneId: KYIV });
      const hour = 3_600_000;
      const now = Date.now();
      const active = await call<{ id: number }>(dispatcher, 'POST', '/api/v1/works', {
        kind: 'emergency',
        service: 'hot_water',
        area: { streetIds: [streetId] },
        startsAt: new Date(now - hour).toISOString(),
        expectedEndAt: new Date(now + 8 * hour).toISOString(),
        reason: 'Пошкодження трубопроводу гарячої води',
        organisationName: 'КП «Харківські теплові мережі»',
        publicTextUk: ACTIVE_UK,
        publicTextEn: ACTIVE_EN,
      });
      await call(dispatcher, 'POST', `/api/v1/works/${active.id}/status`, { status: 'active' });
      await call(dispatcher, 'POST', '/api/v1/works', {
        kind: 'planned',
        service: 'lift',
        // The building and an outline drawn around it (≈ 100 m each way).
        area: {
          buildingIds: [buildingId],
          polygon: {
            type: 'Polygon',
            coordinates: [
              [
                [at[1] - 0.0015, at[0] - 0.001],
                [at[1] + 0.0015, at[0] - 0.001],
                [at[1] + 0.0015, at[0] + 0.001],
                [at[1] - 0.0015, at[0] + 0.001],
                [at[1] - 0.0015, at[0] - 0.001],
              ],
            ],
          },
        },
        startsAt: new Date(now + 48 * hour).toISOString(),
        expectedEndAt: new Date(now + 72 * hour).toISOString(),
        reason: 'Заміна ліфта',
        publicTextUk: PLANNED_UK,
      });
    },
    STEP_TIMEOUT,
  );

  it(
    'on a 360 px phone the menu leads to the works; both entries, their dates and the map show',
    async () => {
      citizen = await suite.newPage({ width: 360, timezoneId: 'America/New_York' });
      await citizen.goto(`${suite.baseUrl}/portal/`);
      await citizen.getByRole('link', { name: 'Роботи' }).first().click();
      await citizen
        .getByRole('heading', { level: 1, name: 'Аварійні та планові роботи' })
        .waitFor();
      const entries = citizen.getByTestId('work-entry');
      await entries.filter({ hasText: ACTIVE_UK }).waitFor();
      await entries.filter({ hasText: PLANNED_UK }).waitFor();
      const active = await entries.filter({ hasText: ACTIVE_UK }).textContent();
      expect(active).toContain('Аварія: гаряча вода');
      expect(active).toContain('Триває');
      expect(active).toMatch(/Початок: \d\d\.\d\d\.\d{4}.*очікуване завершення: \d\d\.\d\d\.\d{4}/);
      expect(await entries.filter({ hasText: PLANNED_UK }).textContent()).toContain('Заплановано');
      // The map: drawn, with both entries on it (the covered buildings' points).
      await citizen.locator('[data-testid="works-map"] .leaflet-container').waitFor();
      await expect
        .poll(() => citizen.getByTestId('works-on-map').textContent())
        .toBe('На мапі 2 записи про роботи.');
      expect(
        await citizen
          .locator('[data-testid="works-map"] canvas, [data-testid="works-map"] path')
          .count(),
      ).toBeGreaterThan(0);
      // Nothing wider than the phone.
      expect(
        await citizen.evaluate(() => document.documentElement.scrollWidth),
      ).toBeLessThanOrEqual(360);
      await screenshot(citizen, 'portal-works-phone');
      await expectAccessible(citizen, 'the portal works page');
    },
    STEP_TIMEOUT,
  );

  it(
    'a search by вулиця Сумська finds the works; another street does not',
    async () => {
      await searchStreet(citizen, 'Сумська', /Сумська(?!,)/);
      await citizen
        .getByRole('heading', { level: 2, name: /Роботи за адресою: .*Сумська/ })
        .waitFor();
      const entries = citizen.getByTestId('work-entry');
      await entries.filter({ hasText: ACTIVE_UK }).waitFor();
      await expect
        .poll(() => citizen.getByTestId('works-on-map').textContent())
        .toBe('На мапі 2 записи про роботи.');
      await screenshot(citizen, 'portal-works-search-street');
      await expectAccessible(citizen, 'the portal works found by street');

      await citizen.getByRole('button', { name: 'Показати всі' }).click();
      await searchStreet(citizen, 'Пушкінська', /Пушкінська(?!,)/);
      await citizen.getByTestId('works-none').waitFor();
      expect(await citizen.getByTestId('works-none').textContent()).toBe(
        'За цією адресою немає ні поточних, ні запланованих робіт.',
      );
      expect(await entries.count()).toBe(0);
      await expect
        .poll(() => citizen.getByTestId('works-on-map').textContent())
        .toBe('На мапі 0 записів про роботи.');
      await screenshot(citizen, 'portal-works-search-other-street');
    },
    STEP_TIMEOUT,
  );

  it(
    'in English the page is translated, shows the English public text and passes axe',
    async () => {
      await citizen.getByRole('button', { name: 'Показати всі' }).click();
      await citizen.locator('label', { hasText: 'English' }).first().click();
      await citizen
        .getByRole('heading', { level: 1, name: 'Emergency and planned works' })
        .waitFor();
      const entries = citizen.getByTestId('work-entry');
      await entries.filter({ hasText: ACTIVE_EN }).waitFor();
      // No English text given: the Ukrainian one.
      await entries.filter({ hasText: PLANNED_UK }).waitFor();
      expect(await entries.filter({ hasText: ACTIVE_EN }).textContent()).toContain(
        'Emergency: hot water',
      );
      await expect
        .poll(() => citizen.getByTestId('works-on-map').textContent())
        .toBe('2 works entries on the map.');
      await screenshot(citizen, 'portal-works-english');
      await expectTranslated(citizen, 'portal works page');
      await expectAccessible(citizen, 'the English portal works page');
    },
    STEP_TIMEOUT,
  );
});
