/**
 * Issue 18 in a real browser (uk-UA): the head of the centre keeps the monitoring page open; an
 * operator registers a dozen appeals of one question type within minutes (on top of one such
 * appeal three weeks ago, so the baseline has history); the server's minute job raises a
 * city-wide alert and it appears on the head's page by itself (live bus, no reload); the head
 * acknowledges it. Below the alerts, the head's live picture shows the type rising and the operator
 * signed in with the day's registrations. The page passes axe in Ukrainian and English. Then the
 * head opens yesterday's morning digest (issue 18 item 5): its page agrees with the API and links
 * the PDF.
 */
import type { Page } from 'playwright-core';
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

browserStory('live monitoring: a spike becomes an alert on the head’s page (issue 18)', () => {
  // The digest hour at midnight: the server makes yesterday's morning digest as it starts.
  // Spikes looked for every 5 s instead of every minute: the alert comes sooner, not otherwise.
  const suite = browserSuite({
    env: { KONTAKT_DIGEST_HOUR: '0', KONTAKT_MONITORING_EVERY_SECONDS: '5' },
  });
  let head: Page;

  it(
    'the head opens the monitoring page: no alerts yet (axe in Ukrainian)',
    async () => {
      head = await suite.signIn('supervisor', { timezoneId: 'Europe/Kyiv' });
      await head.getByRole('link', { name: 'Тривоги' }).first().click();
      await head.getByRole('heading', { level: 1, name: 'Моніторинг: сповіщення' }).waitFor();
      await head.getByText('Сповіщень немає: нічого незвичного.').waitFor();
      await expectAccessible(head, 'the empty monitoring page');
    },
    STEP_TIMEOUT,
  );

  it(
    'a dozen appeals of one type within minutes raise an alert that appears by itself',
    async () => {
      const operator = await suite.signIn('operator');
      const [type] = await call<{ id: number }[]>(
        operator,
        'GET',
        `/api/v1/question-types?q=${encodeURIComponent('опалення')}`,
      );
      expect(type).toBeDefined();
      const body = (n: number, receivedAt?: string) => ({
        channel: 'phone',
        kind: 'application',
        applicant: {
          fullName: 'Холодний Петро Іванович',
          phones: [`067 000 18 ${String(n).padStart(2, '0')}`],
        },
        questionTypeId: type!.id,
        address: `вул. Зимова, ${n + 1}`,
        description: 'У квартирі немає опалення з ночі, батареї холодні.',
        ...(receivedAt ? { receivedAt } : {}),
      });
      await call(
        operator,
        'POST',
        '/api/v1/appeals',
        body(99, new Date(Date.now() - 21 * 24 * 3_600_000).toISOString()),
      );
      // The head's page loaded afresh: its own re-read of the alerts is a minute away.
      await head.reload();
      await head.getByText('Сповіщень немає: нічого незвичного.').waitFor();
      for (let n = 0; n < 12; n++) await call(operator, 'POST', '/api/v1/appeals', body(n));
      // The server looks for spikes every 5 s here (every minute by default). Once the API has
      // the alert, the page shows it by itself within seconds: the live bus's `alerts.raised`
      // makes it re-read. Without the bus it would wait for its minute's re-read — longer than
      // the 20 s allowed here whenever the alert came within half a minute of the reload (it
      // takes ~3 s on an idle machine), so a page deaf to the bus fails this step.
      await expect
        .poll(
          async () =>
            (await call<unknown[]>(head, 'GET', '/api/v1/monitoring/alerts?state=open')).length,
          { timeout: 150_000 },
        )
        .toBeGreaterThan(0);
      const table = head.getByTestId('monitoring-alerts');
      await expect.poll(() => table.innerText()).toMatch(/Усе місто/);
      // The job may run between two of the twelve registrations and raise the alert at 11 (CI of
      // 3 December 2026); its next run updates the alert and the page shows 12 by itself.
      await expect.poll(() => table.innerText(), { timeout: 30_000 }).toMatch(/12 \(очікувано/);
      // The live picture below (issue 18 item 4): the type rises (12 in the last hour); the operator is signed in
      // with the day's registrations (the demo operator's, more than these 13).
      const rising = head.getByTestId('picture-rising');
      await expect
        .poll(() => rising.innerText(), { timeout: 60_000 })
        .toMatch(/\t12\t[\d.]+\t12\t/);
      const operators = head.getByTestId('picture-operators');
      await expect
        .poll(() => operators.innerText(), { timeout: 60_000 })
        .toMatch(/Оператор Демо\s+У системі\s+\d+\s+\d+/);
      // Today's map by district: these appeals are in no known district (no registry here); the
      // table under the map has the figures.
      const districts = head.getByTestId('map-districts');
      await expect
        .poll(() => districts.innerText(), { timeout: 60_000 })
        .toMatch(/Район не визначено\s+\d+/);
      await head.getByRole('heading', { level: 2, name: 'Поточна картина' }).waitFor();
      await expectAccessible(head, 'the monitoring page with an alert');
      await screenshot(head, 'monitoring-alert-uk');
    },
    STEP_TIMEOUT,
  );

  it(
    'the head acknowledges it; the English page passes axe',
    async () => {
      await head
        .getByRole('button', { name: /^Прийняти сповіщення/ })
        .first()
        .click();
      await head.getByText('Сповіщень немає: нічого незвичного.').waitFor();
      await head.getByLabel('Показати й прийняті сповіщення').check();
      await head.getByTestId('monitoring-alerts').getByText('Усе місто').first().waitFor();
      await expect
        .poll(() => head.getByRole('button', { name: /^Прийняти сповіщення/ }).count())
        .toBe(0);
      await switchLanguage(head, 'English');
      await head.getByRole('heading', { level: 1, name: 'Live monitoring: alerts' }).waitFor();
      await head.getByRole('heading', { level: 2, name: 'The live picture' }).waitFor();
      await head.getByTestId('picture-operators').getByText('Appeals today').waitFor();
      await expectTranslated(head, 'monitoring page');
      await expectAccessible(head, 'the English monitoring page');
      await screenshot(head, 'monitoring-acknowledged-en');
      await switchLanguage(head, 'Українська');
    },
    STEP_TIMEOUT,
  );

  it(
    'the head opens yesterday’s morning digest: the page has the stored figures and the PDF (axe)',
    async () => {
      await head.getByRole('link', { name: 'Ранкові зведення' }).click();
      await head.waitForURL('**/alerts/digests');
      const list = await call<{ day: string; registered: number }[]>(
        head,
        'GET',
        '/api/v1/monitoring/digests',
      );
      expect(list).toHaveLength(1);
      const [digest] = list as [{ day: string; registered: number }];
      await head
        .getByRole('table', { name: 'Зведення за днями' })
        .getByRole('link')
        .first()
        .click();
      await head.waitForURL(`**/alerts/digests/${digest.day}`);
      await head.getByRole('heading', { level: 2, name: /^Ранкове зведення за/ }).waitFor();
      const total = head
        .getByRole('table', { name: 'Надійшло звернень' })
        .getByRole('row', { name: /Усього/ });
      expect((await total.textContent())?.replace(/\D/g, '')).toBe(String(digest.registered));
      const pdf = await head.request.get(
        `${suite.baseUrl}/api/v1/monitoring/digests/${digest.day}?format=pdf`,
      );
      expect(pdf.headers()['content-type']).toBe('application/pdf');
      expect((await pdf.body()).subarray(0, 5).toString()).toBe('%PDF-');
      await expectAccessible(head, 'the morning digest');
      await screenshot(head, 'morning-digest');
    },
    STEP_TIMEOUT,
  );
});
