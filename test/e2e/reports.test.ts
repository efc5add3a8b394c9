/**
 * Reports in a real browser (issue 17): the supervisor opens the statistics by Classifier No. 858
 * for a quarter — a table with the sections and the same period a year before — the standard
 * executors' report with its chart and the executors' rating with the indexes; the operator's intake has the author's sex, category and
 * social status; the administrator sets a question type's topic; the supervisor builds executors ×
 * months in the report builder, checks its figures against the API, saves it shared with the
 * analysts on a monthly e-mail, finds it in the saved reports (so does an analyst, without the
 * owner's buttons) and downloads it as XLSX with its progress. Every screen is checked with axe
 * (WCAG 2.1 A/AA) in Ukrainian and in English.
 */
import { readFile } from 'node:fs/promises';
import type { Locator, Page } from 'playwright-core';
import { expect, it } from 'vitest';
import {
  browserStory,
  browserSuite,
  call,
  expectAccessible,
  expectTranslated,
  screenshot,
  STEP_TIMEOUT,
  switchLanguage,
} from './browser.js';

browserStory('reports: Classifier No. 858 statistics, intake fields, topics (issue 17)', () => {
  const suite = browserSuite();
  let head: Page;

  it(
    'the supervisor opens the 858 statistics for a quarter and the executors’ report, in uk and en',
    async () => {
      head = await suite.signIn('supervisor');
      await head.goto(`${suite.baseUrl}/reports`);
      await head.getByRole('heading', { level: 1, name: 'Звіти' }).waitFor();
      await head.getByLabel('Звіт', { exact: true }).selectOption('classifier-858');
      const year = new Date().getFullYear();
      await head.getByLabel('Звітний період').selectOption(`${year}-q1`);
      const table = head.getByRole('table', { name: 'Статистика за Класифікатором № 858' });
      await table.getByRole('cell', { name: 'Усього звернень' }).waitFor();
      await table.getByRole('cell', { name: 'Вирішено позитивно' }).waitFor();
      expect(await head.getByLabel('З', { exact: true }).inputValue()).toBe(`${year}-01-01`);
      expect(await head.getByLabel('По', { exact: true }).inputValue()).toBe(`${year}-03-31`);
      await head.waitForLoadState('networkidle');
      await expectAccessible(head, 'the 858 statistics');
      await screenshot(head, 'reports-858');

      await head.getByLabel('Звіт', { exact: true }).selectOption('executors');
      await head.getByRole('table', { name: 'Виконавці' }).waitFor();
      await head.waitForLoadState('networkidle');
      await expectAccessible(head, 'the executors’ report');
      await screenshot(head, 'reports-executors');

      await head.getByLabel('Звіт', { exact: true }).selectOption('ratings-executors');
      await head
        .getByRole('table', { name: 'Рейтинг виконавців' })
        .getByRole('cell', { name: 'Місто загалом' })
        .waitFor();
      await head.waitForLoadState('networkidle');
      await expectAccessible(head, 'the executors’ rating');
      await screenshot(head, 'reports-ratings');

      await switchLanguage(head, 'English');
      await head.getByLabel('Report', { exact: true }).selectOption('classifier-858');
      await head
        .getByRole('table', { name: 'Statistics by Classifier No. 858' })
        .getByRole('cell', { name: 'All appeals' })
        .waitFor();
      await head.waitForLoadState('networkidle');
      await expectTranslated(head, 'the 858 statistics');
      await expectAccessible(head, 'the English 858 statistics');
      await screenshot(head, 'reports-858-en');
      await switchLanguage(head, 'Українська');
    },
    STEP_TIMEOUT,
  );

  it(
    'the operator’s intake asks the author’s sex, category and social status',
    async () => {
      const operator = await suite.signIn('operator');
      await operator.goto(`${suite.baseUrl}/new-call`);
      await operator.getByLabel('Стать автора').selectOption('female');
      await operator.getByLabel('Категорія автора').selectOption('combatant');
      await operator.getByLabel('Соціальний стан').selectOption('pensioner');
      await expectAccessible(operator, 'the new-call screen with the 858 fields');
      await screenshot(operator, 'new-call-858');
      await switchLanguage(operator, 'English');
      await operator.getByLabel('Author’s sex').waitFor();
      await expectAccessible(operator, 'the English new-call screen with the 858 fields');
      await switchLanguage(operator, 'Українська');
    },
    STEP_TIMEOUT,
  );

  it(
    'the administrator sets a question type’s topic by the Classifier',
    async () => {
      const admin = await suite.signIn('admin');
      await admin.goto(`${suite.baseUrl}/admin/classifier`);
      await admin.getByRole('button', { name: 'Змінити' }).first().click();
      const dialog = admin.getByRole('dialog');
      await dialog.getByLabel('Тема за Класифікатором № 858').selectOption('11');
      await expectAccessible(admin, 'the question type form with the 858 topic');
      await screenshot(admin, 'classifier-topic-858');
      await dialog.getByRole('button', { name: 'Зберегти' }).click();
      await dialog.waitFor({ state: 'detached' });
      await admin.getByRole('cell', { name: '11', exact: true }).first().waitFor();
    },
    STEP_TIMEOUT,
  );

  it(
    'the supervisor builds executors × months, saves it for the analysts and downloads it with progress',
    async () => {
      head = await suite.signIn('supervisor');
      await head.goto(`${suite.baseUrl}/reports`);
      await head.getByRole('tab', { name: 'Конструктор звітів' }).click();
      const to = await head.evaluate(() =>
        new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Kyiv' }).format(new Date()),
      );
      const from = `${to.slice(0, 4)}-01-01`;
      await head.getByLabel('З', { exact: true }).fill(from);
      await head.getByLabel('По', { exact: true }).fill(to);
      await head.getByLabel('Рядки').selectOption('executor');
      await head.getByLabel('Стовпці').selectOption('month');
      await head.getByRole('checkbox', { name: 'Частка виконаних вчасно' }).check();
      expect(await head.getByRole('checkbox', { name: 'Кількість звернень' }).isChecked()).toBe(
        true,
      );
      await head.getByRole('button', { name: 'Побудувати' }).click();
      const table = head.getByRole('table', { name: 'Звіт: Виконавець × Місяць' });
      await table.locator('tfoot').getByRole('rowheader', { name: 'Усього' }).waitFor();

      // The table shows the API's figures, cell by cell (percent as «87,5 %», a dash for none).
      const api = await call<PivotAnswer>(
        head,
        'GET',
        `/api/v1/reports/pivot?from=${from}&to=${to}&rows=executor&columns=month` +
          '&measures=count,on_time_share&lang=uk',
      );
      expect(api.key).toBe('pivot');
      expect(api.rows.length).toBeGreaterThan(1);
      expect(api.columns.map((c) => c.key)).toEqual(
        expect.arrayContaining(['row', 'c0_count', 'c0_on_time_share', 'total_count']),
      );
      const shown = await cellsOf(table);
      expect(shown).toEqual(api.rows.map((r) => api.columns.map((c) => r[c.key] ?? null)));
      await head.waitForLoadState('networkidle');
      await expectAccessible(head, 'the report builder with executors × months');
      await screenshot(head, 'reports-pivot');

      // Saved with a name, shared with the analysts, e-mailed monthly as XLSX.
      await head.getByRole('button', { name: 'Зберегти звіт…' }).click();
      const dialog = head.getByRole('dialog');
      await dialog.getByLabel('Назва звіту').fill('Виконавці за місяцями');
      await dialog.getByRole('checkbox', { name: 'Аналітик' }).check();
      await dialog.getByRole('checkbox', { name: 'Надсилати e-mail за розкладом' }).check();
      await dialog.getByLabel('Як часто').selectOption('month');
      await dialog.getByLabel('Додаткові адреси e-mail').fill('analytics@example.org');
      await expectAccessible(head, 'the save-report dialog');
      await dialog.getByRole('button', { name: 'Зберегти', exact: true }).click();
      await dialog.waitFor({ state: 'detached' });
      await head.getByText('Звіт «Виконавці за місяцями» збережено.').waitFor();

      await head.getByRole('tab', { name: 'Збережені звіти' }).click();
      const list = head.getByRole('table', { name: 'Збережені звіти: мої та доступні мені' });
      const row = list.getByRole('row').filter({ hasText: 'Виконавці за місяцями' });
      await row.waitFor();
      await row.getByRole('cell', { name: 'Аналітик', exact: true }).waitFor();
      await row.getByRole('cell', { name: 'Щомісяця (1-го числа), XLSX' }).waitFor();
      await row.getByRole('cell', { name: 'Керівник Демо' }).waitFor();
      await row.getByRole('cell', { name: 'Ще не надсилався' }).waitFor();
      await row.getByRole('button', { name: 'Змінити звіт «Виконавці за місяцями»' }).waitFor();
      await head.waitForLoadState('networkidle');
      await expectAccessible(head, 'the saved reports');
      await screenshot(head, 'reports-saved');

      // Opening it fills the builder and runs it again.
      await row.getByRole('button', { name: 'Відкрити звіт «Виконавці за місяцями»' }).click();
      await table.locator('tfoot').getByRole('rowheader', { name: 'Усього' }).waitFor();
      expect(await head.getByLabel('Стовпці').inputValue()).toBe('month');

      // The XLSX arrives through the page's stream reader: a progress bar, then the saved file.
      await head.evaluate(() => {
        const flag = window as unknown as { seenProgress: boolean };
        flag.seenProgress = false;
        new MutationObserver(() => {
          if (document.querySelector('progress')) flag.seenProgress = true;
        }).observe(document.body, { childList: true, subtree: true });
      });
      const [download] = await Promise.all([
        head.waitForEvent('download'),
        head.getByRole('button', { name: 'Завантажити XLSX' }).click(),
      ]);
      expect(download.suggestedFilename()).toBe(`pivot-executor-month-${from}-${to}.xlsx`);
      const bytes = await readFile(await download.path());
      expect(bytes.subarray(0, 2).toString('latin1')).toBe('PK');
      await head.getByText(/^Файл «pivot-executor-month-.+\.xlsx» збережено/).waitFor();
      expect(
        await head.evaluate(() => (window as unknown as { seenProgress: boolean }).seenProgress),
      ).toBe(true);

      await switchLanguage(head, 'English');
      await head
        .getByRole('table', { name: 'Report: Executor × Month' })
        .locator('tfoot')
        .getByRole('rowheader', { name: 'Total' })
        .waitFor();
      await head.waitForLoadState('networkidle');
      await expectTranslated(head, 'the report builder');
      await expectAccessible(head, 'the English report builder');
      await head.getByRole('tab', { name: 'Saved reports' }).click();
      await head
        .getByRole('table', { name: 'Saved reports: mine and shared with me' })
        .getByRole('cell', { name: 'Monthly (on the 1st), XLSX' })
        .waitFor();
      await expectTranslated(head, 'the saved reports');
      await expectAccessible(head, 'the English saved reports');
      await screenshot(head, 'reports-saved-en');
      await switchLanguage(head, 'Українська');

      // An analyst sees it shared, runs it, and has no owner's buttons.
      const analyst = await suite.signIn('analyst');
      await analyst.goto(`${suite.baseUrl}/reports`);
      await analyst.getByRole('tab', { name: 'Збережені звіти' }).click();
      const shared = analyst.getByRole('row').filter({ hasText: 'Виконавці за місяцями' });
      await shared.getByRole('cell', { name: 'Керівник Демо' }).waitFor();
      expect(await shared.getByRole('button', { name: /^Змінити/ }).count()).toBe(0);
      expect(await shared.getByRole('button', { name: /^Видалити/ }).count()).toBe(0);
    },
    STEP_TIMEOUT,
  );
});

interface PivotAnswer {
  key: string;
  columns: { key: string; type: 'text' | 'int' | 'decimal' | 'percent' }[];
  rows: Record<string, string | number | null>[];
}

/**
 * A table's body and footer rows as values: text as it is, «—» as null, numbers read back from
 * their Ukrainian writing («1 234», «87,5 %»).
 */
async function cellsOf(table: Locator): Promise<(string | number | null)[][]> {
  const texts = await table
    .locator('tbody tr, tfoot tr')
    .evaluateAll((rows) =>
      rows.map((r) => [...r.children].map((c) => (c.textContent ?? '').trim())),
    );
  return texts.map((row) =>
    row.map((text, j) => {
      if (j === 0) return text;
      if (text === '—') return null;
      return Number(text.replace(/[\s\u00a0\u202f%]/g, '').replace(',', '.'));
    }),
  );
}
