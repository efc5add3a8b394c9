/**
 * Issue 16 in a real browser (uk-UA, Europe/Kyiv) against the demo server with a slice of
 * Kharkiv's register (вулиця Сумська): the dispatcher registers a hot-water outage on the street
 * and starts it; an operator takes a call from a building on it, sees the outage on the new-call
 * screen and registers «informed» with one key (Alt+I); callers' appeals about hot water at the
 * street are linked to it (their card and public tracking show it); a citizen on a 360 px phone
 * sees it on the portal's submit form before sending; the dispatcher closes it, and the linked
 * applicants' e-mails leave the outbox (a loopback SMTP server receives them). The works and
 * mass-appeal screens pass axe in Ukrainian and English.
 */
import { rm } from 'node:fs/promises';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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
import { decodedSubject, startTestSmtp, type TestSmtp } from '../smtp.js';

const KYIV = 'Europe/Kyiv';
const IMPORT_TIMEOUT = 300_000;
const PUBLIC_TEXT = 'Аварія на тепломережі: гарячої води на вулиці Сумській немає до вечора.';

/** Pick «Сумська 10» (a registry building) in an address picker. */
async function pickBuilding(page: Page, input: ReturnType<Page['locator']>): Promise<void> {
  await input.click();
  await input.fill('Сумська 10');
  const option = page.getByRole('option', { name: /Сумська, 10(?!\d)/ }).first();
  await option.waitFor();
  await option.click();
}

const sharedData = kharkivRegistryExcerpt([4058], { allStreets: true });
const story = sharedData ? browserStory : (name: string) => describe.skip(name, () => {});

