/**
 * End to end, in a real browser against a real server: one appeal goes operator → executor →
 * controller (rework) → executor → controller → closed, through the staff web app only.
 *
 * The server is `kontakt serve --demo` as a child process (fresh data directory; on PostgreSQL a
 * dedicated `kontakt_e2e_*` database, dropped afterwards). Debian's Chromium is driven by
 * playwright-core. Each main page is screenshotted into test/e2e/screenshots/, checked with axe-core
 * (WCAG 2.1 A/AA: no serious or critical violation), and, in English, checked for raw i18n keys
 * and Ukrainian catalogue text left untranslated.
 */
import { expect, it } from 'vitest';
import {
  browserSuite,
  expectAccessible,
  expectTranslated,
  browserStory,
  screenshot,
  STEP_TIMEOUT,
  takeHighlightedOption,
} from './browser.js';

// The workflow

browserStory('staff web app: one appeal from call to closure', () => {
  const suite = browserSuite();
  let number = '';
  let appealPath = '';
  // Invented: the 000 exchange is not issued to subscribers.
  const phone = `+380 67 000 ${String(Date.now()).slice(-4, -2)} ${String(Date.now()).slice(-2)}`;

  const signIn = (login: string, width = 1366, shotName?: string) =>
    suite.signIn(login, {
      width,
      onLoginPage: shotName
        ? async (page) => {
            await screenshot(page, shotName);
            await expectAccessible(page, 'the login page');
          }
        : undefined,
    });

  it(
    'the server serves the web app at / and falls back to index.html for client routes',
    async () => {
      for (const path of ['/', '/appeals/1', '/new-call']) {
        const response = await fetch(`${suite.baseUrl}${path}`);
        expect(response.status, path).toBe(200);
        expect(response.headers.get('cache-control'), path).toBe('no-cache');
        expect(await response.text()).toContain('<div id="root">');
      }
      // The build's files have content hashes in their names: kept for a year.
      const page = await (await fetch(`${suite.baseUrl}/`)).text();
      const script = /<script type="module" crossorigin src="(\/assets\/[^"]+\.js)"/.exec(
        page,
      )?.[1];
      expect(script).toMatch(/^\/assets\/staff-/);
      const asset = await fetch(`${suite.baseUrl}${script}`);
      expect(asset.status).toBe(200);
      expect(asset.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
      // A chunk of an earlier release is a 404 (the page reloads into the new build), not the page.
      const gone = await fetch(`${suite.baseUrl}/assets/NewCallPage-0ld0ld0l.js`);
      expect(gone.status).toBe(404);
      expect(await gone.json()).toMatchObject({ error: 'route_not_found' });
    },
    STEP_TIMEOUT,
  );

  it(
    'operator registers the appeal from the new-call screen by keyboard',
    async () => {
      const page = await signIn('operator', 1366, 'login');
      await expect
        .poll(() => page.getByRole('heading', { level: 1 }).textContent())
        .toContain('Вітаємо');
      await expect.poll(() => page.locator('.queue-card').count()).toBe(3);
      await screenshot(page, 'operator-start');
      await expectAccessible(page, 'the operator start page');

      await page.getByRole('link', { name: 'Новий дзвінок' }).first().click();
      await page.waitForURL('**/new-call');
      const phoneInput = page.getByLabel('Телефон заявника');
      await expect
        .poll(() => phoneInput.evaluate((el) => el === document.activeElement))
        .toBe(true);
      await screenshot(page, 'new-call-empty');
      await expectAccessible(page, 'the new-call screen');

      // Phone first; nobody on record with it, so the applicant is new.
      await page.keyboard.type(phone);
      await page.keyboard.press('Enter');
      const fullName = page.getByLabel('Прізвище, ім’я, по батькові');
      await expect.poll(() => fullName.evaluate((el) => el === document.activeElement)).toBe(true);
      await page.keyboard.type('Коваленко Олена Петрівна');
      // Enter would go on to the question; the caller's optional details are reached by Tab.
      await page.keyboard.press('Tab'); // → the caller's home address
      await page.keyboard.type('вул. Липська, 15');
      await page.keyboard.press('Enter'); // → e-mail
      await page.keyboard.press('Enter'); // → privileged category
      // → the author's sex, category and social status (Classifier No. 858, optional), confidential
      for (let i = 0; i < 4; i += 1) await page.keyboard.press('Tab');
      await page.keyboard.press('Tab'); // → question type
      const questionType = page.getByLabel('Питання', { exact: false }).first();
      await expect
        .poll(() => questionType.evaluate((el) => el === document.activeElement))
        .toBe(true);

      // The question type by words, chosen with the keyboard.
      await page.keyboard.type('засмічення каналізації');
      await takeHighlightedOption(page, /Засмічення каналізаційного стояка/);
      await expect
        .poll(() => page.getByTestId('question-type-chosen').textContent())
        .toContain('Департамент житлово-комунальної інфраструктури');
      await page.keyboard.press('Enter'); // → address of the problem (copied from the home address)
      const problemAddress = page.locator('input[name="address"]');
      await expect.poll(() => problemAddress.inputValue()).toBe('вул. Липська, 15');
      await expect
        .poll(() => problemAddress.evaluate((el) => el === document.activeElement))
        .toBe(true);
      await page.keyboard.press('Enter'); // → description
      const description = page.getByLabel('Суть звернення');
      await expect
        .poll(() => description.evaluate((el) => el === document.activeElement))
        .toBe(true);
      await page.keyboard.type(
        'Засмічений каналізаційний стояк у третьому під’їзді, вода на першому поверсі.',
      );
      await screenshot(page, 'new-call-filled');

      // A refused registration: the server's message stands next to its field, nothing typed is lost.
      await page.route(
        '**/api/v1/appeals',
        (route) =>
          route.fulfill({
            status: 400,
            contentType: 'application/json',
            body: JSON.stringify({
              error: 'validation_failed',
              message: 'The body is not valid: /description is refused by the test',
              details: [{ path: 'body/description', message: 'refused by the test' }],
            }),
          }),
        { times: 1 },
      );
      await page.keyboard.press('Control+Enter');
      // In the page's language, not the server's English.
      await page.getByText('Сервер не прийняв це значення: перевірте його.').waitFor();
      await expect
        .poll(() => description.evaluate((el) => el === document.activeElement))
        .toBe(true);
      expect(await description.inputValue()).toContain('Засмічений каналізаційний стояк');
      expect(await fullName.inputValue()).toBe('Коваленко Олена Петрівна');
      expect(await phoneInput.inputValue()).toBe(phone);
      await screenshot(page, 'new-call-refused');
      await expectAccessible(page, 'the new-call screen with a refused field');

      await page.keyboard.press('Control+Enter');

      const numberText = page.getByTestId('registration-number');
      await numberText.waitFor();
      number = ((await numberText.textContent()) ?? '').trim();
      expect(number).toMatch(/^\d{4}-\d{6}$/);
      await screenshot(page, 'new-call-registered');
      await expectAccessible(page, 'the registration dialog');

      // The same caller asks something else: a consultation, registered and closed at once, on
      // the applicant record just created (not a second one).
      await page.keyboard.press('Tab');
      await page.keyboard.press('Enter'); // "Another question from this caller"
      await expect
        .poll(() => questionType.evaluate((el) => el === document.activeElement))
        .toBe(true);
      await page.getByTestId('chosen-applicant').waitFor();
      await page.keyboard.type('вода гаряча');
      await page
        .getByRole('option', { name: /гарячого водопостачання/ })
        .first()
        .waitFor();
      await page.keyboard.press('Enter');
      await page.keyboard.press('Enter'); // → address, kept from the first question (issue 12)
      await expect.poll(() => problemAddress.inputValue()).toBe('вул. Липська, 15');
      await page.keyboard.press('Enter'); // → description
      await page.keyboard.type('Коли відновлять гарячу воду після планових робіт?');
      const kind = page.getByLabel('Вид звернення');
      await kind.focus();
      await kind.selectOption('consultation');
      await page.keyboard.press('Control+Enter');
      await page.getByRole('dialog', { name: 'Консультацію зареєстровано' }).waitFor();
      const consultation = ((await numberText.textContent()) ?? '').trim();
      expect(consultation).toMatch(/^\d{4}-\d{6}$/);
      expect(consultation).not.toBe(number);

      // Enter on "Next call" clears the form and puts the cursor back on the phone.
      await page.keyboard.press('Enter');
      await expect
        .poll(() => phoneInput.evaluate((el) => el === document.activeElement))
        .toBe(true);
      expect(await phoneInput.inputValue()).toBe('');

      // The caller rings again: the phone finds them and their two appeals, the consultation closed.
      await page.keyboard.type(phone);
      await page.getByTestId('chosen-applicant').waitFor();
      const earlier = page.getByRole('region', { name: 'Попередні звернення' });
      await earlier.getByRole('link', { name: consultation }).waitFor();
      await earlier.getByRole('link', { name: number }).waitFor();
      const consultationRow = earlier.getByRole('row', { name: new RegExp(consultation) });
      expect(await consultationRow.textContent()).toContain('Закрито');
      await screenshot(page, 'new-call-known-caller');
      await expectAccessible(page, 'the new-call screen with a known caller');

      // The registry finds it by number; the card opens from there.
      await page.goto(`${suite.baseUrl}/appeals?q=${number}`);
      const link = page.getByRole('link', { name: number });
      await link.waitFor();
      await screenshot(page, 'registry');
      await expectAccessible(page, 'the registry');

      // Pages by cursor: next, then previous gives the same rows back.
      await page.goto(`${suite.baseUrl}/appeals?limit=2`);
      const rowNumbers = async () => {
        await page.waitForFunction(() => !document.querySelector('table[aria-busy="true"]'));
        return page.locator('tbody tr td:first-child a').allTextContents();
      };
      await page.locator('tbody tr').first().waitFor();
      const first = await rowNumbers();
      expect(first).toHaveLength(2);
      await page.getByRole('button', { name: 'Наступна →' }).click();
      await expect.poll(() => page.getByText('Сторінка 2').isVisible()).toBe(true);
      const second = await rowNumbers();
      expect(second).toHaveLength(2);
      expect(second.filter((n) => first.includes(n))).toEqual([]);
      await page.getByRole('button', { name: '← Попередня' }).click();
      await expect.poll(() => page.getByText('Сторінка 1').isVisible()).toBe(true);
      expect(await rowNumbers()).toEqual(first);

      // The chosen columns stay chosen.
      await page.getByRole('button', { name: 'Стовпці' }).click();
      await page.getByRole('checkbox', { name: 'Зміст' }).check();
      await page.keyboard.press('Escape');
      await page.getByRole('columnheader', { name: 'Зміст' }).waitFor();
      await page.reload();
      await page.getByRole('columnheader', { name: 'Зміст' }).waitFor();

      await page.goto(`${suite.baseUrl}/appeals?q=${number}`);
      await link.waitFor();
      await link.click();
      await page.waitForURL(/\/appeals\/\d+$/);
      appealPath = new URL(page.url()).pathname;
      await expect
        .poll(() => page.getByRole('heading', { level: 1 }).textContent())
        .toContain(number);
      await expect
        .poll(() => page.locator('.status-badge').first().textContent())
        .toBe('Зареєстровано');
    },
    STEP_TIMEOUT,
  );

  it(
    'executor accepts it from the inbox on a 360 px phone and answers with a photo',
    async () => {
      const page = await signIn('executor', 360);
      await expect
        .poll(() => page.getByRole('heading', { level: 1 }).textContent())
        .toBe('Вхідні доручення');
      const item = page.locator('article', { has: page.getByText(number, { exact: true }) });
      await item.waitFor();
      await screenshot(page, 'executor-inbox-360');
      await expectAccessible(page, 'the executor inbox');
      const scrollWidth = await page.evaluate(() => document.documentElement.scrollWidth);
      expect(scrollWidth, 'no sideways scrolling at 360 px').toBeLessThanOrEqual(360);

      await item.getByRole('button', { name: 'Прийняти в роботу' }).click();
      await page.getByRole('tab', { name: /В роботі/ }).click();
      const inWork = page.locator('article', { has: page.getByText(number, { exact: true }) });
      await inWork.getByRole('link', { name: 'Відповісти' }).click();
      await page.waitForURL(`**${appealPath}`);
      await expect.poll(() => page.locator('.status-badge').first().textContent()).toBe('В роботі');

      const photo = await page.screenshot({ clip: { x: 0, y: 0, width: 120, height: 80 } });
      await page.getByLabel('Текст відповіді').fill('Стояк прочищено, підвал осушено.');
      await page.locator('#action-respond input[type=file]').setInputFiles({
        name: 'stoyak.png',
        mimeType: 'image/png',
        buffer: photo,
      });
      await page.getByRole('img', { name: 'stoyak.png' }).waitFor(); // preview before upload
      await page.getByRole('button', { name: 'Надіслати відповідь' }).click();
      await expect
        .poll(() => page.locator('.status-badge').first().textContent())
        .toBe('На перевірці');
      const uploaded = page.getByRole('img', { name: 'Фото: stoyak.png' });
      await uploaded.waitFor();
      await expect
        .poll(() => uploaded.evaluate((img) => (img as HTMLImageElement).naturalWidth))
        .toBeGreaterThan(0);
      await screenshot(page, 'appeal-card-executor-360');
      await expectAccessible(page, 'the appeal card (executor)');
    },
    STEP_TIMEOUT,
  );

  it(
    'controller returns it for rework with a comment',
    async () => {
      const page = await signIn('controller');
      await page.getByRole('link', { name: 'Перевірка' }).first().click();
      const item = page.locator('article', { has: page.getByText(number, { exact: true }) });
      await item.waitFor();
      await screenshot(page, 'controller-review-queue');
      await expectAccessible(page, 'the review queue');
      await item.getByRole('link', { name: 'Перевірити' }).click();
      await page.waitForURL(`**${appealPath}`);

      await page.getByRole('button', { name: 'На доопрацювання', exact: true }).click();
      await expect
        .poll(() => page.getByText('Це звернення ще не повертали на доопрацювання.').isVisible())
        .toBe(true);
      await page
        .getByLabel('Що потрібно доопрацювати')
        .fill('Додайте фото підвалу після осушення.');
      await page.getByRole('button', { name: 'Повернути на доопрацювання' }).click();
      await expect
        .poll(() => page.locator('.status-badge').first().textContent())
        .toBe('На доопрацюванні');
      await expect.poll(() => page.getByText('1 доопрацювання').first().isVisible()).toBe(true);
      await screenshot(page, 'appeal-card-rework');
    },
    STEP_TIMEOUT,
  );

  it(
    'executor accepts the rework and answers again',
    async () => {
      const page = await signIn('executor', 360);
      await page.getByRole('tab', { name: /На доопрацюванні/ }).click();
      const item = page.locator('article', { has: page.getByText(number, { exact: true }) });
      await item.waitFor();
      await item.getByRole('link', { name: /Відкрити|Відповісти/ }).click();
      await page.waitForURL(`**${appealPath}`);
      // On the phone, what the controller asked for comes first (issue 12).
      await expect
        .poll(() => page.getByTestId('rework-reason').textContent())
        .toContain('Додайте фото підвалу після осушення.');
      await page.getByRole('button', { name: 'Прийняти в роботу' }).click();
      await expect.poll(() => page.locator('.status-badge').first().textContent()).toBe('В роботі');
      await page.getByLabel('Текст відповіді').fill('Підвал осушено, фото додано.');
      await page.getByLabel('Пропонований результат').selectOption('done_photo_evidence');
      await page.getByRole('button', { name: 'Надіслати відповідь' }).click();
      await expect
        .poll(() => page.locator('.status-badge').first().textContent())
        .toBe('На перевірці');
    },
    STEP_TIMEOUT,
  );

  it(
    'controller accepts the answer with a result and the appeal is closed',
    async () => {
      const page = await signIn('controller');
      await page.goto(`${suite.baseUrl}${appealPath}`);
      await expect
        .poll(() => page.locator('.status-badge').first().textContent())
        .toBe('На перевірці');
      const result = page.getByLabel('Результат розгляду');
      await expect.poll(() => result.inputValue()).toBe('done_photo_evidence'); // the executor's proposal
      await page.getByRole('button', { name: 'Прийняти й закрити звернення' }).click();
      await expect.poll(() => page.locator('.status-badge').first().textContent()).toBe('Закрито');
      await expect.poll(() => page.getByText('Відповідь прийнято').first().isVisible()).toBe(true);
      await expect.poll(() => page.getByText('Звернення закрито.').isVisible()).toBe(true);
      await screenshot(page, 'appeal-card-closed');
      await expectAccessible(page, 'the closed appeal card');

      await page.goto(`${suite.baseUrl}/appeals?q=${number}&status=closed`);
      await page.getByRole('link', { name: number }).waitFor();
      const csv = await page.getByRole('link', { name: 'Експорт CSV' }).getAttribute('href');
      expect(csv).toContain('/api/v1/appeals/export.csv?');
      expect(csv).toContain('status=closed');
    },
    STEP_TIMEOUT,
  );

  it(
    'supervisor sees the live picture',
    async () => {
      const page = await signIn('supervisor');
      await page.getByRole('heading', { name: 'Звернення за станом' }).waitFor();
      await screenshot(page, 'supervisor-start');
      await expectAccessible(page, 'the supervisor start page');
    },
    STEP_TIMEOUT,
  );

  it(
    'in English every visible string of the main pages is translated',
    async () => {
      const page = await signIn('controller');
      await page.locator('label', { hasText: 'English' }).first().click();
      await expect
        .poll(() => page.getByRole('link', { name: 'Registry' }).first().isVisible())
        .toBe(true);
      await page.reload(); // the choice is remembered
      const pages: [string, string, () => Promise<unknown>][] = [
        ['start', '/', () => page.locator('.queue-card').first().waitFor()],
        [
          'registry',
          `/appeals?q=${number}`,
          () => page.getByRole('link', { name: number }).waitFor(),
        ],
        ['appeal card', appealPath, () => page.getByRole('heading', { name: 'History' }).waitFor()],
        ['review queue', '/review', () => page.getByRole('tab').first().waitFor()],
        [
          'monitoring',
          '/dashboard',
          () => page.getByRole('heading', { name: 'Appeals by status' }).waitFor(),
        ],
      ];
      for (const [name, path, ready] of pages) {
        await page.goto(`${suite.baseUrl}${path}`);
        await ready();
        await page.waitForLoadState('networkidle');
        await expectTranslated(page, name);
      }
      await screenshot(page, 'monitoring-en');

      const operator = await signIn('operator');
      await operator.evaluate(() => localStorage.setItem('kontakt.language', 'en'));
      await operator.goto(`${suite.baseUrl}/new-call`);
      await operator.getByLabel('Caller’s phone').waitFor();
      await expectTranslated(operator, 'new call');
      await screenshot(operator, 'new-call-en');
      await expectAccessible(operator, 'the English new-call screen');

      const executor = await signIn('executor', 360);
      await executor.evaluate(() => localStorage.setItem('kontakt.language', 'en'));
      await executor.goto(`${suite.baseUrl}/inbox`);
      await executor.getByRole('heading', { name: 'Inbox' }).waitFor();
      await executor.waitForLoadState('networkidle');
      await expectTranslated(executor, 'inbox');
    },
    STEP_TIMEOUT,
  );
});
