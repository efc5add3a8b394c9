/**
 * End to end, in a real browser against a real server: one appeal goes operator → executor →
 * controller (rework) → executor → controller → closed, through the staff web app only.
 *
 * The server is `kontakt serve --demo` as a child process (fresh data directory; on PostgreSQL a
 * dedicated `kontakt_e2e_*` database, dropped afterwards). Debian's Chromium is driven by
 * playwright-core. Each main page is screenshotted into test/e2e/screenshots/, checked with axe-core
 * (WCAG 2.1 A/AA: no serious or critical violation), and, in English, checked for raw i18n keys
 * and Ukrainian catalogue text left untranslated.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, statSync, readdirSync } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import en from '../../src/web/shared/i18n/en.json' with { type: 'json' };
import uk from '../../src/web/shared/i18n/uk.json' with { type: 'json' };
import { adminUrl, databaseUrlWithName } from '../pg-urls.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const SCREENSHOTS = join(ROOT, 'test/e2e/screenshots');
const CHROMIUM = '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
const PASSWORD = 'kontakt-demo';
/** A browser step on a busy 2-core machine, with axe runs and full-page screenshots. */
const STEP_TIMEOUT = 240_000;
const hasChromium = existsSync(CHROMIUM);

if (!hasChromium) {
  const message = `${CHROMIUM} is missing: install Debian's chromium (apt-get install -y chromium) to run the browser tests.`;
  if (process.env.CI) throw new Error(message);
  console.warn(`[e2e] skipped: ${message}`);
}

// ---------------------------------------------------------------------------------------------
// Build, server, database

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs);
  }
  return newest;
}

/** Build the web app when dist/web is missing or older than its sources. */
async function ensureWebBuild(): Promise<void> {
  const index = join(ROOT, 'dist/web/index.html');
  const sources = Math.max(
    newestMtime(join(ROOT, 'src/web')),
    statSync(join(ROOT, 'vite.config.ts')).mtimeMs,
  );
  if (existsSync(index) && statSync(index).mtimeMs >= sources) return;
  const { build } = await import('vite');
  await build({
    configFile: join(ROOT, 'vite.config.ts'),
    root: join(ROOT, 'src/web'),
    logLevel: 'warn',
  });
}

function freePort(): Promise<number> {
  return new Promise((ok, fail) => {
    const server = createServer();
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => ok(port));
    });
  });
}

interface RunningServer {
  baseUrl: string;
  stop: () => Promise<void>;
}