story('emergencies and planned works: registry, intake, portal, closing', () => {
  let smtp: TestSmtp;
  // The server is started by the suite's hook below: it must find SMTP_URL set.
  beforeAll(async () => {
    smtp = await startTestSmtp();
    process.env.SMTP_URL = smtp.url;
  });
  const suite = browserSuite(sharedData ? { sharedData } : {});
  afterAll(async () => {
    delete process.env.SMTP_URL;
    await smtp.close();
    await rm(sharedData!, { recursive: true, force: true });
  });
  let dispatcher: Page;
  let workId = 0;
  let buildingId = 0;
  const linked: { id: number; number: string; accessCode: string; email: string }[] = [];

  it(
    'the demo imports the register (the street’s buildings are found)',
    async () => {
      buildingId = (await registryBuilding(suite.baseUrl, 'Сумська 10', IMPORT_TIMEOUT - 10_000))
        .buildingId!;
      expect(buildingId).toBeGreaterThan(0);
    },
    IMPORT_TIMEOUT,
  );

  it(
    'the dispatcher registers a hot-water outage on the whole street and starts it',
    async () => {
      dispatcher = await suite.signIn('dispatcher', { timezoneId: KYIV });
      await dispatcher.getByRole('link', { name: 'Роботи' }).first().click();
      await dispatcher
        .getByRole('heading', { level: 1, name: 'Аварійні та планові роботи' })
        .waitFor();
      await expectAccessible(dispatcher, 'the empty works registry');
      await dispatcher.getByLabel('Вид').selectOption({ label: 'Аварія' });
      await dispatcher.getByLabel('Послуга').selectOption({ label: 'гаряча вода' });
      await pickBuilding(
        dispatcher,
        dispatcher.getByRole('combobox', { name: 'Будинок (або вулиця)' }),
      );
      await expect
        .poll(() => dispatcher.getByLabel('Уся вулиця цього будинку').isChecked())
        .toBe(true);
      await dispatcher.getByLabel('Причина').fill('Пошкодження трубопроводу гарячої води');
      await dispatcher
        .getByLabel('Відповідальна організація')
        .fill('КП «Харківські теплові мережі»');
      await dispatcher.getByLabel('Текст для мешканців (українською)').fill(PUBLIC_TEXT);
      await dispatcher
        .getByLabel('Текст для мешканців (англійською)')
        .fill('A heating-network accident: no hot water on Sumska Street until the evening.');
      await dispatcher.getByRole('button', { name: 'Зареєструвати роботи' }).click();
      const row = dispatcher.getByRole('row', { name: new RegExp(PUBLIC_TEXT.slice(0, 30)) });
      await row.waitFor();
      workId = Number(/№ (\d+)/.exec((await row.textContent()) ?? '')?.[1]);
      expect(workId).toBeGreaterThan(0);
      await row.getByRole('button', { name: 'Почалися' }).click();
      await expect.poll(() => row.textContent()).toContain('Триває');
      await screenshot(dispatcher, 'works-registry');
      await expectAccessible(dispatcher, 'the works registry with an active outage');
    },
    STEP_TIMEOUT,
  );

  it(
    'an operator takes a call from a building on the street, sees the outage, Alt+I registers «informed»',
    async () => {
      const page = await suite.signIn('operator', { timezoneId: KYIV });
      await page.goto(`${suite.baseUrl}/new-call`);
      await page.getByLabel('Телефон заявника').fill('+380 67 000 16 01');
      await pickBuilding(page, page.locator('input[name="address"]'));
      const works = page.getByTestId('works-at-address');
      await works.getByText(PUBLIC_TEXT).waitFor();
      await expect.poll(() => works.textContent()).toContain('Очікуване завершення');
      await page.keyboard.press('Alt+I');
      await works.getByText(/Консультацію зареєстровано \(усього поінформовано: 1\)/).waitFor();
      await screenshot(page, 'works-new-call-informed');
      await expectAccessible(page, 'the new-call screen with works at the address');

      // Two callers whose hot water is gone report it anyway: their appeals are linked, not routed.
      const kinds = await call<{ questionTypes: { id: number; name: string }[] }[]>(
        page,
        'GET',
        '/api/public/question-types',
      );
      const hotWater = kinds
        .flatMap((k) => k.questionTypes)
        .find((q) => q.name === 'Відсутність гарячого водопостачання')!;
      for (const [i, email] of ['gryts.works@example.test', 'olena.works@example.test'].entries()) {
        const res = await call<{
          id: number;
          number: string;
          executorId: number | null;
          tracking: { accessCode: string } | null;
        }>(page, 'POST', '/api/v1/appeals', {
          channel: 'phone',
          kind: 'application',
          subject: 'individual',
          questionTypeId: hotWater.id,
          description: 'Немає гарячої води з ранку',
          address: 'вулиця Сумська, 10',
          buildingId,
          applicant: {
            fullName: i === 0 ? 'Гриценко Гнат Вигаданий' : 'Вигадана Олена Сумська',
            phones: [`+380 67 000 16 1${i}`],
            email,
          },
        });
        expect(res.executorId).toBeNull();
        linked.push({
          id: res.id,
          number: res.number,
          accessCode: res.tracking!.accessCode,
          email,
        });
      }
      await page.goto(`${suite.baseUrl}/appeals/${linked[0]!.id}`);
      const note = page.getByTestId('appeal-works');
      await note.getByText(PUBLIC_TEXT).waitFor();
      await expect.poll(() => note.textContent()).toContain('Пов’язано з роботами');
      // The card of an appeal nobody was assigned opens the assign form with the executor list
      // unfolded (AssignForm's autofocus); its scrolling list has no focusable item for axe.
      await page.keyboard.press('Escape');
      await screenshot(page, 'works-appeal-card');
      await expectAccessible(page, 'the card of a linked appeal');
    },
    STEP_TIMEOUT,
  );

  it(
    'a citizen on a phone sees the outage on the submit form before sending, and on tracking',
    async () => {
      const page = await suite.newPage({ width: 360, timezoneId: KYIV });
      await page.goto(`${suite.baseUrl}/portal/submit`);
      await page.getByRole('heading', { level: 1, name: 'Подати звернення' }).waitFor();
      await pickBuilding(page, page.getByRole('combobox', { name: 'Адреса проблеми' }));
      const works = page.getByTestId('works-at-address');
      await works.getByText(PUBLIC_TEXT).waitFor();
      await works.scrollIntoViewIfNeeded();
      await screenshot(page, 'works-portal-submit-360');
      await expectAccessible(page, 'the portal’s submit form with works at the address');

      await page.goto(`${suite.baseUrl}/portal/track?number=${linked[0]!.number}`);
      await page.getByLabel('Код доступу').fill(linked[0]!.accessCode);
      await page.getByRole('button', { name: 'Показати' }).click();
      await page.getByTestId('tracked-works').getByText(PUBLIC_TEXT).waitFor();
      await screenshot(page, 'works-portal-track-360');
      await expectAccessible(page, 'the tracking page of a linked appeal');
    },
    STEP_TIMEOUT,
  );

  it(
    'the dispatcher closes the outage; the linked applicants are e-mailed',
    async () => {
      await dispatcher.reload();
      const row = dispatcher.getByRole('row', { name: new RegExp(`№ ${workId} `) });
      await row.getByRole('button', { name: 'Закрити' }).click();
      await expect.poll(() => row.textContent()).toContain('Закрито');
      await expect
        .poll(
          () =>
            smtp.messages
              .filter((m) => decodedSubject(m.raw)?.endsWith('роботи завершено'))
              .map((m) => m.to)
              .sort(),
          { timeout: 90_000, interval: 2_000 },
        )
        .toEqual(linked.map((l) => l.email).sort());
    },
    STEP_TIMEOUT,
  );

  it(
    'the works and mass-appeal screens in English pass axe and show no Ukrainian',
    async () => {
      await dispatcher.evaluate(() => localStorage.setItem('kontakt.language', 'en'));
      await dispatcher.reload();
      await dispatcher
        .getByRole('heading', { level: 1, name: 'Emergencies and planned works' })
        .waitFor();
      await dispatcher.waitForLoadState('networkidle');
      await expectTranslated(dispatcher, 'works registry');
      await screenshot(dispatcher, 'works-registry-en');
      await expectAccessible(dispatcher, 'the English works registry');

      // Ten callers report a broken lift at one building within minutes (no works registered).
      const operator = await suite.signIn('operator', { timezoneId: KYIV });
      const found = await call<{ buildingId: number | null; label: string }[]>(
        operator,
        'GET',
        `/api/public/addresses?q=${encodeURIComponent('Сумська 12')}`,
      );
      const lift = found.find((b) => b.buildingId !== null && b.buildingId !== buildingId)!;
      const kinds = await call<{ questionTypes: { id: number; name: string }[] }[]>(
        operator,
        'GET',
        '/api/public/question-types',
      );
      const liftType = kinds
        .flatMap((k) => k.questionTypes)
        .find((q) => q.name === 'Не працює ліфт')!;
      for (let i = 0; i < 10; i += 1) {
        await call(operator, 'POST', '/api/v1/appeals', {
          channel: 'phone',
          kind: 'application',
          subject: 'individual',
          questionTypeId: liftType.id,
          description: 'Ліфт у під’їзді стоїть з ранку',
          address: lift.label,
          buildingId: lift.buildingId,
          applicant: { fullName: `Мешканець Ліфтовий ${i}`, phones: [`+380 67 000 17 ${10 + i}`] },
        });
      }

      const controller = await suite.signIn('controller', { timezoneId: KYIV });
      await controller.goto(`${suite.baseUrl}/mass-appeals`);
      await controller.getByRole('heading', { level: 1, name: 'Масові звернення' }).waitFor();
      await controller.getByRole('button', { name: 'Шукати зараз' }).click();
      const group = controller.getByRole('region', { name: 'Не працює ліфт' });
      await group.waitFor();
      await expect.poll(() => group.textContent()).toContain('10 звернень');
      await screenshot(controller, 'mass-appeals');
      await expectAccessible(controller, 'the mass appeals screen with a proposal');
      await group.getByRole('button', { name: 'Підтвердити масове звернення' }).click();
      await controller.getByText('Підтверджені', { exact: true }).click();
      const confirmed = controller.getByRole('region', { name: 'Не працює ліфт' });
      await confirmed.getByText('Головне звернення (доручення виконавцю):').waitFor();
      await screenshot(controller, 'mass-appeals-confirmed');
      await expectAccessible(controller, 'the confirmed mass appeal');
      await controller.evaluate(() => localStorage.setItem('kontakt.language', 'en'));
      await controller.reload();
      await controller.getByRole('heading', { level: 1, name: 'Mass appeals' }).waitFor();
      await controller.waitForLoadState('networkidle');
      await expectTranslated(controller, 'mass appeals');
      await expectAccessible(controller, 'the English mass appeals screen');
    },
    STEP_TIMEOUT,
  );
});
