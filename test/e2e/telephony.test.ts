/**
 * Issue 20 in a real browser (uk-UA, Europe/Kyiv): an operator at 1280 px sets an extension and
 * "available"; the telephone system reports a call ringing there (signed with the PBX's shared
 * secret) and the screen pop shows the caller's number and the applicant known by it with their
 * last appeal, announced in a role="alert" region; F2 opens the new-call screen with the phone
 * filled in and the applicant chosen; the operator registers the appeal during the call; after the
 * call ends the head's call log shows the call linked to that appeal, the filter of calls with
 * nothing registered leaves it out, and the presence board shows the operator and follows a change
 * live. The pop, the call log and the presence board pass axe in Ukrainian and English.
 */
import { createHmac, randomBytes } from 'node:crypto';
import type { Page } from 'playwright-core';
import { expect, it } from 'vitest';
import {
  browserStory,
  browserSuite,
  expectAccessible,
  expectTranslated,
  screenshot,
  STEP_TIMEOUT,
  call,
  takeHighlightedOption,
  switchLanguage,
} from './browser.js';

const KYIV = 'Europe/Kyiv';
const SECRET = randomBytes(24).toString('hex');
const EXTENSION = '7020';
const CALLER = '+380 67 555 20 01';
const CALLER_NAME = 'Дзвінчук Тарас Іванович';

