/**
 * Each journey of issue 12, walked as its user meets it: Chromium in Ukrainian (uk-UA) in the
 * city's zone (Europe/Kyiv), against `kontakt serve --demo`. Each asserts what the user sees and
 * passes axe; screenshots go to test/e2e/screenshots/journey-*.png.
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import {
  browserSuite,
  expectAccessible,
  hasChromium,
  screenshot,
  STEP_TIMEOUT,
  takeHighlightedOption,
} from './browser.js';

const KYIV = 'Europe/Kyiv';
const PASSWORD = 'kontakt-demo';

/** The names of the supervisor's figures on screen (uk.json, queue.*). */
const QUEUE_NAMES: Record<string, string> = {
  overdue: 'Прострочені',
  due_soon: 'Спливає строк',
  on_check: 'На перевірці',
  needs_routing: 'Потребують направлення',
  open: 'На контролі',
};

/** The demo's closed appeal (decided on the merits) and its caller (seed-demo.ts). */
const DECIDED = { phone: '+380 66 000 11 04', question: 'вхідних дверей домофон' };

async function apiGet<T>(page: Page, path: string): Promise<T> {
  return page.evaluate(async (p) => {
    const res = await fetch(p, { headers: { accept: 'application/json' } });
    return (await res.json()) as T;
  }, path);
}