async function startServer(): Promise<RunningServer> {
  const dataDir = await mkdtemp(join(tmpdir(), 'kontakt-e2e-'));
  const port = await freePort();
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: String(port),
    HOST: '127.0.0.1',
    KONTAKT_DATA_DIR: dataDir,
    KONTAKT_SHARED_DATA: join(dataDir, 'no-shared-data'),
    LOG_LEVEL: 'warn',
  };
  delete env.NODE_OPTIONS; // vitest's loader hooks are not for the child

  let dropDatabase: (() => Promise<void>) | null = null;
  const url = process.env.DATABASE_URL;
  if (url) {
    const name = `kontakt_e2e_${randomBytes(5).toString('hex')}`;
    const admin = new pg.Client({ connectionString: adminUrl(url) });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
    await admin.end();
    env.DATABASE_URL = databaseUrlWithName(url, name);
    dropDatabase = async () => {
      const client = new pg.Client({ connectionString: adminUrl(url) });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await client.end();
    };
  } else {
    delete env.DATABASE_URL;
  }

  const child: ChildProcess = spawn(
    process.execPath,
    [join(ROOT, 'bin/kontakt.mjs'), 'serve', '--demo'],
    { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<void>((ok) => child.once('exit', () => ok()));

  const baseUrl = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 120_000;
  for (;;) {
    if (child.exitCode !== null) {
      throw new Error(`The server stopped at start (code ${child.exitCode}):\n${output}`);
    }
    try {
      const health = await fetch(`${baseUrl}/api/health`);
      if (health.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`The server did not answer /api/health in 120 s:\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 300));
  }

  return {
    baseUrl,
    stop: async () => {
      if (child.exitCode === null) {
        child.kill('SIGTERM');
        const killer = setTimeout(() => child.kill('SIGKILL'), 10_000);
        await exited;
        clearTimeout(killer);
      }
      await dropDatabase?.();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Page checks

const require = createRequire(import.meta.url);
const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: unknown[]; failureSummary?: string }[];
}

/** axe-core on the page as it is now: no serious or critical WCAG 2.1 A/AA violation. */
async function expectAccessible(page: Page, name: string): Promise<void> {
  const hasAxe = await page.evaluate(() => 'axe' in window);
  if (!hasAxe) await page.addScriptTag({ content: AXE_SOURCE });
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (...args: unknown[]) => Promise<unknown> } })
      .axe;
    const result = (await axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
    })) as { violations: AxeViolation[] };
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes
        .slice(0, 5)
        .map((n) => ({ target: n.target, failureSummary: n.failureSummary })),
    }));
  });
  const serious = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(serious, `axe on ${name}:\n${JSON.stringify(serious, null, 2)}`).toEqual([]);
}

async function screenshot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
}

/** Every leaf of a catalogue: `a.b.c_one` → value. */
function leaves(tree: unknown, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  if (typeof tree === 'string') out.set(prefix, tree);
  else if (tree && typeof tree === 'object') {
    for (const [key, value] of Object.entries(tree)) {
      for (const [k, v] of leaves(value, prefix ? `${prefix}.${key}` : key)) out.set(k, v);
    }
  }
  return out;
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Ukrainian catalogue text that an English page must not show (entries whose English differs). */
const UKRAINIAN_ONLY: RegExp[] = (() => {
  const english = leaves(en);
  const patterns: RegExp[] = [];
  for (const [key, value] of leaves(uk)) {
    const base = key.replace(/_(zero|one|two|few|many|other)$/, '');
    const translated =
      english.get(key) ?? english.get(`${base}_other`) ?? english.get(`${base}_one`);
    if (translated === value || !/[а-яіїєґ]/i.test(value)) continue;
    const pattern = value
      .split(/\{\{[^}]+\}\}/)
      .map(escapeRegExp)
      .join('.+');
    patterns.push(new RegExp(`^${pattern}$`));
  }
  return patterns;
})();

const RAW_KEY = /^[a-z][a-zA-Z]*(\.[a-zA-Z_]+)+$/;

/** In English: no line of visible text is a raw key or a Ukrainian catalogue entry. */
async function expectTranslated(page: Page, name: string): Promise<void> {
  const text = await page.evaluate(() => document.body.innerText);
  const lines = text
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
  const rawKeys = lines.filter((l) => RAW_KEY.test(l));
  const untranslated = lines.filter((l) => UKRAINIAN_ONLY.some((p) => p.test(l)));
  expect(rawKeys, `raw i18n keys on ${name}`).toEqual([]);
  expect(untranslated, `Ukrainian catalogue text on the English ${name}`).toEqual([]);
  const lang = await page.evaluate(() => document.documentElement.lang);
  expect(lang).toBe('en');
}

// ---------------------------------------------------------------------------------------------
// The workflow

describe.skipIf(!hasChromium)('staff web app: one appeal from call to closure', () => {
  let server: RunningServer;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  let number = '';
  let appealPath = '';
  // Invented: the 000 exchange is not issued to subscribers.
  const phone = `+380 67 000 ${String(Date.now()).slice(-4, -2)} ${String(Date.now()).slice(-2)}`;

  beforeAll(async () => {
    await mkdir(SCREENSHOTS, { recursive: true });
    await ensureWebBuild();
    server = await startServer();
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  }, 240_000);

  let lastPage: Page | null = null;
  afterEach(async ({ task }) => {
    if (task.result?.state === 'fail' && lastPage && !lastPage.isClosed()) {
      const name = `failed-${task.name.replace(/[^a-z0-9]+/gi, '-').slice(0, 60)}`;
      await screenshot(lastPage, name).catch(() => undefined);
    }
  });

  afterAll(async () => {
    for (const context of contexts) await context.close().catch(() => undefined);
    await browser?.close();
    await server?.stop();
  }, 60_000);

  /** A fresh browser profile signed in as `login`, by keyboard, on the Ukrainian interface. */
  async function signIn(login: string, width = 1366, shotName?: string): Promise<Page> {
    const context = await browser.newContext({
      viewport: { width, height: 900 },
      locale: 'uk-UA',
      timezoneId: 'America/New_York', // the app must still show Kyiv time
    });
    contexts.push(context);
    const page = await context.newPage();
    page.setDefaultTimeout(20_000);
    lastPage = page;
    await page.goto(`${server.baseUrl}/login`);
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.getAttribute('autocomplete')))
      .toBe('username');
    if (shotName) {
      await screenshot(page, shotName);
      await expectAccessible(page, 'the login page');
    }
    await page.keyboard.type(login);
    await page.keyboard.press('Tab');
    await page.keyboard.type(PASSWORD);
    await page.keyboard.press('Enter');
    await page.waitForURL((url) => !url.pathname.startsWith('/login'));
    return page;
  }

  it(
    'the server serves the web app at / and falls back to index.html for client routes',
    async () => {
      for (const path of ['/', '/appeals/1', '/new-call']) {
        const response = await fetch(`${server.baseUrl}${path}`);
        expect(response.status, path).toBe(200);
        expect(await response.text()).toContain('<div id="root">');
      }
    },
    STEP_TIMEOUT,
  );

  it(
    'operator registers the appeal from the new-call screen by keyboard',
    async () => {
      const page = await signIn('operator', 1366, 'login');
      await expect
        .poll(() => page.getByRole('heading', { level: 1 }).textContent())
        .toContain('Вітаємо');
      await expect.poll(() => page.locator('.queue-card').count()).toBe(3);
      await screenshot(page, 'operator-start');
      await expectAccessible(page, 'the operator start page');

      await page.getByRole('link', { name: 'Новий дзвінок' }).first().click();
      await page.waitForURL('**/new-call');
      const phoneInput = page.getByLabel('Телефон заявника');
      await expect
        .poll(() => phoneInput.evaluate((el) => el === document.activeElement))
        .toBe(true);
      await screenshot(page, 'new-call-empty');
      await expectAccessible(page, 'the new-call screen');

      // Phone first; nobody on record with it, so the applicant is new.
      await page.keyboard.type(phone);
      await page.keyboard.press('Enter');
      const fullName = page.getByLabel('Прізвище, ім’я, по батькові');
      await expect.poll(() => fullName.evaluate((el) => el === document.activeElement)).toBe(true);
      await page.keyboard.type('Коваленко Олена Петрівна');
      await page.keyboard.press('Enter');
      await page.keyboard.type('вул. Липська, 15');
      await page.keyboard.press('Enter'); // → e-mail
      await page.keyboard.press('Enter'); // → privileged category
      await page.keyboard.press('Tab'); // → confidential
      await page.keyboard.press('Tab'); // → question type

      // The question type by words, chosen with the keyboard.
      await page.keyboard.type('засмічення каналізації');
      const option = page.getByRole('option', { name: /Засмічення каналізаційного стояка/ });
      await option.waitFor();
      await page.keyboard.press('Enter');
      await expect
        .poll(() => page.getByTestId('question-type-chosen').textContent())
        .toContain('Департамент житлово-комунальної інфраструктури');
      await page.keyboard.press('Enter'); // → address of the problem (copied from the home address)
      const problemAddress = page.locator('input[name="address"]');
      expect(await problemAddress.inputValue()).toBe('вул. Липська, 15');
      await expect
        .poll(() => problemAddress.evaluate((el) => el === document.activeElement))
        .toBe(true);
      await page.keyboard.press('Enter'); // → description
      await page.keyboard.type(
        'Засмічений каналізаційний стояк у третьому під’їзді, вода на першому поверсі.',
      );
      await screenshot(page, 'new-call-filled');

      // A refused registration: the server's message stands next to its field, nothing typed is lost.
      await page.route(
        '**/api/v1/appeals',
        (route) =>
          route.fulfill({
            status: 400,
            contentType: 'application/json',
            body: JSON.stringify({
              error: 'validation_failed',
              message: 'The body is not valid: /description is refused by the test',
              details: [{ path: 'body/description', message: 'refused by the test' }],
            }),
          }),
        { times: 1 },
      );
      await page.keyboard.press('Control+Enter');
      await page.getByText('refused by the test', { exact: true }).waitFor();
      const description = page.getByLabel('Суть звернення');
      await expect
        .poll(() => description.evaluate((el) => el === document.activeElement))
        .toBe(true);
      expect(await description.inputValue()).toContain('Засмічений каналізаційний стояк');
      expect(await fullName.inputValue()).toBe('Коваленко Олена Петрівна');
      expect(await phoneInput.inputValue()).toBe(phone);
      await screenshot(page, 'new-call-refused');
      await expectAccessible(page, 'the new-call screen with a refused field');

      await page.keyboard.press('Control+Enter');

      const numberText = page.getByTestId('registration-number');
      await numberText.waitFor();
      number = ((await numberText.textContent()) ?? '').trim();
      expect(number).toMatch(/^\d{4}-\d{6}$/);
      await screenshot(page, 'new-call-registered');
      await expectAccessible(page, 'the registration dialog');

      // The same caller asks something else: a consultation, registered and closed at once, on
      // the applicant record just created (not a second one).
      await page.keyboard.press('Tab');
      await page.keyboard.press('Enter'); // "Another question from this caller"
      const questionType = page.getByLabel('Питання', { exact: false }).first();
      await expect
        .poll(() => questionType.evaluate((el) => el === document.activeElement))
        .toBe(true);
      await page.getByTestId('chosen-applicant').waitFor();
      await page.keyboard.type('вода гаряча');
      await page
        .getByRole('option', { name: /гарячого водопостачання/ })
        .first()
        .waitFor();
      await page.keyboard.press('Enter');
      await page.keyboard.press('Enter'); // → address
      await page.keyboard.press('Enter'); // → description
      await page.keyboard.type('Коли відновлять гарячу воду після планових робіт?');
      const kind = page.getByLabel('Вид звернення');
      await kind.focus();
      await kind.selectOption('consultation');
      await page.keyboard.press('Control+Enter');
      await page.getByRole('dialog', { name: 'Консультацію зареєстровано' }).waitFor();
      const consultation = ((await numberText.textContent()) ?? '').trim();
      expect(consultation).toMatch(/^\d{4}-\d{6}$/);
      expect(consultation).not.toBe(number);

      // Enter on "Next call" clears the form and puts the cursor back on the phone.
      await page.keyboard.press('Enter');
      await expect
        .poll(() => phoneInput.evaluate((el) => el === document.activeElement))
        .toBe(true);
      expect(await phoneInput.inputValue()).toBe('');

      // The caller rings again: the phone finds them and their two appeals, the consultation closed.
      await page.keyboard.type(phone);
      await page.getByTestId('chosen-applicant').waitFor();
      const earlier = page.getByRole('region', { name: 'Попередні звернення' });
      await earlier.getByRole('link', { name: consultation }).waitFor();
      await earlier.getByRole('link', { name: number }).waitFor();
      const consultationRow = earlier.getByRole('row', { name: new RegExp(consultation) });
      expect(await consultationRow.textContent()).toContain('Закрито');
      await screenshot(page, 'new-call-known-caller');
      await expectAccessible(page, 'the new-call screen with a known caller');

      // The registry finds it by number; the card opens from there.
      await page.goto(`${server.baseUrl}/appeals?q=${number}`);
      const link = page.getByRole('link', { name: number });
      await link.waitFor();
      await screenshot(page, 'registry');
      await expectAccessible(page, 'the registry');

      // Pages by cursor: next, then previous gives the same rows back.
      await page.goto(`${server.baseUrl}/appeals?limit=2`);
      const rowNumbers = async () => {
        await page.waitForFunction(() => !document.querySelector('table[aria-busy="true"]'));
        return page.locator('tbody tr td:first-child a').allTextContents();
      };
      await page.locator('tbody tr').first().waitFor();
      const first = await rowNumbers();
      expect(first).toHaveLength(2);
      await page.getByRole('button', { name: 'Наступна →' }).click();
      await expect.poll(() => page.getByText('Сторінка 2').isVisible()).toBe(true);
      const second = await rowNumbers();
      expect(second).toHaveLength(2);
      expect(second.filter((n) => first.includes(n))).toEqual([]);
      await page.getByRole('button', { name: '← Попередня' }).click();
      await expect.poll(() => page.getByText('Сторінка 1').isVisible()).toBe(true);
      expect(await rowNumbers()).toEqual(first);

      // The chosen columns stay chosen.
      await page.getByRole('button', { name: 'Стовпці' }).click();
      await page.getByRole('checkbox', { name: 'Зміст' }).check();
      await page.keyboard.press('Escape');
      await page.getByRole('columnheader', { name: 'Зміст' }).waitFor();
      await page.reload();
      await page.getByRole('columnheader', { name: 'Зміст' }).waitFor();

      await page.goto(`${server.baseUrl}/appeals?q=${number}`);
      await link.waitFor();
      await link.click();
      await page.waitForURL(/\/appeals\/\d+$/);
      appealPath = new URL(page.url()).pathname;
      await expect
        .poll(() => page.getByRole('heading', { level: 1 }).textContent())
        .toContain(number);
      await expect
        .poll(() => page.locator('.status-badge').first().textContent())
        .toBe('Зареєстровано');
    },
    STEP_TIMEOUT,
  );

  it(
    'executor accepts it from the inbox on a 360 px phone and answers with a photo',
    async () => {
      const page = await signIn('executor', 360);
      await expect
        .poll(() => page.getByRole('heading', { level: 1 }).textContent())
        .toBe('Вхідні доручення');
      const item = page.locator('article', { has: page.getByText(number, { exact: true }) });
      await item.waitFor();
      await screenshot(page, 'executor-inbox-360');
      await expectAccessible(page, 'the executor inbox');
      const scrollWidth = await page.evaluate(() => document.documentElement.scrollWidth);
      expect(scrollWidth, 'no sideways scrolling at 360 px').toBeLessThanOrEqual(360);

      await item.getByRole('button', { name: 'Прийняти в роботу' }).click();
      await page.getByRole('tab', { name: /В роботі/ }).click();
      const inWork = page.locator('article', { has: page.getByText(number, { exact: true }) });
      await inWork.getByRole('link', { name: 'Відповісти' }).click();
      await page.waitForURL(`**${appealPath}`);
      await expect.poll(() => page.locator('.status-badge').first().textContent()).toBe('В роботі');

      const photo = await page.screenshot({ clip: { x: 0, y: 0, width: 120, height: 80 } });
      await page.getByLabel('Текст відповіді').fill('Стояк прочищено, підвал осушено.');
      await page.locator('#action-respond input[type=file]').setInputFiles({
        name: 'stoyak.png',
        mimeType: 'image/png',
        buffer: photo,
      });
      await page.getByRole('img', { name: 'stoyak.png' }).waitFor(); // preview before upload
      await page.getByRole('button', { name: 'Надіслати відповідь' }).click();
      await expect
        .poll(() => page.locator('.status-badge').first().textContent())
        .toBe('На перевірці');
      const uploaded = page.getByRole('img', { name: 'Фото: stoyak.png' });
      await uploaded.waitFor();
      await expect
        .poll(() => uploaded.evaluate((img) => (img as HTMLImageElement).naturalWidth))
        .toBeGreaterThan(0);
      await screenshot(page, 'appeal-card-executor-360');
      await expectAccessible(page, 'the appeal card (executor)');
    },
    STEP_TIMEOUT,
  );

  it(
    'controller returns it for rework with a comment',
    async () => {
      const page = await signIn('controller');
      await page.getByRole('link', { name: 'Перевірка' }).first().click();
      const item = page.locator('article', { has: page.getByText(number, { exact: true }) });
      await item.waitFor();
      await screenshot(page, 'controller-review-queue');
      await expectAccessible(page, 'the review queue');
      await item.getByRole('link', { name: 'Перевірити' }).click();
      await page.waitForURL(`**${appealPath}`);

      await page.getByRole('button', { name: 'На доопрацювання', exact: true }).click();
      await expect
        .poll(() => page.getByText('Це звернення ще не повертали на доопрацювання.').isVisible())
        .toBe(true);
      await page
        .getByLabel('Що потрібно доопрацювати')
        .fill('Додайте фото підвалу після осушення.');
      await page.getByRole('button', { name: 'Повернути на доопрацювання' }).click();
      await expect
        .poll(() => page.locator('.status-badge').first().textContent())
        .toBe('На доопрацюванні');
      await expect.poll(() => page.getByText('1 доопрацювання').first().isVisible()).toBe(true);
      await screenshot(page, 'appeal-card-rework');
    },
    STEP_TIMEOUT,
  );

  it(
    'executor accepts the rework and answers again',
    async () => {
      const page = await signIn('executor', 360);
      await page.getByRole('tab', { name: /На доопрацюванні/ }).click();
      const item = page.locator('article', { has: page.getByText(number, { exact: true }) });
      await item.waitFor();
      await item.getByRole('link', { name: /Відкрити|Відповісти/ }).click();
      await page.waitForURL(`**${appealPath}`);
      await page.getByRole('button', { name: 'Прийняти в роботу' }).click();
      await expect.poll(() => page.locator('.status-badge').first().textContent()).toBe('В роботі');
      await page.getByLabel('Текст відповіді').fill('Підвал осушено, фото додано.');
      await page.getByLabel('Пропонований результат').selectOption('done_photo_evidence');
      await page.getByRole('button', { name: 'Надіслати відповідь' }).click();
      await expect
        .poll(() => page.locator('.status-badge').first().textContent())
        .toBe('На перевірці');
    },
    STEP_TIMEOUT,
  );

  it(
    'controller accepts the answer with a result and the appeal is closed',
    async () => {
      const page = await signIn('controller');
      await page.goto(`${server.baseUrl}${appealPath}`);
      await expect
        .poll(() => page.locator('.status-badge').first().textContent())
        .toBe('На перевірці');
      const result = page.getByLabel('Результат розгляду');
      await expect.poll(() => result.inputValue()).toBe('done_photo_evidence'); // the executor's proposal
      await page.getByRole('button', { name: 'Прийняти й закрити звернення' }).click();
      await expect.poll(() => page.locator('.status-badge').first().textContent()).toBe('Закрито');
      await expect.poll(() => page.getByText('Відповідь прийнято').first().isVisible()).toBe(true);
      await expect.poll(() => page.getByText('Звернення закрито.').isVisible()).toBe(true);
      await screenshot(page, 'appeal-card-closed');
      await expectAccessible(page, 'the closed appeal card');

      await page.goto(`${server.baseUrl}/appeals?q=${number}&status=closed`);
      await page.getByRole('link', { name: number }).waitFor();
      const csv = await page.getByRole('link', { name: 'Експорт CSV' }).getAttribute('href');
      expect(csv).toContain('/api/v1/appeals/export.csv?');
      expect(csv).toContain('status=closed');
    },
    STEP_TIMEOUT,
  );

  it(
    'supervisor sees the live picture',
    async () => {
      const page = await signIn('supervisor');
      await page.getByRole('heading', { name: 'Звернення за станом' }).waitFor();
      await screenshot(page, 'supervisor-start');
      await expectAccessible(page, 'the supervisor start page');
    },
    STEP_TIMEOUT,
  );

  it(
    'in English every visible string of the main pages is translated',
    async () => {
      const page = await signIn('controller');
      await page.locator('label', { hasText: 'English' }).first().click();
      await expect
        .poll(() => page.getByRole('link', { name: 'Registry' }).first().isVisible())
        .toBe(true);
      await page.reload(); // the choice is remembered
      const pages: [string, string, () => Promise<unknown>][] = [
        ['start', '/', () => page.locator('.queue-card').first().waitFor()],
        [
          'registry',
          `/appeals?q=${number}`,
          () => page.getByRole('link', { name: number }).waitFor(),
        ],
        ['appeal card', appealPath, () => page.getByRole('heading', { name: 'History' }).waitFor()],
        ['review queue', '/review', () => page.getByRole('tab').first().waitFor()],
        [
          'monitoring',
          '/dashboard',
          () => page.getByRole('heading', { name: 'Appeals by status' }).waitFor(),
        ],
      ];
      for (const [name, path, ready] of pages) {
        await page.goto(`${server.baseUrl}${path}`);
        await ready();
        await page.waitForLoadState('networkidle');
        await expectTranslated(page, name);
      }
      await screenshot(page, 'monitoring-en');

      const operator = await signIn('operator');
      await operator.evaluate(() => localStorage.setItem('kontakt.language', 'en'));
      await operator.goto(`${server.baseUrl}/new-call`);
      await operator.getByLabel('Caller’s phone').waitFor();
      await expectTranslated(operator, 'new call');
      await screenshot(operator, 'new-call-en');
      await expectAccessible(operator, 'the English new-call screen');

      const executor = await signIn('executor', 360);
      await executor.evaluate(() => localStorage.setItem('kontakt.language', 'en'));
      await executor.goto(`${server.baseUrl}/inbox`);
      await executor.getByRole('heading', { name: 'Inbox' }).waitFor();
      await executor.waitForLoadState('networkidle');
      await expectTranslated(executor, 'inbox');
    },
    STEP_TIMEOUT,
  );
});
