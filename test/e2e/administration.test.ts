/**
 * The administrator's workspace in a real browser (issue 14): the administrator creates an
 * organisation under a district administration, a user for it and a question type routed to it;
 * an operator registers an appeal of that type and it lands in the new executor's inbox; the
 * administrator deactivates the user and their open session gets 401 on the next request; the
 * audit log shows all of it. Every admin screen is checked with axe (WCAG 2.1 A/AA) in Ukrainian
 * and in English.
 */
import type { Locator, Page } from 'playwright-core';
import { expect, it } from 'vitest';
import {
  browserStory,
  browserSuite,
  expectAccessible,
  expectTranslated,
  screenshot,
  STEP_TIMEOUT,
} from './browser.js';

/** Choose `option` in a Mantine select labelled `label` (typing filters the options). */
async function choose(
  scope: Page | Locator,
  page: Page,
  label: string,
  search: string,
  option: RegExp | string,
) {
  const input = scope.getByLabel(new RegExp(`^${label}`)).first();
  await input.click();
  if (search) await input.fill(search);
  await page.getByRole('option', { name: option }).first().click();
}

browserStory(
  'administration: organisation, user, question type, routing, deactivation, audit',
  () => {
    const suite = browserSuite();
    const stamp = String(Date.now()).slice(-6);
    const orgName = `КП «Сервіс-${stamp}»`;
    const login = `exec-${stamp}`;
    const typeName = `Зламаний турнікет ${stamp}`;
    let admin: Page;
    let executor: Page;
    let number = '';

    it(
      'the administrator creates an organisation under a district administration',
      async () => {
        admin = await suite.signIn('admin');
        await admin.getByRole('link', { name: 'Адміністрування' }).first().click();
        await admin.waitForURL('**/admin/users');
        await admin.getByRole('link', { name: 'Організації' }).click();
        await admin.waitForURL('**/admin/organisations');
        await admin
          .getByRole('cell', { name: 'Голосіївська районна державна адміністрація' })
          .waitFor();
        await screenshot(admin, 'admin-organisations');
        await expectAccessible(admin, 'the organisations screen');

        await admin.getByRole('button', { name: 'Нова організація' }).click();
        const dialog = admin.getByRole('dialog');
        await dialog.getByRole('textbox', { name: /^Назва/ }).fill(orgName);
        await choose(
          dialog,
          admin,
          'Підпорядкована організації',
          'Голосіївська',
          /Голосіївська районна/,
        );
        await dialog.getByLabel('E-mail для сповіщень').fill('servis@example.org');
        await expectAccessible(admin, 'the new organisation dialog');
        await dialog.getByRole('button', { name: 'Зберегти' }).click();
        await dialog.waitFor({ state: 'detached' });
        await admin.getByRole('cell', { name: orgName }).waitFor();
      },
      STEP_TIMEOUT,
    );

    it(
      'creates a user of it; a breached password is refused in the page’s language',
      async () => {
        await admin.getByRole('link', { name: 'Працівники' }).click();
        await admin.waitForURL('**/admin/users');
        await admin.getByRole('cell', { name: 'admin', exact: true }).waitFor();
        await screenshot(admin, 'admin-users');
        await expectAccessible(admin, 'the staff screen');
        await admin.getByRole('button', { name: 'Новий працівник' }).click();
        const dialog = admin.getByRole('dialog');
        await dialog.getByLabel('Логін').fill(login);
        await dialog.getByLabel('Прізвище, ім’я, по батькові').fill('Тестовий Виконавець Сервісу');
        await choose(dialog, admin, 'Роль', '', 'Виконавець');
        await choose(dialog, admin, 'Організація', `Сервіс-${stamp}`, orgName);
        await dialog.getByLabel(/^Пароль/).fill('qwerty123');
        await dialog.getByRole('button', { name: 'Зберегти' }).click();
        await dialog.getByText('Цей пароль є у списку відомих зламаних паролів').waitFor();
        await expectAccessible(admin, 'the new user dialog with a refused password');
        await dialog.getByLabel(/^Пароль/).fill('kontakt-demo');
        await dialog.getByRole('button', { name: 'Зберегти' }).click();
        await dialog.waitFor({ state: 'detached' });
        await admin.locator(`tr[data-login="${login}"]`).waitFor();
      },
      STEP_TIMEOUT,
    );

    it(
      'creates a question type routed to it, and the routing screen says where appeals go and why',
      async () => {
        await admin.getByRole('link', { name: 'Класифікатор' }).click();
        await admin.waitForURL('**/admin/classifier');
        await admin.getByRole('button', { name: 'Новий тип питання' }).waitFor();
        await screenshot(admin, 'admin-classifier');
        await expectAccessible(admin, 'the classifier screen');
        await admin.getByRole('button', { name: 'Новий тип питання' }).click();
        const dialog = admin.getByRole('dialog');
        await dialog.getByLabel('Назва (українською)').fill(typeName);
        await dialog.getByLabel('Назва англійською').fill(`Broken turnstile ${stamp}`);
        await choose(dialog, admin, 'Виконавець за замовчуванням', `Сервіс-${stamp}`, orgName);
        await dialog.getByRole('button', { name: 'Зберегти' }).click();
        await dialog.waitFor({ state: 'detached' });
        await admin.getByRole('cell', { name: typeName }).waitFor();

        await admin.getByRole('link', { name: 'Маршрутизація' }).click();
        await choose(admin, admin, 'Тип питання', typeName, new RegExp(typeName));
        const where = admin.getByRole('table', { name: 'Куди піде звернення' });
        await where.getByRole('row', { name: /Адреса поза районами/ }).waitFor();
        const row = await where.getByRole('row', { name: /Адреса поза районами/ }).textContent();
        expect(row).toContain(orgName);
        expect(row).toContain('Виконавець за замовчуванням');
        await screenshot(admin, 'admin-routing');
        await expectAccessible(admin, 'the routing screen');
      },
      STEP_TIMEOUT,
    );

    it(
      'settings: a value out of range is refused with its range',
      async () => {
        await admin.getByRole('link', { name: 'Налаштування' }).click();
        await admin.waitForURL('**/admin/settings');
        const limit = admin.getByLabel('Ліміт доопрацювань');
        await limit.fill('99');
        await limit.press('Enter');
        await admin
          .getByText('Значення поза допустимими межами', { exact: false })
          .first()
          .waitFor();
        await screenshot(admin, 'admin-settings');
        await expectAccessible(admin, 'the settings screen');
      },
      STEP_TIMEOUT,
    );

    it(
      'an operator registers an appeal of that type and it lands in the new executor’s inbox',
      async () => {
        const operator = await suite.signIn('operator');
        const registered = await operator.evaluate(async (name) => {
          const found = (await (
            await fetch(`/api/v1/question-types?q=${encodeURIComponent(name)}`)
          ).json()) as { id: number }[];
          const response = await fetch('/api/v1/appeals', {
            method: 'POST',
            headers: { 'content-type': 'application/json', 'idempotency-key': crypto.randomUUID() },
            body: JSON.stringify({
              channel: 'phone',
              kind: 'application',
              applicant: { fullName: 'Петренко Марія Іванівна', phones: ['067 000 99 11'] },
              questionTypeId: found[0]?.id,
              address: 'вул. Васильківська, 3',
              description: 'Турнікет на вході до парку зламаний, прохід закрито.',
            }),
          });
          return { status: response.status, body: (await response.json()) as { number?: string } };
        }, typeName);
        expect(registered.status, JSON.stringify(registered.body)).toBe(201);
        number = registered.body.number ?? '';

        executor = await suite.signIn(login, { width: 360 });
        await expect
          .poll(() => executor.getByRole('heading', { level: 1 }).textContent())
          .toBe('Вхідні доручення');
        await executor
          .locator('article', { has: executor.getByText(number, { exact: true }) })
          .waitFor();
        await screenshot(executor, 'admin-new-executor-inbox-360');
      },
      STEP_TIMEOUT,
    );

    it(
      'the administrator deactivates the user: their open session gets 401 on the next request',
      async () => {
        await admin.getByRole('link', { name: 'Працівники' }).click();
        const row = admin.locator(`tr[data-login="${login}"]`);
        await row.getByRole('button', { name: 'Деактивувати' }).click();
        await admin.getByText(`${login} деактивовано: завершено сеансів — 1`).waitFor();
        const status = await executor.evaluate(async () => (await fetch('/api/v1/auth/me')).status);
        expect(status).toBe(401);
        await executor.reload();
        await executor.waitForURL('**/login**');
      },
      STEP_TIMEOUT,
    );

    it(
      'the audit log shows all of it, before → after',
      async () => {
        await admin.getByRole('link', { name: 'Журнал змін' }).click();
        await admin.waitForURL('**/admin/audit');
        const table = admin.getByRole('table', { name: 'Журнал змін' });
        for (const action of [
          'createOrganisation',
          'createUser',
          'createQuestionType',
          'deactivateUser',
        ]) {
          await table.getByText(action, { exact: true }).first().waitFor();
        }
        expect(await table.textContent()).toContain('active: true → false');
        await admin.getByLabel('Дія').fill('deactivateUser');
        await admin.getByRole('button', { name: 'Показати' }).click();
        await expect.poll(() => table.locator('tbody tr').count()).toBe(1);
        await screenshot(admin, 'admin-audit');
        await expectAccessible(admin, 'the audit log');
      },
      STEP_TIMEOUT,
    );

    it(
      'Open311 keys: issued with the key shown once, then revoked',
      async () => {
        await admin.getByRole('link', { name: 'Ключі Open311' }).click();
        await admin.waitForURL('**/admin/open311-keys');
        await admin.getByLabel(/^Для кого ключ/).fill(`Застосунок ${stamp}`);
        await admin.getByRole('button', { name: 'Видати ключ' }).click();
        await admin.getByText(`Ключ для «Застосунок ${stamp}» (показано один раз):`).waitFor();
        await screenshot(admin, 'admin-open311-keys');
        await expectAccessible(admin, 'the Open311 keys screen');
        const row = admin.getByRole('row', { name: new RegExp(`Застосунок ${stamp}`) });
        await row.getByRole('button', { name: 'Відкликати' }).click();
        await row.getByText('Відкликано', { exact: false }).waitFor();
      },
      STEP_TIMEOUT,
    );

    it(
      'in English the admin screens are translated and accessible',
      async () => {
        await admin.locator('label', { hasText: 'English' }).first().click();
        await admin.getByRole('link', { name: 'Administration' }).first().waitFor();
        const pages: [string, string, string][] = [
          ['staff', '/admin/users', 'New staff user'],
          ['organisations', '/admin/organisations', 'New organisation'],
          ['classifier', '/admin/classifier', 'New question type'],
          ['routing', '/admin/routing', 'Question type'],
          ['settings', '/admin/settings', 'Rework limit'],
          ['Open311 keys', '/admin/open311-keys', 'Issue key'],
          ['audit log', '/admin/audit', 'Export CSV'],
        ];
        for (const [name, path, text] of pages) {
          await admin.goto(`${suite.baseUrl}${path}`);
          await admin.getByText(text).first().waitFor();
          await admin.waitForLoadState('networkidle');
          await expectTranslated(admin, name);
          await expectAccessible(admin, `the English ${name} screen`);
        }
        await screenshot(admin, 'admin-settings-en');
      },
      STEP_TIMEOUT,
    );
  },
);
