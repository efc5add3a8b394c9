/**
 * End to end (issue 13): on the new-call screen the operator types the caller's words into the
 * description; the three likeliest question types appear with their executors and reasons; the
 * keyboard (Tab to the list, ↑/↓, Enter) chooses one and it becomes the appeal's question type.
 */
import { describe, expect, it } from 'vitest';
import {
  browserSuite,
  expectAccessible,
  hasChromium,
  screenshot,
  STEP_TIMEOUT,
} from './browser.js';

describe.skipIf(!hasChromium)('question-type suggestions on the new-call screen', () => {
  const suite = browserSuite();

  it(
    'shows three suggestions for «не гріють батареї у квартирі» and takes one by keyboard',
    async () => {
      const page = await suite.signIn('operator');
      await page.goto(`${suite.baseUrl}/new-call`);
      const description = page.getByLabel('Суть звернення');
      await description.click();
      await page.keyboard.type('не гріють батареї у квартирі');

      const list = page.getByRole('listbox', { name: /ймовірні види питань/ });
      const options = list.getByRole('option');
      await expect.poll(() => options.count(), { timeout: 60_000 }).toBe(3);
      const first = options.first();
      // The list follows the description as it is typed (one query per pause): on a busy machine
      // an answer to the first words shows before the whole text's, which then replaces it and
      // puts the choice back on the first option. Wait for the answer to the whole text (its last
      // word among the first option's reasons) before reading or moving through the list.
      await expect.poll(() => first.textContent(), { timeout: 60_000 }).toContain('«квартирі»');
      expect(await first.textContent()).toContain('Відсутність опалення');
      expect(await first.textContent()).toContain('виконавець:');
      expect(await first.textContent()).toContain('«батареї»');
      await screenshot(page, 'new-call-suggestions');
      await expectAccessible(page, 'the new-call screen with suggestions');

      // Tab from the description reaches the list; ↓ then ↑ come back to the first; Enter takes it.
      await page.keyboard.press('Tab');
      await expect.poll(() => list.evaluate((el) => el === document.activeElement)).toBe(true);
      await page.keyboard.press('ArrowDown');
      await expect.poll(() => options.nth(1).getAttribute('aria-selected')).toBe('true');
      await page.keyboard.press('ArrowUp');
      await expect.poll(() => first.getAttribute('aria-selected')).toBe('true');
      await expect.poll(() => options.nth(1).getAttribute('aria-selected')).toBe('false');
      await page.keyboard.press('Enter');

      await expect
        .poll(() => page.getByRole('textbox', { name: 'Питання', exact: true }).inputValue())
        .toContain('Відсутність опалення');
      await expect
        .poll(() => page.getByTestId('question-type-chosen').textContent())
        .toMatch(/Виконавець: .+ · за (будинком|районом|типом питання)/);
      expect(await first.textContent()).toContain('обрано');
    },
    STEP_TIMEOUT,
  );

  it(
    'the administrator edits the boilerplate phrases of formal answers',
    async () => {
      const page = await suite.signIn('admin');
      await page.getByRole('link', { name: 'Шаблонні фрази' }).first().click();
      await page.waitForURL('**/boilerplate');
      const phrases = page.getByLabel('Фрази');
      await expect.poll(() => phrases.inputValue()).toContain('Взято до відома');
      await phrases.click();
      await page.keyboard.press('Control+End');
      await page.keyboard.type('\nПитання вивчається фахівцями');
      await page.getByRole('button', { name: 'Зберегти' }).click();
      await page.getByRole('status').waitFor();
      expect(await page.getByRole('status').textContent()).toMatch(/Збережено: 11 фраз/);
      await screenshot(page, 'boilerplate');
      await expectAccessible(page, 'the boilerplate page');
    },
    STEP_TIMEOUT,
  );
});
