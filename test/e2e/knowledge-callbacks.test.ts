/**
 * The knowledge base and the call-back queue in a real browser (issue 19): an editor (the
 * administrator) writes a public article linked to a question type, with a Markdown preview; an
 * operator taking a call of that type sees it at intake and registers a consultation answered by
 * it; the knowledge base's report counts it; the portal's help page shows it; the call-back queue
 * opens. Every new screen is checked with axe (WCAG 2.1 A/AA) in Ukrainian and in English.
 */
import type { Page } from 'playwright-core';
import { expect, it } from 'vitest';
import {
  browserStory,
  browserSuite,
  call,
  expectAccessible,
  expectScreensTranslated,
  expectTranslated,
  screenshot,
  STEP_TIMEOUT,
} from './browser.js';

browserStory('knowledge base: article, consultation at intake, report, portal, call-backs', () => {
  const suite = browserSuite();
  const stamp = String(Date.now()).slice(-6);
  const title = `Що робити, коли засмітився стояк ${stamp}`;
  let admin: Page;
  let articleUrl = '';

  it(
    'an editor writes an article linked to a question type, with a preview',
    async () => {
      admin = await suite.signIn('admin');
      await admin.getByRole('link', { name: 'База знань' }).first().click();
      await admin.waitForURL('**/knowledge');
      await admin.getByRole('button', { name: 'Нова стаття' }).or(admin.getByRole('link', { name: 'Нова стаття' })).first().waitFor(); // prettier-ignore
      await admin.waitForLoadState('networkidle');
      await expectAccessible(admin, 'the knowledge base');
      await screenshot(admin, 'knowledge-list');

      await admin.getByRole('link', { name: 'Нова стаття' }).click();
      await admin.waitForURL('**/knowledge/new');
      await admin
        .getByLabel(/^Назва/)
        .first()
        .fill(title);
      await admin
        .getByLabel(/^Текст українською/)
        .fill(
          '## Куди дзвонити\n\n- у диспетчерську керуючої компанії\n- якщо вода на підлозі — перекрийте воду\n\n<img src=x onerror="document.title=\'xss\'">\n\n| час | що робити |\n|---|---|\n| вночі | аварійна служба |',
        );
      const types = admin.getByRole('combobox', { name: 'Типи питань' });
      await types.click();
      await types.fill('Засмічення каналізац');
      await admin
        .getByRole('option', { name: /Засмічення каналізаційного стояка/ })
        .first()
        .click();
      await admin.keyboard.press('Escape');
      await admin.getByLabel('Публічна (показувати на порталі)').check();
      await admin.getByRole('button', { name: 'Попередній перегляд' }).click();
      const preview = admin.getByTestId('article-preview');
      await preview.getByRole('heading', { name: 'Куди дзвонити' }).waitFor();
      expect(await preview.locator('img').count()).toBe(0);
      expect(await admin.title()).not.toBe('xss');
      await expectAccessible(admin, 'the article editor with a preview');
      await screenshot(admin, 'knowledge-editor');

      await admin.getByRole('button', { name: 'Зберегти статтю' }).click();
      await admin.waitForURL(/\/knowledge\/\d+$/);
      articleUrl = admin.url();
      await admin.getByRole('heading', { level: 1, name: title }).waitFor();
      await admin
        .getByText(/Засмічення каналізаційного стояка/)
        .first()
        .waitFor();
      await expectAccessible(admin, 'the article');
      await screenshot(admin, 'knowledge-article');

      // The intake script of the same question type: what the operator asks the caller.
      await admin.goto(`${suite.baseUrl}/knowledge`);
      await admin.getByRole('link', { name: 'Сценарії розмови' }).click();
      await admin.waitForURL('**/knowledge/scripts');
      const type = admin.getByLabel(/^Тип питання/).first();
      await type.click();
      await type.fill('Засмічення каналізац');
      await admin
        .getByRole('option', { name: /Засмічення каналізаційного стояка/ })
        .first()
        .click();
      await admin
        .getByLabel(/^Сценарій українською/)
        .fill(`Уточніть під’їзд і поверх ${stamp}.\nЗапитайте, чи тече вода до сусідів знизу.`);
      await admin.getByRole('button', { name: 'Зберегти сценарій' }).click();
      await admin.getByRole('status').getByText('Сценарій збережено.').waitFor();
      await admin
        .getByRole('table', { name: 'Сценарії за типами питань' })
        .getByText(`Уточніть під’їзд і поверх ${stamp}.`, { exact: false })
        .waitFor();
      await expectAccessible(admin, 'the intake scripts');
      await screenshot(admin, 'knowledge-scripts');
    },
    STEP_TIMEOUT,
  );

  it(
    'an operator taking a call of that type sees the article and registers a consultation answered by it',
    async () => {
      const page = await suite.signIn('operator');
      await page.getByRole('link', { name: 'Новий дзвінок' }).first().click();
      await page.waitForURL('**/new-call');
      await page.getByLabel('Телефон заявника').fill(`067 7${stamp}`);
      await page.getByLabel('Прізвище, ім’я, по батькові').fill('Вигадана Марина Олегівна');
      const questionType = page.getByLabel('Питання', { exact: false }).first();
      await questionType.click();
      await page.keyboard.type('засмічення каналізації');
      await page
        .getByRole('option', { name: /Засмічення каналізаційного стояка/ })
        .first()
        .click();
      await page
        .getByTestId('intake-script')
        .getByText(`Уточніть під’їзд і поверх ${stamp}.`, { exact: false })
        .waitFor();
      const panel = page.getByTestId('intake-articles');
      await panel.getByText(title).waitFor();
      await page.getByLabel('Суть звернення').fill('Як діяти, якщо засмітився стояк уночі?');
      await page.getByLabel('Вид звернення').selectOption('consultation');
      await panel.getByRole('button', { name: 'Читати' }).first().click();
      await panel.getByRole('heading', { name: 'Куди дзвонити' }).waitFor();
      await panel.getByLabel(`Відповідь дано за статтею «${title}»`).check();
      await expectAccessible(page, 'the new-call screen with the articles');
      await screenshot(page, 'knowledge-intake');
      await page.getByRole('button', { name: 'Зареєструвати консультацію' }).click();
      await page.getByRole('dialog', { name: 'Консультацію зареєстровано' }).waitFor();
      expect(await page.getByRole('alert').filter({ hasText: /\S/ }).count()).toBe(0);

      // The queue with one survey (invented, served by the test: the demo's closures are older
      // than the job's 30 days), to see the row and the answers dialog.
      const survey = {
        id: 987654,
        appealId: 1,
        appealNumber: '2026-000001',
        reason: 'privileged',
        state: 'queued',
        tries: 1,
        lastTryAt: '2026-11-30T08:00:00.000Z',
        solved: null,
        satisfaction: null,
        applicantName: 'Вигаданенко Оксана Петрівна',
        phones: ['067 000 11 22'],
        questionType: 'Засмічення каналізаційного стояка',
        questionTypeEn: null,
        closedAt: '2026-11-29T10:00:00.000Z',
        due: true,
      };
      await page.route('**/api/v1/callbacks?state=queued*', (route) =>
        route.fulfill({ contentType: 'application/json', body: JSON.stringify([survey]) }),
      );
      await page.goto(`${suite.baseUrl}/callbacks`);
      await page.getByRole('heading', { level: 1, name: 'Зворотні дзвінки' }).waitFor();
      await page.getByText('Вигаданенко Оксана Петрівна').waitFor();
      await expectAccessible(page, 'the call-back queue');
      await screenshot(page, 'callbacks-queue');
      await page.getByRole('button', { name: 'Додзвонилися' }).click();
      const dialog = page.getByRole('dialog');
      await dialog.getByText('Проблему вирішено?').waitFor();
      await dialog.getByLabel('Не вирішено').check();
      await dialog.getByText('Звернення повернеться на перевірку з цими словами.').waitFor();
      await expectAccessible(page, 'the call-back answers dialog');
      await screenshot(page, 'callbacks-answer');
      await dialog.getByRole('button', { name: 'Скасувати' }).click();
      await dialog.waitFor({ state: 'detached' });
      await page.getByText('Завершені').click();
      await page.waitForLoadState('networkidle');
      await expectAccessible(page, 'the completed call-backs');

      await page.locator('label', { hasText: 'English' }).first().click();
      await page.getByRole('heading', { level: 1, name: 'Call-backs' }).waitFor();
      await page.waitForLoadState('networkidle');
      await expectTranslated(page, 'call-backs');
      await expectAccessible(page, 'the English call-back queue');
      // The invented survey again, for the English answers dialog.
      await page.getByText('Queued', { exact: true }).click();
      await page.getByRole('button', { name: 'Reached' }).click();
      const dialogEn = page.getByRole('dialog');
      await dialogEn.getByLabel('Not solved').check();
      await expectTranslated(page, 'call-back answers');
      await expectAccessible(page, 'the English call-back answers dialog');
      await dialogEn.getByRole('button', { name: 'Cancel' }).click();
      await dialogEn.waitFor({ state: 'detached' });
      await page.unroute('**/api/v1/callbacks?state=queued*');
      await page.goto(`${suite.baseUrl}/new-call`);
      await page.getByLabel('Question', { exact: false }).first().click();
      await page.keyboard.type('засмічення каналізації');
      await page.getByRole('listbox').getByRole('option').first().click();
      await page.getByTestId('intake-articles').waitFor();
      await page.getByLabel('Kind of appeal').selectOption('consultation');
      await page.getByLabel('No article answered this').check();
      await page.getByLabel('Note for the editors').waitFor();
      await expectTranslated(page, 'new call with articles');
      await expectAccessible(page, 'the English new-call screen with the articles');
      await screenshot(page, 'knowledge-intake-en');
    },
    STEP_TIMEOUT,
  );

  it(
    'the knowledge base’s report counts the consultation answered from the article',
    async () => {
      await admin.goto(`${suite.baseUrl}/knowledge`);
      const summary = admin.getByTestId('knowledge-report-summary');
      await expect.poll(() => summary.textContent()).toMatch(/за статтею бази знань: [1-9]/);
      await admin
        .getByRole('table', { name: 'Консультації за типами питань' })
        .getByRole('cell', { name: 'Засмічення каналізаційного стояка' })
        .waitFor();
      await expectAccessible(admin, 'the knowledge base with its report');
      await screenshot(admin, 'knowledge-report');
    },
    STEP_TIMEOUT,
  );

  it(
    'the portal’s help page shows the public article',
    async () => {
      const page = await suite.newPage({ width: 1280 });
      await page.goto(`${suite.baseUrl}/portal/faq`);
      await page.getByRole('heading', { level: 1, name: 'Довідка: питання й відповіді' }).waitFor();
      // The list is re-drawn when the search answers; open the article after that, not before.
      const searched = page.waitForResponse(
        (r) => r.url().includes('/api/public/articles') && r.url().includes('q='),
      );
      await page.getByLabel('Пошук у довідці').fill('засмітився стояк');
      await searched;
      await page.getByRole('button', { name: title }).click();
      await page.getByRole('heading', { name: 'Куди дзвонити' }).waitFor();
      expect(await page.locator('img').count()).toBe(0);
      await expectAccessible(page, 'the portal help page');
      await screenshot(page, 'portal-faq');
      await page.locator('label', { hasText: 'English' }).first().click();
      await page.getByRole('heading', { level: 1, name: 'Help: questions and answers' }).waitFor();
      await expectTranslated(page, 'portal help');
      await expectAccessible(page, 'the English portal help page');
    },
    STEP_TIMEOUT,
  );

  it(
    'the head sets the call-back rules',
    async () => {
      const head = await suite.signIn('supervisor');
      await head.goto(`${suite.baseUrl}/callbacks`);
      await head.getByRole('link', { name: 'Правила зворотних дзвінків' }).click();
      await head.waitForURL('**/callbacks/rules');
      await head.getByRole('heading', { level: 1, name: 'Правила зворотних дзвінків' }).waitFor();
      const share = head.getByLabel('Частка решти звернень (вибірка)');
      await share.fill('12.5');
      await head.getByRole('button', { name: 'Зберегти правила' }).click();
      await head
        .getByRole('status')
        .getByText(/Правила збережено/)
        .waitFor();
      const saved = await call<{ samplePercent: number }>(head, 'GET', '/api/v1/callbacks/rules');
      expect(saved.samplePercent).toBe(12.5);
      await expectAccessible(head, 'the call-back rules');
      await screenshot(head, 'callbacks-rules');
      await head.locator('label', { hasText: 'English' }).first().click();
      await head.getByRole('heading', { level: 1, name: 'Call-back rules' }).waitFor();
      await expectTranslated(head, 'call-back rules');
      await expectAccessible(head, 'the English call-back rules');
      await screenshot(head, 'callbacks-rules-en');
    },
    STEP_TIMEOUT,
  );

  it(
    'in English the knowledge screens are translated and accessible',
    async () => {
      await admin.locator('label', { hasText: 'English' }).first().click();
      await admin.getByRole('link', { name: 'Knowledge base' }).first().waitFor();
      const pages: [string, string, string][] = [
        ['knowledge base', '/knowledge', 'What residents ask about (consultations)'],
        ['article', new URL(articleUrl).pathname, 'Versions'],
        ['article editor', '/knowledge/new', 'Save the article'],
        ['intake scripts', '/knowledge/scripts', 'Save the script'],
      ];
      await expectScreensTranslated(admin, suite.baseUrl, pages);
      await screenshot(admin, 'knowledge-editor-en');
    },
    STEP_TIMEOUT,
  );
});