describe.skipIf(!hasChromium)('journeys (issue 12), uk-UA in Europe/Kyiv', () => {
  const suite = browserSuite();
  const signIn = (login: string, width = 1366) => suite.signIn(login, { width, timezoneId: KYIV });

  it(
    'operator: a wrong password in Ukrainian; the repeat shown while typing, explained when refused, registered anyway with a reason; a double Ctrl+Enter registers once',
    async () => {
      const login = await suite.newPage({ timezoneId: KYIV });
      await login.goto(`${suite.baseUrl}/login`);
      await login.getByLabel('Логін').fill('operator');
      await login.getByLabel('Пароль', { exact: true }).fill('not-the-password');
      await login.keyboard.press('Enter');
      await login.getByText('Неправильний логін або пароль.').waitFor();
      await screenshot(login, 'journey-login-refused');
      await expectAccessible(login, 'the login page with a refusal');
      await login.getByLabel('Пароль', { exact: true }).fill(PASSWORD);
      await login.keyboard.press('Enter');
      await login.waitForURL((url) => !url.pathname.startsWith('/login'));

      const page = login;
      await page.goto(`${suite.baseUrl}/new-call`);
      await page.getByLabel('Телефон заявника').fill(DECIDED.phone);
      await page.getByTestId('chosen-applicant').waitFor();
      await page.getByLabel('Питання', { exact: false }).first().focus();
      await page.keyboard.type(DECIDED.question);
      await page
        .getByRole('option', { name: /вхідних дверей/ })
        .first()
        .waitFor();
      await page.keyboard.press('Enter');
      // While the call goes on: the earlier appeal, its status, and what Art. 8 means.
      const warning = page.getByTestId('repeat-warning');
      await warning.waitFor();
      expect(await warning.textContent()).toMatch(/\d{4}-\d{6}/);
      expect(await warning.textContent()).toContain('Закрито');
      expect(await warning.textContent()).toContain('статтею 8');
      const earlierNumber = /\d{4}-\d{6}/.exec((await warning.textContent()) ?? '')![0];
      await page
        .getByLabel('Суть звернення')
        .fill('Двері знову не зачиняються, доводжувач зламався вдруге.');
      await screenshot(page, 'journey-operator-repeat-warning');
      await expectAccessible(page, 'the new-call screen with a repeat warning');

      // Refused: the rule in Ukrainian, the earlier appeal, and a way on.
      await page.keyboard.press('Control+Enter');
      const refusal = page.getByTestId('repeat-refusal');
      await refusal.waitFor();
      const refusalText = (await refusal.textContent()) ?? '';
      expect(refusalText).toContain('статтею 8 Закону');
      expect(refusalText).toContain(earlierNumber);
      expect(refusalText).not.toMatch(/acknowledgeRepeat|decided on the merits/);
      await screenshot(page, 'journey-operator-repeat-refused');
      await expectAccessible(page, 'the repeat refusal');
      await refusal.getByRole('button', { name: 'Зареєструвати попри це' }).click();
      await refusal.getByText('Вкажіть причину.').waitFor();
      await refusal
        .getByLabel('Чому реєструєте попри це')
        .fill('Заявник каже, що двері знову зламані.');
      await refusal.getByRole('button', { name: 'Зареєструвати попри це' }).click();
      const numberText = page.getByTestId('registration-number');
      await numberText.waitFor();
      expect((await numberText.textContent())?.trim()).toMatch(/^\d{4}-\d{6}$/);
      await screenshot(page, 'journey-operator-repeat-registered');

      // A new caller; Ctrl+Enter pressed twice at once registers one appeal for one applicant.
      await page.getByRole('button', { name: 'Новий дзвінок' }).last().click();
      const phone = `+380 67 000 ${String(Date.now()).slice(-4, -2)} ${String(Date.now()).slice(-2)}`;
      await page.getByLabel('Телефон заявника').fill(phone);
      await page.getByLabel('Прізвище, ім’я, по батькові').fill('Двічінатиснута Ганна Олегівна');
      await page.getByLabel('Питання', { exact: false }).first().focus();
      await page.keyboard.type('засмічення каналізації');
      await takeHighlightedOption(page, /Засмічення каналізаційного стояка/);
      await page.getByLabel('Суть звернення').fill('Вода стоїть у ванній після засмічення стояка.');
      await page.getByLabel('Суть звернення').focus();
      await page.keyboard.press('Control+Enter');
      await page.keyboard.press('Control+Enter');
      await numberText.waitFor();
      await page.waitForLoadState('networkidle');
      const applicants = await apiGet<{ id: number }[]>(
        page,
        `/api/v1/applicants?phone=${encodeURIComponent(phone)}`,
      );
      expect(applicants).toHaveLength(1);
      const appeals = await apiGet<{ count: number }>(
        page,
        `/api/v1/appeals/count?applicantId=${applicants[0]!.id}`,
      );
      expect(appeals.count).toBe(1);
    },
    STEP_TIMEOUT,
  );

  it(
    'supervisor: every figure equals the API’s count and opens a list of as many appeals; the overdue list is ordered and filtered as it says',
    async () => {
      // An appeal of this test's own, received 60 days ago (longer than any term, 30 days at
      // most): overdue, so that figure is not 0.
      const operator = await signIn('operator');
      const some = await apiGet<{ items: { questionType: { id: number } }[] }>(
        operator,
        '/api/v1/appeals?limit=1',
      );
      const registered = await operator.evaluate(
        async ({ questionTypeId, receivedAt }) => {
          const res = await fetch('/api/v1/appeals', {
            method: 'POST',
            headers: { 'content-type': 'application/json', accept: 'application/json' },
            body: JSON.stringify({
              channel: 'phone',
              kind: 'application',
              subject: 'individual',
              questionTypeId,
              receivedAt,
              description: 'Не прибрано сміття біля під’їзду',
              address: 'вул. Тестова, 3',
              applicant: { fullName: 'Прострочений Тест Іванович', phones: ['067 000 77 31'] },
            }),
          });
          return res.status;
        },
        {
          questionTypeId: some.items[0]!.questionType.id,
          receivedAt: new Date(Date.now() - 60 * 86_400_000).toISOString(),
        },
      );
      expect(registered).toBe(201);

      const page = await signIn('supervisor');
      const figures = page.getByRole('region', { name: 'Основні показники' });
      await figures.locator('.queue-card').first().waitFor();
      await screenshot(page, 'journey-supervisor-start');
      await expectAccessible(page, 'the supervisor start page');
      // The figures on screen, in order, are the snapshot's the API gives, and each equals the
      // registry's own count of that queue.
      const snapshot = await apiGet<{ figures: { key: string; count: number }[] }>(
        page,
        '/api/v1/dashboard',
      );
      expect(snapshot.figures.map((f) => f.key)).toEqual([
        'overdue',
        'due_soon',
        'on_check',
        'needs_routing',
        'open',
      ]);
      const digits = (text: string | null) => (text ?? '').replace(/\D/g, '');
      const shown = await figures.locator('.queue-count').allTextContents();
      expect(shown.map(digits)).toEqual(snapshot.figures.map((f) => String(f.count)));
      expect(snapshot.figures.find((f) => f.key === 'overdue')!.count).toBeGreaterThan(0);
      for (const figure of snapshot.figures) {
        const counted = await apiGet<{ count: number }>(
          page,
          `/api/v1/appeals/count?queue=${figure.key}`,
        );
        expect(counted.count, figure.key).toBe(figure.count);
      }

      // Each figure opens a list of as many appeals.
      for (const figure of snapshot.figures) {
        await page.goto(`${suite.baseUrl}/`);
        const card = figures.locator('.queue-card-link', {
          has: page.getByText(QUEUE_NAMES[figure.key]!, { exact: true }),
        });
        expect(digits(await card.locator('.queue-count').textContent())).toBe(String(figure.count));
        await card.click();
        await page.waitForURL(new RegExp(`queue=${figure.key}`));
        await page
          .getByTestId('registry-count')
          .getByText(new RegExp(`^Знайдено ${figure.count} звернен`))
          .waitFor();
        expect(await page.locator('tbody tr').count(), figure.key).toBe(Math.min(figure.count, 25));
      }

      await page.goto(`${suite.baseUrl}/`);
      await figures.getByRole('link', { name: /Прострочені/ }).click();
      await page.waitForURL(/queue=overdue/);
      const overdueOnly = page.getByRole('checkbox', { name: 'Лише прострочені' });
      await overdueOnly.waitFor();
      expect(await overdueOnly.isChecked()).toBe(true);
      expect(await page.getByRole('combobox', { name: 'Порядок' }).inputValue()).toBe(
        'control_date_asc',
      );
      await screenshot(page, 'journey-supervisor-overdue-list');
      await expectAccessible(page, 'the overdue list');
    },
    STEP_TIMEOUT,
  );

  it(
    'moderator: the start page says how many submissions wait and opens them',
    async () => {
      const page = await signIn('moderator');
      const summary = page.getByRole('region', { name: 'Звернення з інтернету на перевірці' });
      await summary.waitFor();
      expect(await summary.getByTestId('pending-submissions').textContent()).toMatch(/^\d+$/);
      await screenshot(page, 'journey-moderator-start');
      await expectAccessible(page, 'the moderator start page');
      await summary.getByRole('link', { name: 'Перевіряти' }).click();
      await page.waitForURL('**/submissions');
    },
    STEP_TIMEOUT,
  );

  it(
    'executor on a 360 px phone: the inbox fits and opens the appeal',
    async () => {
      const page = await signIn('executor', 360);
      await page.locator('article').first().waitFor();
      const scrollWidth = await page.evaluate(() => document.documentElement.scrollWidth);
      expect(scrollWidth).toBeLessThanOrEqual(360);
      await screenshot(page, 'journey-executor-inbox-360');
      await expectAccessible(page, 'the executor inbox at 360 px');
      await page.locator('article').first().getByRole('link').first().click();
      await page.waitForURL(/\/appeals\/\d+$/);
      await page.getByRole('heading', { level: 1 }).waitFor();
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
        360,
      );
      await screenshot(page, 'journey-executor-card-360');
      await expectAccessible(page, 'the appeal card at 360 px');
    },
    STEP_TIMEOUT,
  );

  it(
    'controller: the review queue opens an appeal on check',
    async () => {
      const page = await signIn('controller');
      await page.getByRole('link', { name: 'Перевірка' }).first().click();
      await page.locator('article').first().waitFor();
      // The answer, its proposed result and photos on the card, before opening it (issue 12).
      const preview = page.locator('article').first().getByTestId('review-preview');
      await preview.waitFor();
      expect(await preview.textContent()).toContain('Роботи виконано, перевірено на місці.');
      await screenshot(page, 'journey-controller-review');
      await expectAccessible(page, 'the review queue');
      await page.locator('article').first().getByRole('link', { name: 'Перевірити' }).click();
      await page.waitForURL(/\/appeals\/\d+$/);
      await expect
        .poll(() => page.locator('.status-badge').first().textContent())
        .toBe('На перевірці');
    },
    STEP_TIMEOUT,
  );

  it(
    'citizen: a wrong code is refused in Ukrainian on the tracking page',
    async () => {
      const page = await suite.newPage({ width: 390, timezoneId: KYIV });
      await page.goto(`${suite.baseUrl}/portal/track?number=P-2026-000001`);
      await page.getByLabel('Код доступу').fill('WRONG-CODE');
      await page.getByRole('button', { name: 'Показати' }).click();
      await page.getByText('Звернення з таким номером і кодом не знайдено').waitFor();
      await screenshot(page, 'journey-citizen-track-refused');
      await expectAccessible(page, 'the tracking page with a refusal');
    },
    STEP_TIMEOUT,
  );
});
