/**
 * Reports in a real browser (issue 17): the supervisor opens the statistics by Classifier No. 858
 * for a quarter — a table with the sections and the same period a year before — the standard
 * executors' report with its chart and the executors' rating with the indexes; the operator's intake has the author's sex, category and
 * social status; the administrator sets a question type's topic. Every screen is checked with axe
 * (WCAG 2.1 A/AA) in Ukrainian and in English.
 */
import type { Page } from 'playwright-core';
import { expect, it } from 'vitest';
import {
  browserStory,
  browserSuite,
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
});
