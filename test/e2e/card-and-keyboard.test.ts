/**
 * Issue 12, walked in Chromium (uk-UA, Europe/Kyiv) against `kontakt serve --demo`: co-executors
 * added and ended from the appeal card; the executor's card on a 360 px phone; the new call by
 * keyboard only, with late answers that never move the cursor. Each test makes its own appeals
 * through the API (as the signed-in user's page) and asserts what the user sees; axe on each screen.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import {
  browserSuite,
  expectAccessible,
  hasChromium,
  screenshot,
  STEP_TIMEOUT,
  takeHighlightedOption,
} from './browser.js';

const KYIV = 'Europe/Kyiv';
/** The demo's caller with one applicant record (seed-demo.ts). */
const KNOWN_CALLER = '+380 66 000 11 04';

async function api<T>(page: Page, method: string, path: string, body?: unknown): Promise<T> {
  return page.evaluate(
    async ({ method, path, body }) => {
      const res = await fetch(path, {
        method,
        headers: {
          accept: 'application/json',
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
          ...(method === 'POST' && path === '/api/v1/appeals'
            ? { 'idempotency-key': crypto.randomUUID() }
            : {}),
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      const text = await res.text();
      if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${text}`);
      return (text ? JSON.parse(text) : null) as T;
    },
    { method, path, body },
  );
}

interface Executor {
  id: number;
  name: string;
  type: string;
  active: boolean;
}

/** A new appeal routed to `organisationId` (a question type it executes), registered by `operator`. */
async function appealFor(
  operator: Page,
  organisationId: number,
  description: string,
): Promise<{ id: number; number: string }> {
  const kinds = await api<{ questionTypes: { id: number; executorId: number | null }[] }[]>(
    operator,
    'GET',
    '/api/v1/classifier',
  );
  const type = kinds.flatMap((k) => k.questionTypes).find((q) => q.executorId === organisationId);
  if (!type) throw new Error(`No question type routes to organisation ${organisationId}.`);
  const serial = String(Date.now() % 10_000).padStart(4, '0');
  return api(operator, 'POST', '/api/v1/appeals', {
    channel: 'phone',
    kind: 'application',
    subject: 'individual',
    questionTypeId: type.id,
    description,
    address: 'вул. Тестова, 7',
    applicant: {
      fullName: 'Картковий Тест Іванович',
      phones: [`067 000 ${serial.slice(0, 2)} ${serial.slice(2)}`],
    },
  });
}

const isFocused = (page: Page, selector: string) =>
  page.evaluate((s) => document.activeElement === document.querySelector(s), selector);

const focusedLabel = (page: Page) =>
  page.evaluate(() => {
    const el = document.activeElement;
    if (!el || el === document.body) return 'BODY';
    const label = el.id ? document.querySelector(`label[for="${el.id}"]`)?.textContent : null;
    return (label ?? el.getAttribute('aria-label') ?? el.getAttribute('name') ?? el.tagName).trim();
  });

describe.skipIf(!hasChromium)('the card and the new call (issue 12), uk-UA in Europe/Kyiv', () => {
  const suite = browserSuite();
  const signIn = (login: string, width = 1366) => suite.signIn(login, { width, timezoneId: KYIV });

  it(
    'operator: adds a co-executor with its own instruction from the card, then ends it with a reason',
    async () => {
      const page = await signIn('operator');
      const executor = await signIn('executor', 360);
      const me = await api<{ organisationId: number }>(executor, 'GET', '/api/v1/auth/me');
      const appeal = await appealFor(page, me.organisationId, 'Протікає дах над під’їздом.');
      const executors = await api<Executor[]>(page, 'GET', '/api/v1/executors');
      const co = executors.find(
        (e) => e.active && e.type === 'utility_company' && e.id !== me.organisationId,
      )!;

      await page.goto(`${suite.baseUrl}/appeals/${appeal.id}`);
      const section = page.getByRole('region', { name: 'Співвиконавці', exact: true });
      await section.getByRole('button', { name: 'Додати співвиконавця' }).click();
      const form = page.getByRole('form', { name: 'Додати співвиконавця' });
      const select = form.getByLabel('Виконавець', { exact: false }).first();
      await expect.poll(() => select.evaluate((el) => el === document.activeElement)).toBe(true);
      // The one already working on it is not offered.
      await select.fill(co.name.slice(0, 12));
      await form.getByRole('option', { name: co.name }).click();
      await form.getByLabel('Вказівка співвиконавцю').fill('Оглянути покрівлю й скласти акт.');
      await screenshot(page, 'card-co-executor-form');
      await expectAccessible(page, 'the co-executor form');
      await form.getByRole('button', { name: 'Додати співвиконавця' }).click();

      await section.getByRole('status').getByText(`Співвиконавця ${co.name} додано.`).waitFor();
      const row = page
        .getByTestId('assignments-table')
        .getByRole('row', { name: new RegExp(co.name) });
      await row.waitFor();
      expect(await row.textContent()).toContain('Співвиконавець');
      expect(await row.textContent()).toContain('Оглянути покрівлю й скласти акт.');
      expect(await row.textContent()).toContain('Очікує прийняття');

      // Ended with a reason: withdrawn in the table, the reason in the history; the appeal unmoved.
      await section.getByRole('button', { name: `Завершити доручення: ${co.name}` }).click();
      const end = section.getByRole('form', { name: `Завершити доручення: ${co.name}` });
      await end.getByLabel('Причина (необов’язково)').fill('Покрівлю оглянула аварійна служба.');
      await expectAccessible(page, 'ending a co-executor');
      await end.getByRole('button', { name: 'Завершити' }).click();
      await section.getByText(`Доручення ${co.name} завершено.`).waitFor();
      await expect.poll(() => row.textContent()).toContain('Відкликано');
      const history = page.getByRole('region', { name: 'Історія', exact: true });
      await history.getByText('Доручення співвиконавцю завершено').waitFor();
      expect(await history.textContent()).toContain('Покрівлю оглянула аварійна служба.');
      expect(await page.locator('.status-badge').first().textContent()).toBe('Зареєстровано');
      await screenshot(page, 'card-co-executor-ended');
      await expectAccessible(page, 'the card after ending a co-executor');
    },
    STEP_TIMEOUT,
  );

  it(
    'executor on a 360 px phone: the text and the rework reason first, the extension behind a button and gone once answered, the assignments fit',
    async () => {
      const operator = await signIn('operator');
      const controller = await signIn('controller');
      const page = await signIn('executor', 360);
      const me = await api<{ organisationId: number }>(page, 'GET', '/api/v1/auth/me');
      const appeal = await appealFor(
        operator,
        me.organisationId,
        'Не працює вуличне освітлення вздовж будинку, темно від вечора до ранку.',
      );
      const executors = await api<Executor[]>(operator, 'GET', '/api/v1/executors');
      const co = executors.find(
        (e) => e.active && e.type === 'utility_company' && e.id !== me.organisationId,
      )!;
      await api(operator, 'POST', `/api/v1/appeals/${appeal.id}/assignments`, {
        executorId: co.id,
        role: 'co',
        instruction:
          'Перевірити живлення опор освітлення на всій довжині вулиці та повідомити головного виконавця про результат.',
      });
      await api(page, 'POST', `/api/v1/appeals/${appeal.id}/accept`);
      await api(page, 'POST', `/api/v1/appeals/${appeal.id}/responses`, {
        text: 'Лампи замінено.',
      });
      await api(controller, 'POST', `/api/v1/appeals/${appeal.id}/review`, {
        decision: 'rework',
        comment: 'Додайте фото опор після заміни ламп.',
      });

      await page.goto(`${suite.baseUrl}/appeals/${appeal.id}`);
      const reason = page.getByTestId('rework-reason');
      await reason.waitFor();
      expect(await reason.textContent()).toContain('Додайте фото опор після заміни ламп.');
      const description = page.getByText('Не працює вуличне освітлення', { exact: false }).first();
      const actions = page.getByRole('region', { name: 'Дії', exact: true });
      const top = async (l: typeof actions) => (await l.boundingBox())!.y;
      expect(await top(reason)).toBeLessThan(await top(description));
      expect(await top(description)).toBeLessThan(await top(actions));

      // The extension form waits behind its button.
      const ask = page.getByRole('button', { name: 'Попросити продовжити строк' });
      await ask.waitFor();
      expect(await page.getByRole('heading', { name: 'Попросити продовження' }).count()).toBe(0);

      // The assignments are blocks, not a table wider than the phone; no sideways scrolling.
      const list = page.getByTestId('assignments-list');
      await list.waitFor();
      expect(await page.getByTestId('assignments-table').isVisible()).toBe(false);
      expect(await list.textContent()).toContain('Перевірити живлення опор освітлення');
      const assignments = page.getByRole('region', { name: 'Доручення', exact: true });
      const fit = await assignments.evaluate((el) => [el.scrollWidth, el.clientWidth]);
      expect(fit[0], 'the assignments fit their box').toBeLessThanOrEqual(fit[1]!);
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
        360,
      );
      // Adding co-executors is the centre's, not the executor's.
      expect(await page.getByRole('button', { name: 'Додати співвиконавця' }).count()).toBe(0);
      await screenshot(page, 'card-executor-rework-360');
      await expectAccessible(page, 'the executor card at 360 px (rework)');

      await ask.click();
      await page.getByRole('heading', { name: 'Попросити продовження' }).waitFor();
      await expectAccessible(page, 'the extension form at 360 px');

      // Accepted again: the reason stays on top while the executor answers it.
      await page.getByRole('button', { name: 'Прийняти в роботу' }).click();
      await expect.poll(() => page.locator('.status-badge').first().textContent()).toBe('В роботі');
      expect(await reason.textContent()).toContain('Додайте фото опор після заміни ламп.');
      await page.getByLabel('Текст відповіді').fill('Фото опор додано, освітлення працює.');
      await page.getByRole('button', { name: 'Надіслати відповідь' }).click();
      await expect
        .poll(() => page.locator('.status-badge').first().textContent())
        .toBe('На перевірці');
      // Answered: no extension form, no button for it, no stale rework reason.
      await expect.poll(() => ask.count()).toBe(0);
      expect(await page.getByRole('heading', { name: 'Попросити продовження' }).count()).toBe(0);
      expect(await reason.count()).toBe(0);
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
        360,
      );
      await screenshot(page, 'card-executor-answered-360');
      await expectAccessible(page, 'the executor card at 360 px (answered)');
    },
    STEP_TIMEOUT,
  );

  it(
    'operator: Enter moves phone → caller → question type → address → text, and late answers never move the cursor',
    async () => {
      const page = await signIn('operator');
      await page.goto(`${suite.baseUrl}/new-call`);
      await expect.poll(() => isFocused(page, 'input[name="phone"]')).toBe(true);

      // A new caller: Enter on the name goes on to the question (the caller's optional details are
      // for Tab); nothing is submitted.
      const phone = `+380 67 000 ${String(Date.now()).slice(-4, -2)} ${String(Date.now()).slice(-2)}`;
      await page.keyboard.type(phone);
      await page.keyboard.press('Enter');
      await expect.poll(() => focusedLabel(page)).toContain('Прізвище, ім’я, по батькові');
      await page.keyboard.type('Клавіатурна Олена Петрівна');
      await page.keyboard.press('Enter');
      expect(await focusedLabel(page)).toBe('Питання *');
      await page.keyboard.press('Shift+Tab');
      expect(await focusedLabel(page)).toBe('Не розголошувати дані заявника');
      await page.keyboard.press('Tab');
      expect(await focusedLabel(page)).toBe('Питання *');
      expect(await page.getByTestId('registration-number').count()).toBe(0);

      // Enter before the question type is chosen stays there; the list arrives; Enter takes it.
      await page.keyboard.type('засмічення каналізації');
      await page.keyboard.press('Enter');
      expect(await focusedLabel(page)).toBe('Питання *');
      await page.getByRole('option', { name: /Засмічення каналізаційного стояка/ }).waitFor();
      expect(await focusedLabel(page)).toBe('Питання *');
      await takeHighlightedOption(page, /Засмічення каналізаційного стояка/);
      await page.getByTestId('question-type-chosen').waitFor();
      await page.keyboard.press('Enter');
      expect(await focusedLabel(page)).toBe('Адреса проблеми');
      await page.keyboard.type('вул. Клавіатурна, 3');
      await page.keyboard.press('Enter');
      expect(await focusedLabel(page)).toBe('Суть звернення *');
      await page.keyboard.type('Засмічений стояк, вода у ванній.');
      await screenshot(page, 'new-call-keyboard-filled');
      await expectAccessible(page, 'the new-call screen filled by keyboard');

      // Registered; "another question from this caller" keeps the address and starts at the question.
      await page.keyboard.press('Control+Enter');
      await page.getByTestId('registration-number').waitFor();
      await page.getByRole('button', { name: 'Ще одне питання цього заявника' }).click();
      await expect.poll(() => focusedLabel(page)).toBe('Питання *');
      expect(await page.locator('input[name="address"]').inputValue()).toBe('вул. Клавіатурна, 3');

      // A known caller: Enter on the phone waits for the look-up and lands on the caller it found.
      await page.getByRole('button', { name: 'Очистити форму' }).click();
      await expect.poll(() => isFocused(page, 'input[name="phone"]')).toBe(true);
      await page.keyboard.type(KNOWN_CALLER);
      await page.keyboard.press('Enter');
      await page.getByTestId('chosen-applicant').waitFor();
      await expect
        .poll(() => page.evaluate(() => (document.activeElement as HTMLInputElement).type))
        .toBe('radio');
      expect(await page.evaluate(() => (document.activeElement as HTMLInputElement).checked)).toBe(
        true,
      );
      await page.keyboard.press('Enter');
      expect(await focusedLabel(page)).toBe('Питання *');

      // Tab to the name before the look-up answers (held back 1.5 s here): the answer arrives, the
      // cursor stays where the operator is.
      await page.getByRole('button', { name: 'Очистити форму' }).click();
      await expect.poll(() => isFocused(page, 'input[name="phone"]')).toBe(true);
      await page.waitForTimeout(400); // the cleared phone settles
      await page.route('**/api/v1/applicants?*', async (route) => {
        await new Promise((r) => setTimeout(r, 1500));
        await route.continue();
      });
      await page.keyboard.type('+380 97 000 11 05'); // another demo caller, not looked up yet
      await page.keyboard.press('Tab');
      expect(await focusedLabel(page)).toContain('Прізвище, ім’я, по батькові');
      await page.getByRole('radiogroup').waitFor(); // the look-up has answered
      await page.waitForTimeout(500);
      expect(await focusedLabel(page)).toContain('Прізвище, ім’я, по батькові');
      await page.keyboard.type('Інша Особа');
      expect(await page.locator('input[name="fullName"]').inputValue()).toBe('Інша Особа');
      await screenshot(page, 'new-call-late-lookup');
      await expectAccessible(page, 'the new-call screen with a late look-up');
    },
    STEP_TIMEOUT,
  );
});