browserStory(
  'telephony: screen pop, call log and presence (issue 20), uk-UA in Europe/Kyiv',
  () => {
    const suite = browserSuite({ env: { KONTAKT_PBX_SECRET: SECRET } });
    const callId = `e2e-${randomBytes(4).toString('hex')}`;
    let operator: Page;
    let earlier: { id: number; number: string };
    let registeredNumber = '';

    /** The telephone system reports an event, signed with the shared secret. */
    async function pbx(
      event: Record<string, unknown>,
    ): Promise<{ applied: boolean; state: string }> {
      const body = JSON.stringify({ callId, at: new Date().toISOString(), ...event });
      const signature = `sha256=${createHmac('sha256', SECRET).update(body, 'utf8').digest('hex')}`;
      const res = await fetch(`${suite.baseUrl}/api/telephony/events`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-kontakt-signature': signature },
        body,
      });
      expect(res.status, await res.clone().text()).toBe(200);
      return (await res.json()) as { applied: boolean; state: string };
    }

    it(
      'the operator sets the extension of the desk and "available" in the header',
      async () => {
        operator = await suite.signIn('operator', { width: 1280, timezoneId: KYIV });
        // A caller the centre knows: an earlier appeal with this phone.
        const kinds = await call<{ questionTypes: { id: number }[] }[]>(
          operator,
          'GET',
          '/api/public/question-types',
        );
        earlier = await call<{ id: number; number: string }>(operator, 'POST', '/api/v1/appeals', {
          channel: 'phone',
          kind: 'application',
          subject: 'individual',
          questionTypeId: kinds[0]!.questionTypes[0]!.id,
          description: 'Не працює ліфт у другому під’їзді',
          address: 'вул. Тестова, 3',
          applicant: { fullName: CALLER_NAME, phones: [CALLER] },
        });

        const status = operator.getByRole('button', { name: /^Мій статус: / });
        await status.click();
        const panel = operator.getByRole('dialog', { name: 'Мій статус' });
        await panel.getByLabel('Внутрішній номер').fill(EXTENSION);
        await panel.getByRole('button', { name: 'Зберегти' }).click();
        await panel.getByText('Збережено.').waitFor();
        const available = panel.getByRole('radio', { name: 'На лінії' });
        await available.click();
        await expect.poll(() => available.isChecked()).toBe(true);
        await expect.poll(() => status.textContent()).toContain('На лінії');
        await expect.poll(() => status.textContent()).toContain(`вн. ${EXTENSION}`);
        await screenshot(operator, 'telephony-presence-control-1280');
        await expectAccessible(operator, 'the operator’s presence panel');
        await operator.keyboard.press('Escape');
      },
      STEP_TIMEOUT,
    );

    it(
      'a call rings at the extension: the pop shows the caller and their appeal, and is announced',
      async () => {
        await operator.goto(`${suite.baseUrl}/appeals`);
        await operator.getByRole('heading', { level: 1 }).first().waitFor();
        // Whether the live stream connects before or after the ring, the pop comes: the event, or
        // the re-read of the ringing call on the stream's hello.
        const outcome = await pbx({
          event: 'ringing',
          callerNumber: CALLER,
          line: '1551',
          extension: EXTENSION,
        });
        expect(outcome).toMatchObject({ applied: true, state: 'ringing' });

        const pop = operator.getByTestId('screen-pop');
        await pop.waitFor();
        await expect.poll(() => pop.textContent()).toContain(CALLER);
        await expect.poll(() => pop.textContent()).toContain(CALLER_NAME);
        await expect.poll(() => pop.textContent()).toContain(earlier.number);
        await expect.poll(() => pop.textContent()).toContain('F2');
        const alert = operator.getByRole('alert').filter({ hasText: 'Вхідний дзвінок' });
        await expect
          .poll(() => alert.textContent())
          .toBe(
            `Вхідний дзвінок з номера ${CALLER}. Відомий заявник: ${CALLER_NAME}. Натисніть F2, щоб відкрити нову картку дзвінка.`,
          );
        await screenshot(operator, 'telephony-screen-pop-1280');
        await expectAccessible(operator, 'the screen pop');

        await switchLanguage(operator, 'English');
        await pop.getByText('Incoming call', { exact: true }).waitFor();
        await screenshot(operator, 'telephony-screen-pop-en-1280');
        await expectTranslated(operator, 'screen pop');
        await expectAccessible(operator, 'the English screen pop');
        await switchLanguage(operator, 'Українська');
      },
      STEP_TIMEOUT,
    );

    it(
      'F2 opens the new-call screen with the phone filled; the operator registers the appeal during the call',
      async () => {
        await pbx({ event: 'answered', extension: EXTENSION });
        // The call moved the operator to "on a call": their header says so without a reload.
        await expect
          .poll(() => operator.getByRole('button', { name: /^Мій статус: / }).textContent())
          .toContain('Розмова');
        await operator.keyboard.press('F2');
        await operator.waitForURL((url) => url.pathname === '/new-call');
        const phone = operator.getByLabel('Телефон заявника');
        await expect.poll(() => phone.inputValue()).toBe(CALLER);
        await operator.getByTestId('chosen-applicant').getByText(CALLER_NAME).waitFor();
        await expect.poll(() => operator.getByTestId('screen-pop').count()).toBe(0);
        await screenshot(operator, 'telephony-new-call-from-pop-1280');

        await operator.getByLabel('Питання', { exact: false }).first().focus();
        await operator.keyboard.type('освітлення під’їзді');
        await takeHighlightedOption(operator, /Відсутність освітлення в під’їзді/);
        await operator.getByLabel('Суть звернення').fill('Не горить світло на першому поверсі.');
        await operator.getByLabel('Суть звернення').focus();
        await operator.keyboard.press('Control+Enter');
        const number = operator.getByTestId('registration-number');
        await number.waitFor();
        registeredNumber = ((await number.textContent()) ?? '').trim();
        expect(registeredNumber).toMatch(/^\d{4}-\d{6}$/);
        await operator.keyboard.press('Escape');
      },
      STEP_TIMEOUT,
    );

    it(
      'after the call ends, the head’s call log shows it linked to the appeal (both languages)',
      async () => {
        const ended = await pbx({ event: 'ended', durationSeconds: 95 });
        expect(ended.state).toBe('ended');

        const head = await suite.signIn('supervisor', { width: 1280, timezoneId: KYIV });
        await head.getByRole('link', { name: 'Дзвінки', exact: true }).first().click();
        await head.waitForURL('**/calls');
        await head.getByRole('heading', { name: 'Журнал дзвінків', level: 1 }).waitFor();
        const row = head.locator(`tr[data-call="${callId}"]`);
        await expect.poll(() => row.textContent()).toContain(registeredNumber);
        const text = (await row.textContent()) ?? '';
        expect(text).toContain(CALLER);
        expect(text).toContain('1551');
        expect(text).toContain('Завершено');
        expect(text).toContain(`вн. ${EXTENSION}`);
        const figures = head.getByRole('table', { name: 'Показники операторів' });
        await figures.getByRole('rowheader').first().waitFor();
        await screenshot(head, 'telephony-call-log-1280');
        await expectAccessible(head, 'the call log');

        // Calls with nothing registered: this one is not among them.
        const onlyUnregistered = head.getByRole('switch', {
          name: 'Лише дзвінки без зареєстрованого звернення',
        });
        await onlyUnregistered.click();
        await expect.poll(() => row.count()).toBe(0);
        await onlyUnregistered.click();
        await expect.poll(() => row.count()).toBe(1);

        await switchLanguage(head, 'English');
        await head.getByRole('heading', { name: 'Call log', level: 1 }).waitFor();
        await expect.poll(() => row.textContent()).toContain('Ended');
        await screenshot(head, 'telephony-call-log-en-1280');
        await expectTranslated(head, 'call log');
        await expectAccessible(head, 'the English call log');
        await switchLanguage(head, 'Українська');
      },
      STEP_TIMEOUT,
    );

    it(
      'the presence board shows the operator and follows a change live (both languages)',
      async () => {
        const head = await suite.signIn('supervisor', { width: 1280, timezoneId: KYIV });
        await head.goto(`${suite.baseUrl}/presence`);
        await head.getByRole('heading', { name: 'Присутність операторів', level: 1 }).waitFor();
        const me = await call<{ fullName: string }>(operator, 'GET', '/api/v1/telephony/me');
        const row = head.getByRole('row').filter({ hasText: me.fullName });
        // The call ended: after-call work, set by the telephone system.
        await expect.poll(() => row.textContent()).toContain('Обробка після дзвінка');
        expect(await row.textContent()).toContain(EXTENSION);
        await screenshot(head, 'telephony-presence-board-1280');
        await expectAccessible(head, 'the presence board');

        // The operator takes a break: the board changes without a reload.
        await operator.goto(`${suite.baseUrl}/`);
        await operator.getByRole('button', { name: /^Мій статус: / }).click();
        await operator
          .getByRole('dialog', { name: 'Мій статус' })
          .getByRole('radio', { name: 'Перерва' })
          .click();
        await expect.poll(() => row.textContent()).toContain('Перерва');

        await switchLanguage(head, 'English');
        await head.getByRole('heading', { name: "Operators' presence", level: 1 }).waitFor();
        await expect.poll(() => row.textContent()).toContain('Break');
        await screenshot(head, 'telephony-presence-board-en-1280');
        await expectTranslated(head, 'presence board');
        await expectAccessible(head, 'the English presence board');
      },
      STEP_TIMEOUT,
    );
  },
);
