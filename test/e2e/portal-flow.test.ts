/**
 * End to end, in a real browser against a real server: a citizen submits an appeal with a photo and
 * the optional statistics of Classifier No. 858 on the public portal (a 360 px phone, no account)
 * → the moderator registers it in the staff app → the executor answers and the controller accepts
 * → the citizen sees the result on the tracking page and rates it; the public list, map and
 * statistics show it without the applicant.
 *
 * The form's idempotency is tried the hard way: the first send reaches the server but its answer is
 * lost (the browser sees a network error); sending again must give the same receipt, and the
 * moderation queue must hold one submission.
 */
import { expect, it } from 'vitest';
import {
  browserSuite,
  expectAccessible,
  expectTranslated,
  browserStory,
  screenshot,
  STEP_TIMEOUT,
} from './browser.js';

browserStory('public portal: submit → moderate → answer → track and rate', () => {
  const suite = browserSuite();
  // Invented person; the 000 exchange is not issued to subscribers.
  const stamp = String(Date.now()).slice(-6);
  const applicant = {
    name: `Мельничук Ярина ${stamp}`,
    phone: `+380 50 000 ${stamp.slice(0, 2)} ${stamp.slice(2, 4)}`,
    email: `yaryna.${stamp}@example.org`,
    residence: 'вул. Вигадана, 7, кв. 45',
  };
  const author = {
    sex: 'Жіноча',
    category: 'Багатодітна сім’я',
    socialStatus: 'Працівник бюджетної сфери',
  };
  const description = `Засмічений каналізаційний стояк у другому під’їзді, вода в підвалі (${stamp}).`;
  let trackingNumber = '';
  let accessCode = '';
  let appealNumber = '';
  let appealPath = '';

  it(
    'a citizen submits with a photo and the statistics on a 360 px phone; a lost answer, an edit and a double press give one receipt',
    async () => {
      const page = await suite.newPage({ width: 360 });
      await page.goto(`${suite.baseUrl}/portal/`);
      await page.getByRole('heading', { level: 1, name: 'Повідомте місту про проблему' }).waitFor();
      await screenshot(page, 'portal-home-360');
      await expectAccessible(page, 'the portal home page');

      await page.getByRole('link', { name: 'Подати звернення' }).first().click();
      await page.waitForURL('**/portal/submit');
      await page.getByRole('heading', { level: 1, name: 'Подати звернення' }).waitFor();
      await screenshot(page, 'portal-submit-empty-360');
      await expectAccessible(page, 'the submit form');

      // Sent empty: each missing field says what it needs, and focus goes to the first.
      await page.getByRole('button', { name: 'Надіслати звернення' }).click();
      await page.getByText('Оберіть тему звернення.').waitFor();
      await page.getByText('Без згоди на обробку персональних даних').waitFor();
      // Focus went to the topic, the first field in error, without opening its list.
      await expect
        .poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-field')))
        .toBe('questionTypeId');
      await expectAccessible(page, 'the submit form with errors');

      await page.getByRole('combobox', { name: 'Тема звернення' }).fill('засмічення каналізації');
      await page.getByRole('option', { name: 'Засмічення каналізаційного стояка' }).click();
      await page.getByRole('radio', { name: /Скарга/ }).check();
      await page.getByLabel('Опис проблеми').fill(description);
      await page.getByRole('combobox', { name: 'Адреса проблеми' }).fill('вул. Вигадана, 7');
      // A point by keyboard's way: the map's centre.
      await page.getByRole('button', { name: 'Позначити центр мапи' }).click();
      await expect.poll(() => page.getByTestId('chosen-point').textContent()).toMatch(/50\.\d+/);

      // A file that is not a photo is refused by name; the photo is kept with a preview.
      const photo = await page.screenshot({ clip: { x: 0, y: 0, width: 160, height: 120 } });
      await page.locator('input[type=file]').setInputFiles([
        { name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('not a photo') },
        { name: 'stoyak.png', mimeType: 'image/png', buffer: photo },
      ]);
      await page.getByText('notes.txt: це не фото').waitFor();
      await page.getByRole('img', { name: 'Фото stoyak.png' }).waitFor();

      await page.getByLabel('Прізвище, ім’я, по батькові').fill(applicant.name);
      await page.getByLabel('E-mail').fill(applicant.email);
      await page.getByLabel('Телефон').fill(applicant.phone);
      await page.getByLabel('Місце проживання').fill(applicant.residence);
      // The optional block for the statistics (Classifier No. 858): said why, never required.
      await page.getByRole('group', { name: 'Для статистики (необов’язково)' }).waitFor();
      await page.getByText('державної статистики звернень громадян').waitFor();
      await page.getByLabel('Стать', { exact: true }).selectOption({ label: author.sex });
      await page.getByLabel('Категорія', { exact: true }).selectOption({ label: author.category });
      await page
        .getByLabel('Соціальний стан', { exact: true })
        .selectOption({ label: author.socialStatus });
      await page.getByRole('checkbox', { name: /Я згоден/ }).check();
      await screenshot(page, 'portal-submit-filled-360');
      await expectAccessible(page, 'the filled submit form');

      // The first send reaches the server, but its answer never comes back.
      let firstKey = '';
      await page.route(
        '**/api/public/submissions',
        async (route) => {
          firstKey = route.request().headers()['idempotency-key'] ?? '';
          await route.fetch();
          await route.abort('connectionreset');
        },
        { times: 1 },
      );
      await page.getByRole('button', { name: 'Надіслати звернення' }).click();
      await page.getByText('Немає зв’язку із сервером').waitFor();
      expect(firstKey.length).toBeGreaterThanOrEqual(16);

      // The citizen adds a word, then presses again — twice: the same key and the body that went
      // out first, so the same submission and its receipt.
      await page.getByLabel('Опис проблеми').fill(`${description} Терміново!`);
      const keys: string[] = [];
      page.on('request', (request) => {
        if (request.url().endsWith('/api/public/submissions') && request.method() === 'POST') {
          keys.push(request.headers()['idempotency-key'] ?? '');
        }
      });
      await page.getByRole('button', { name: 'Надіслати звернення' }).dblclick();
      await page.getByRole('heading', { name: 'Звернення надіслано' }).waitFor();
      await page.getByText('пізніші зміни не надіслано').waitFor();
      expect(keys.length).toBeGreaterThanOrEqual(1);
      expect(new Set([firstKey, ...keys]).size).toBe(1);

      trackingNumber = ((await page.getByTestId('tracking-number').textContent()) ?? '').trim();
      accessCode = ((await page.getByTestId('access-code').textContent()) ?? '').trim();
      expect(trackingNumber).toMatch(/^P-\d{4}-\d{6}$/);
      expect(accessCode.length).toBeGreaterThanOrEqual(8);
      await page.getByText('Додано 1 фото.').waitFor();
      await screenshot(page, 'portal-receipt-360');
      await expectAccessible(page, 'the receipt');

      // Straight to tracking with the code carried over (not in the URL).
      await page.getByRole('link', { name: 'Відстежити звернення' }).click();
      await page.waitForURL(/\/portal\/track\?number=P-/);
      expect(page.url()).not.toContain(accessCode);
      await page.getByText('Очікує перевірки модератором').first().waitFor();
      // The citizen sees their own text (issue 12).
      await expect.poll(() => page.getByTestId('own-text').textContent()).toContain(description);
      await screenshot(page, 'portal-track-pending-360');
      await expectAccessible(page, 'the tracking page (pending)');
      const scrollWidth = await page.evaluate(() => document.documentElement.scrollWidth);
      expect(scrollWidth, 'no sideways scrolling at 360 px').toBeLessThanOrEqual(360);
    },
    STEP_TIMEOUT,
  );

  it(
    'the moderator sees one submission with its photo and registers it',
    async () => {
      const page = await suite.signIn('moderator');
      await page.getByRole('link', { name: 'Модерація' }).first().click();
      await page.waitForURL('**/submissions');
      const card = page.locator('article', { hasText: trackingNumber });
      await card.waitFor();
      expect(await page.locator('article', { hasText: description }).count()).toBe(1);
      await card.getByText(applicant.name).waitFor();
      // What the citizen stated for the statistics; the registered appeal carries it.
      await expect
        .poll(() => card.getByTestId('submission-author').textContent())
        .toContain(`${author.sex} · ${author.category} · ${author.socialStatus}`);
      const thumbnail = card.getByRole('img', { name: /stoyak\.png/ });
      await expect
        .poll(() => thumbnail.evaluate((img) => (img as HTMLImageElement).naturalWidth))
        .toBeGreaterThan(0);
      await screenshot(page, 'moderation-queue');
      await expectAccessible(page, 'the moderation queue');

      await card.getByRole('button', { name: 'Зареєструвати звернення' }).click();
      const done = page.getByTestId('moderation-done');
      await done.waitFor();
      const link = done.getByRole('link');
      appealNumber = ((await link.textContent()) ?? '').trim();
      expect(appealNumber).toMatch(/^\d{4}-\d{6}$/);
      appealPath = (await link.getAttribute('href')) ?? '';
      expect(appealPath).toMatch(/^\/appeals\/\d+$/);
      // The queue refetches: the registered submission leaves the pending tab.
      await expect.poll(() => page.locator('article', { hasText: trackingNumber }).count()).toBe(0);
    },
    STEP_TIMEOUT,
  );

  it(
    'the executor answers and the controller accepts it',
    async () => {
      const executor = await suite.signIn('executor');
      await executor.goto(`${suite.baseUrl}${appealPath}`);
      await executor.getByRole('button', { name: 'Прийняти в роботу' }).first().click();
      await expect
        .poll(() => executor.locator('.status-badge').first().textContent())
        .toBe('В роботі');
      await executor.getByLabel('Текст відповіді').fill('Стояк прочищено, підвал осушено.');
      await executor
        .getByLabel('Пропонований результат')
        .selectOption('done_awaiting_confirmation');
      await executor.getByRole('button', { name: 'Надіслати відповідь' }).click();
      await expect
        .poll(() => executor.locator('.status-badge').first().textContent())
        .toBe('На перевірці');

      const controller = await suite.signIn('controller');
      await controller.goto(`${suite.baseUrl}${appealPath}`);
      await controller.getByRole('button', { name: 'Прийняти й закрити звернення' }).click();
      await expect
        .poll(() => controller.locator('.status-badge').first().textContent())
        .toBe('Закрито');
    },
    STEP_TIMEOUT,
  );

  it(
    'the citizen sees the result and the answer on the tracking page, and rates it',
    async () => {
      const page = await suite.newPage({ width: 390 });
      await page.goto(`${suite.baseUrl}/portal/track?number=${trackingNumber}`);
      await page.getByLabel('Код доступу').fill('WRONG-CODE');
      await page.getByRole('button', { name: 'Показати' }).click();
      await page.getByText('Звернення з таким номером і кодом не знайдено').waitFor();

      await page.getByLabel('Код доступу').fill(accessCode);
      await page.getByRole('button', { name: 'Показати' }).click();
      await page.getByRole('heading', { name: `Звернення № ${appealNumber}` }).waitFor();
      await expect.poll(() => page.locator('.status-badge').first().textContent()).toBe('Закрито');
      await page.getByTestId('appeal-answer').getByText('Стояк прочищено').waitFor();
      await page.getByTestId('appeal-result').waitFor();
      await screenshot(page, 'portal-track-closed-390');
      await expectAccessible(page, 'the tracking page (closed)');

      await page.getByRole('radio', { name: 'Так, підтверджую' }).check();
      // The rating is a group of radios: reached by Tab, chosen with the arrows.
      await page.getByRole('radio', { name: '1', exact: true }).focus();
      for (let i = 0; i < 4; i += 1) await page.keyboard.press('ArrowRight');
      await expect
        .poll(() => page.getByRole('radio', { name: '5', exact: true }).isChecked())
        .toBe(true);
      await page.getByRole('button', { name: 'Надіслати оцінку' }).click();
      await page
        .getByTestId('feedback-given')
        .getByText(/оцінили його на 5 з 5/)
        .waitFor();
      expect(await page.getByTestId('appeal-result').textContent()).toContain(
        'Підтверджено заявником',
      );
      await screenshot(page, 'portal-track-rated-390');
    },
    STEP_TIMEOUT,
  );

  it(
    'the public list, map and statistics show the appeal and nothing of the applicant',
    async () => {
      const page = await suite.newPage({ width: 1280 });
      await page.goto(`${suite.baseUrl}/portal/appeals?status=closed`);
      await page.getByText(appealNumber, { exact: true }).waitFor();
      const text = await page.evaluate(() => document.body.innerText);
      for (const secret of [applicant.name, applicant.email, applicant.phone, 'кв. 45']) {
        expect(text).not.toContain(secret);
      }
      await screenshot(page, 'portal-appeals');
      await expectAccessible(page, 'the public list');

      await page.getByText('Мапа', { exact: true }).click();
      await page.waitForURL(/view=map/);
      await page.locator('.leaflet-container').waitFor();
      await page.getByText(/На мапі \d+ звернен/).waitFor();
      await screenshot(page, 'portal-map');
      await expectAccessible(page, 'the public map');

      await page.getByRole('link', { name: 'Статистика' }).click();
      await page.getByTestId('stats-total').waitFor();
      await page.locator('.stat-chart svg').first().waitFor();
      await screenshot(page, 'portal-statistics');
      await expectAccessible(page, 'the statistics');
    },
    STEP_TIMEOUT,
  );

  it(
    'in English the portal pages are translated',
    async () => {
      const page = await suite.newPage({ width: 1280, locale: 'en-GB' });
      await page.goto(`${suite.baseUrl}/portal/`);
      await page.locator('label', { hasText: 'English' }).first().click();
      await page
        .getByRole('heading', { level: 1, name: 'Tell the city about a problem' })
        .waitFor();
      const pages: [string, string, string][] = [
        ['portal home', '/portal/', 'Tell the city about a problem'],
        ['submit form', '/portal/submit', 'Submit an appeal'],
        ['tracking', `/portal/track?number=${trackingNumber}`, 'Track an appeal'],
        ['public list', '/portal/appeals', 'City appeals'],
        ['statistics', '/portal/statistics', 'Appeal statistics'],
      ];
      for (const [name, path, heading] of pages) {
        await page.goto(`${suite.baseUrl}${path}`);
        await page.getByRole('heading', { level: 1, name: heading }).waitFor();
        await page.waitForLoadState('networkidle');
        await expectTranslated(page, name);
      }
      await screenshot(page, 'portal-statistics-en');
    },
    STEP_TIMEOUT,
  );

  it(
    'in English on a 360 px phone the optional statistics block is translated and accessible',
    async () => {
      const page = await suite.newPage({ width: 360, locale: 'en-GB' });
      await page.goto(`${suite.baseUrl}/portal/`);
      await page.locator('label', { hasText: 'English' }).first().click();
      await page.goto(`${suite.baseUrl}/portal/submit`);
      await page.getByRole('heading', { level: 1, name: 'Submit an appeal' }).waitFor();
      await page.getByRole('group', { name: 'For statistics (optional)' }).waitFor();
      await page.getByLabel('Sex', { exact: true }).selectOption({ label: 'Male' });
      await page.getByLabel('Category', { exact: true }).selectOption({ label: 'Combatant' });
      await page.getByLabel('Social status', { exact: true }).selectOption({ label: 'Pensioner' });
      await screenshot(page, 'portal-submit-statistics-en-360');
      await expectAccessible(page, 'the English submit form with the statistics');
      await expectTranslated(page, 'the English submit form');
      const scrollWidth = await page.evaluate(() => document.documentElement.scrollWidth);
      expect(scrollWidth, 'no sideways scrolling at 360 px').toBeLessThanOrEqual(360);
    },
    STEP_TIMEOUT,
  );
});
