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
  expectScreensTranslated,
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
    const coName = 'Голосіївська районна державна адміністрація';
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
        await dialog.getByLabel('Назва (українською)').waitFor();
        await expectAccessible(admin, 'the new question type dialog');
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

        // A co-executor on the default rule (issue 14, item 4): the preview shows it beside the main.
        await choose(admin, admin, 'Співвиконавці', 'Голосіївська', coName);
        await admin.keyboard.press('Escape');
        await admin.getByRole('button', { name: 'Зберегти' }).click();
        await expect
          .poll(() => where.getByRole('row', { name: /Адреса поза районами/ }).textContent())
          .toContain(coName);
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
          const body = (await response.json()) as { id?: number; number?: string };
          // A second record of the same caller (a short name, the same phone): a duplicate to propose.
          await fetch('/api/v1/appeals', {
            method: 'POST',
            headers: { 'content-type': 'application/json', 'idempotency-key': crypto.randomUUID() },
            body: JSON.stringify({
              channel: 'phone',
              kind: 'application',
              applicant: { fullName: 'Петренко Марія', phones: ['067 000 99 11'] },
              separateApplicant: true,
              questionTypeId: found[0]?.id,
              address: 'вул. Васильківська, 3',
              description: 'Турнікет біля входу до парку досі не працює.',
            }),
          });
          const card = (await (await fetch(`/api/v1/appeals/${body.id}`)).json()) as {
            assignments: { executor: { name: string }; role: string }[];
          };
          return { status: response.status, body, assignments: card.assignments };
        }, typeName);
        expect(registered.status, JSON.stringify(registered.body)).toBe(201);
        number = registered.body.number ?? '';
        // The rule's co-executor was assigned with the main executor.
        expect(registered.assignments.map((a) => [a.executor.name, a.role]).sort()).toEqual([
          [coName, 'co'],
          [orgName, 'main'],
        ]);

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
        // Actions and fields in the reader's language, organisations by name (no codes on a uk screen).
        for (const action of [
          'Нова організація',
          'Новий працівник',
          'Новий тип питання',
          'Виконавець за замовчуванням',
          'Деактивація працівника',
        ]) {
          await table.getByText(action, { exact: true }).first().waitFor();
        }
        const text = await table.textContent();
        expect(text).toContain('Активний: так → ні');
        expect(text).toContain(`Співвиконавці: — → ${coName}`);
        await choose(admin, admin, 'Дія', 'Деактивація', 'Деактивація працівника');
        await admin.getByRole('button', { name: 'Показати' }).click();
        await expect.poll(() => table.locator('tbody tr').count()).toBe(1);
        await screenshot(admin, 'admin-audit');
        await expectAccessible(admin, 'the audit log');
      },
      STEP_TIMEOUT,
    );

    it(
      'the editing, password reset and move dialogs pass axe (closed without saving)',
      async () => {
        // Editing a staff user: opened and closed, nothing saved.
        await admin.getByRole('link', { name: 'Працівники' }).click();
        await admin.waitForURL('**/admin/users');
        const adminRow = admin.locator('tr[data-login="admin"]');
        await adminRow.getByRole('button', { name: 'Змінити' }).click();
        let dialog = admin.getByRole('dialog', { name: 'Працівник admin' });
        await dialog.getByRole('button', { name: 'Зберегти' }).waitFor();
        await expectAccessible(admin, 'the edit user dialog');
        await dialog.getByRole('button', { name: 'Скасувати' }).click();
        await dialog.waitFor({ state: 'detached' });

        // Resetting the password of the story's executor (deactivated already, nobody signs in
        // as them later): the one-time password is shown once.
        await choose(admin, admin, 'Стан', '', 'Неактивний');
        const row = admin.locator(`tr[data-login="${login}"]`);
        await row.getByRole('button', { name: 'Скинути пароль' }).click();
        const shown = admin
          .getByRole('status')
          .filter({ hasText: `Одноразовий пароль для ${login}` });
        await shown.getByTestId('one-time-password').waitFor();
        await screenshot(admin, 'admin-users-one-time-password');
        await expectAccessible(admin, 'the one-time password of a reset');
        await shown.getByRole('button', { name: 'Закрити' }).click();
        await shown.waitFor({ state: 'detached' });

        // Editing and moving an organisation: opened and closed, nothing saved.
        await admin.getByRole('link', { name: 'Організації' }).click();
        await admin.waitForURL('**/admin/organisations');
        // The organisations' table (the staff table, still shown while the route changes, names
        // the organisation too, in the executor's row).
        const orgRow = admin
          .getByRole('table', { name: 'Організації' })
          .getByRole('row', { name: new RegExp(`Сервіс-${stamp}`) });
        await orgRow.getByRole('button', { name: 'Змінити' }).click();
        dialog = admin.getByRole('dialog', { name: 'Змінити організацію' });
        await dialog.getByRole('button', { name: 'Зберегти' }).waitFor();
        await expectAccessible(admin, 'the edit organisation dialog');
        await admin.keyboard.press('Escape');
        await dialog.waitFor({ state: 'detached' });
        await orgRow.getByRole('button', { name: 'Перемістити' }).click();
        dialog = admin.getByRole('dialog', { name: `Перемістити «${orgName}»` });
        await dialog.getByRole('button', { name: 'Зберегти' }).waitFor();
        await screenshot(admin, 'admin-organisation-move');
        await expectAccessible(admin, 'the move organisation dialog');
        await dialog.getByRole('button', { name: 'Скасувати' }).click();
        await dialog.waitFor({ state: 'detached' });
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
      'notification templates: an unknown placeholder is refused, the preview shows a sample appeal',
      async () => {
        await admin.getByRole('link', { name: 'Шаблони повідомлень' }).click();
        await admin.waitForURL('**/admin/templates');
        const body = admin.getByRole('textbox', { name: /^Текст/ });
        await body.waitFor();
        const original = await body.inputValue();
        await body.fill('Шановний {{applicantName}}, звернення {{number}}');
        await admin.getByRole('button', { name: 'Зберегти' }).click();
        await admin.getByText('У шаблоні є невідома змінна', { exact: false }).waitFor();
        await body.fill(original);
        await admin.getByRole('button', { name: 'Переглянути на зразку' }).click();
        await admin.getByText('Нове доручення: звернення 2026-000123').waitFor();
        await screenshot(admin, 'admin-templates');
        await expectAccessible(admin, 'the notification templates screen');
      },
      STEP_TIMEOUT,
    );

    it(
      'the head of the centre distributes duties and finds the applicant (both languages)',
      async () => {
        const head = await suite.signIn('supervisor');
        await head.getByRole('link', { name: 'Обов’язки' }).first().click();
        await head.waitForURL('**/duties');
        await head.getByText('Що ніхто не охоплює').waitFor();
        await head.waitForLoadState('networkidle');
        await screenshot(head, 'duties');
        await expectAccessible(head, 'the duties screen');
        await head.getByRole('link', { name: 'Заявники' }).first().click();
        await head.waitForURL('**/applicants');
        await head.getByLabel(/^Пошук заявника/).fill('Петренко Марія');
        await head.getByRole('button', { name: 'Знайти', exact: true }).click();
        await head
          .getByRole('cell', { name: /Петренко Марія Іванівна/ })
          .first()
          .waitFor();
        await head.getByRole('button', { name: 'Відкрити' }).first().click();
        await head.getByText('Історія змін').first().waitFor();
        await head.getByRole('button', { name: 'Знайти дублікати' }).click();
        await head.getByRole('button', { name: 'Об’єднати' }).first().waitFor();
        await head.waitForLoadState('networkidle');
        await screenshot(head, 'applicants');
        await expectAccessible(head, 'the applicants screen with an applicant and duplicates');
        // The count of appeals leads to them in the registry.
        await head
          .getByRole('link', { name: /Звернення заявника Петренко Марія Іванівна/ })
          .click();
        await head.waitForURL('**/appeals?applicantId=*');
        await head.getByText(number, { exact: true }).first().waitFor();
        await head.locator('label', { hasText: 'English' }).first().click();
        for (const [name, path, text] of [
          ['duties', '/duties', 'What nobody covers'],
          ['applicants', '/applicants', 'Find an applicant'],
        ] as const) {
          await head.goto(`${suite.baseUrl}${path}`);
          await head.getByText(text).first().waitFor();
          await head.waitForLoadState('networkidle');
          await expectTranslated(head, name);
          await expectAccessible(head, `the English ${name} screen`);
        }
        // The applicant's record and the duplicates, in English too.
        await head.getByLabel(/^Find an applicant/).fill('Петренко Марія');
        await head.getByRole('button', { name: 'Find', exact: true }).click();
        await head.getByRole('button', { name: 'Open' }).first().click();
        await head.getByText('History of changes').first().waitFor();
        await head.getByRole('button', { name: 'Find duplicates' }).click();
        await head.getByRole('button', { name: 'Merge' }).first().waitFor();
        await head.waitForLoadState('networkidle');
        await expectTranslated(head, 'applicant record');
        await expectAccessible(head, 'the English applicant record and duplicates');
      },
      STEP_TIMEOUT,
    );

    it(
      'the own-password page passes axe',
      async () => {
        await admin.goto(`${suite.baseUrl}/account/password`);
        await admin.getByLabel('Поточний пароль').waitFor();
        await screenshot(admin, 'account-password');
        await expectAccessible(admin, 'the own-password page');
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
          ['notification templates', '/admin/templates', 'Preview on a sample'],
          ['Open311 keys', '/admin/open311-keys', 'Issue key'],
          ['audit log', '/admin/audit', 'Export CSV'],
          ['own password', '/account/password', 'Current password'],
        ];
        await expectScreensTranslated(admin, suite.baseUrl, pages);
        await screenshot(admin, 'admin-settings-en');
        // The dialogs, in English too.
        for (const [path, button] of [
          ['/admin/organisations', 'New organisation'],
          ['/admin/users', 'New staff user'],
          ['/admin/classifier', 'New question type'],
        ] as const) {
          await admin.goto(`${suite.baseUrl}${path}`);
          await admin.getByRole('button', { name: button }).click();
          const dialog = admin.getByRole('dialog');
          await dialog.getByRole('button', { name: 'Save' }).waitFor();
          await expectTranslated(admin, `the ${button} dialog`);
          await expectAccessible(admin, `the English ${button} dialog`);
          await admin.keyboard.press('Escape');
          await dialog.waitFor({ state: 'detached' });
        }
        // Editing a user, editing and moving an organisation, in English (closed without saving).
        for (const [path, row, button, title] of [
          ['/admin/users', admin.locator('tr[data-login="admin"]'), 'Edit', 'User admin'],
          [
            '/admin/organisations',
            admin.getByRole('row', { name: new RegExp(`Сервіс-${stamp}`) }),
            'Edit',
            'Edit organisation',
          ],
          [
            '/admin/organisations',
            admin.getByRole('row', { name: new RegExp(`Сервіс-${stamp}`) }),
            'Move',
            `Move “${orgName}”`,
          ],
        ] as const) {
          await admin.goto(`${suite.baseUrl}${path}`);
          await row.getByRole('button', { name: button }).click();
          const dialog = admin.getByRole('dialog', { name: title });
          await dialog.getByRole('button', { name: 'Save' }).waitFor();
          await expectTranslated(admin, `the ${title} dialog`);
          await expectAccessible(admin, `the English ${title} dialog`);
          await dialog.getByRole('button', { name: 'Cancel' }).click();
          await dialog.waitFor({ state: 'detached' });
        }
        // The routing of the story's question type, with its co-executor, in English.
        await admin.goto(`${suite.baseUrl}/admin/routing`);
        // The classifier's English name on the English screen.
        await choose(admin, admin, 'Question type', stamp, new RegExp(`Broken turnstile ${stamp}`));
        await admin
          .getByRole('table', { name: 'Where an appeal goes' })
          .getByRole('row', { name: new RegExp(coName) })
          .first()
          .waitFor();
        await admin.waitForLoadState('networkidle');
        await expectTranslated(admin, 'routing of a question type');
        await expectAccessible(admin, 'the English routing of a question type');
        await screenshot(admin, 'admin-routing-en');
      },
      STEP_TIMEOUT,
    );
  },
);
