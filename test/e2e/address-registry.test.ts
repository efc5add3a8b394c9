/**
 * Issue 15 in a real browser (uk-UA) against the demo server with Kharkiv's register imported:
 * a citizen's point on the portal's map (360 px) names the nearest building and its district and
 * fills the address; the moderator sees the registry building of a submission and registers it
 * with the address picker; the registry keeper edits a building's block (its own field) and reads
 * the change in the building's history.
 */
import { rm } from 'node:fs/promises';
import { afterAll, describe, expect, it } from 'vitest';
import {
  browserStory,
  browserSuite,
  expectAccessible,
  screenshot,
  STEP_TIMEOUT,
} from './browser.js';
import { kharkivRegistryExcerpt } from '../shared-data.js';

/** The demo imports the registry slice after it starts listening. */
const IMPORT_TIMEOUT = 300_000;

interface Suggestion {
  buildingId: number | null;
  label: string;
}

// A slice of Kharkiv's real register, cut at run time (not kept in the repo): the districts and
// streets whole, and the buildings of one street (Сумська, 4058).
const sharedData = kharkivRegistryExcerpt([4058], { allStreets: true });
// Without the shared files there is no registry to show: the story is left out.
const story = sharedData ? browserStory : (name: string) => describe.skip(name, () => {});

story('address registry: map point, moderator’s picker, keeper’s edit and history', () => {
  const suite = browserSuite(sharedData ? { sharedData } : {});
  afterAll(() => rm(sharedData!, { recursive: true, force: true }));
  let trackingNumber = '';
  let building: Suggestion | null = null;

  it(
    'the demo imports Kharkiv’s register (the suggestions answer)',
    async () => {
      await expect
        .poll(
          async () => {
            const res = await fetch(
              `${suite.baseUrl}/api/public/addresses?q=${encodeURIComponent('Сумська 10')}`,
            );
            const list = res.ok ? ((await res.json()) as Suggestion[]) : [];
            building = list.find((s) => s.buildingId !== null) ?? null;
            return building !== null;
          },
          { timeout: IMPORT_TIMEOUT - 10_000, interval: 2_000 },
        )
        .toBe(true);
    },
    IMPORT_TIMEOUT,
  );

  it(
    'a point clicked on the portal’s map finds the nearest building and the district (360 px)',
    async () => {
      const page = await suite.newPage({ width: 360, timezoneId: 'Europe/Kyiv' });
      await page.goto(`${suite.baseUrl}/portal/submit`);
      await page.getByRole('heading', { level: 1, name: 'Подати звернення' }).waitFor();
      const map = page.locator('.leaflet-container').first();
      await map.scrollIntoViewIfNeeded();
      const box = await map.boundingBox();
      if (!box) throw new Error('no map');
      await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
      const place = page.getByTestId('point-place');
      await place.waitFor();
      await expect.poll(() => place.textContent()).toMatch(/Район: |поза межами районів/);
      const text = (await place.textContent()) ?? '';
      if (text.includes('Найближчий будинок')) {
        const label = /Найближчий будинок: (.+) \(\d+ м\)/.exec(text)?.[1] ?? '';
        await expect.poll(() => page.getByLabel('Адреса проблеми').inputValue()).toBe(label);
      }
      await screenshot(page, 'portal-map-point-building-360');
      await expectAccessible(page, 'the submit form with a map point');
    },
    STEP_TIMEOUT,
  );

  it(
    'the moderator sees the submission’s registry building and registers it with the picker',
    async () => {
      const chosen = building!;
      const kinds = (await (await fetch(`${suite.baseUrl}/api/public/question-types`)).json()) as {
        questionTypes: { id: number }[];
      }[];
      const questionTypeId = kinds.flatMap((k) => k.questionTypes)[0]!.id;
      const sent = await fetch(`${suite.baseUrl}/api/public/submissions`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', origin: suite.baseUrl },
        body: JSON.stringify({
          questionTypeId,
          description: `Не працює освітлення у під’їзді (${Date.now()})`,
          address: chosen.label,
          buildingId: chosen.buildingId,
          applicant: { name: 'Вигадана Особа Тестова', phone: '+380 50 000 11 22' },
          consent: true,
        }),
      });
      expect(sent.status).toBe(201);
      trackingNumber = ((await sent.json()) as { trackingNumber: string }).trackingNumber;

      const page = await suite.signIn('moderator', { timezoneId: 'Europe/Kyiv' });
      await page.goto(`${suite.baseUrl}/submissions`);
      const card = page.locator('article', { hasText: trackingNumber });
      await card.waitFor();
      await expect
        .poll(() => card.getByTestId('submission-building').textContent())
        .toBe(`Будинок з реєстру: ${chosen.label}`);
      const address = card.getByRole('combobox', { name: 'Адреса', exact: true });
      await expect.poll(() => address.inputValue()).toBe(chosen.label);
      await screenshot(page, 'moderation-building');
      await expectAccessible(page, 'the moderation queue with a registry building');
      await card.getByRole('button', { name: 'Зареєструвати звернення' }).click();
      await page.getByTestId('moderation-done').waitFor();
    },
    STEP_TIMEOUT,
  );

  it(
    'the keeper edits a building’s block and reads the change in its history',
    async () => {
      const page = await suite.signIn('admin', { timezoneId: 'Europe/Kyiv' });
      await page.goto(`${suite.baseUrl}/address-registry`);
      await page.getByLabel('Вулиця', { exact: true }).fill('Сумська');
      await page
        .getByRole('button', { name: /вулиця Сумська ·/ })
        .first()
        .click();
      const edit = page.getByRole('button', { name: /^Змінити будинок: / }).first();
      await edit.click();
      const editor = page.getByTestId('building-editor');
      await editor.waitFor();
      await editor.getByLabel('Корпус').fill('2');
      await editor.getByRole('button', { name: 'Зберегти' }).click();
      await editor.getByText('Збережено.').waitFor();
      const history = editor.getByTestId('registry-history');
      await history.getByText('Корпус: — → 2').waitFor();
      await history.getByText('Зміна будинку').waitFor();
      await screenshot(page, 'keeper-building-history');
      await expectAccessible(page, 'the keeper’s building editor');
    },
    STEP_TIMEOUT,
  );
});
