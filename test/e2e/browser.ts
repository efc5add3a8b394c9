/**
 * What the browser tests share: the web build, a real `kontakt serve --demo` on a free port (its own
 * data directory; on PostgreSQL its own database, dropped afterwards), Debian's Chromium through
 * playwright-core, axe-core (WCAG 2.1 A/AA: no serious or critical violation), screenshots into
 * test/e2e/screenshots/, the check that an English page shows no raw key or Ukrainian catalogue
 * text, and signing in to the staff app by keyboard.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, statSync, readdirSync } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, inject } from 'vitest';
import { copyTemplateInto } from '../template-store.js';
import { freePort } from '../local-services.js';
import { KONTAKT_CHILD_NODE_ARGS } from '../child-node.js';
import en from '../../src/web/shared/i18n/en.json' with { type: 'json' };
import uk from '../../src/web/shared/i18n/uk.json' with { type: 'json' };
import { adminUrl, databaseUrlWithName } from '../pg-urls.js';
import { leaves } from '../../src/web/shared/i18n/leaves.js';

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
export const STEP_TIMEOUT = 240_000;
export const hasChromium = existsSync(CHROMIUM);

if (!hasChromium) {
  const message = `${CHROMIUM} is missing: install Debian's chromium (apt-get install -y chromium) to run the browser tests.`;
  if (process.env.CI) throw new Error(message);
  console.warn(`[e2e] skipped: ${message}`);
}

/**
 * A user's story in a real browser, told in steps (`it`) that build on each other: skipped without
 * Chromium (failing under CI, above), and kept in order under `--sequence.shuffle` — the suite's
 * other tests are independent and shuffled (ADR 020).
 */
export function browserStory(name: string, steps: () => void): void {
  describe.skipIf(!hasChromium)(name, { shuffle: false }, steps);
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

/** Whether dist/web is missing or older than its sources. */
function webBuildIsStale(): boolean {
  const index = join(ROOT, 'dist/web/index.html');
  const sources = Math.max(
    newestMtime(join(ROOT, 'src/web')),
    statSync(join(ROOT, 'vite.config.ts')).mtimeMs,
  );
  return !existsSync(index) || statSync(index).mtimeMs < sources;
}

/**
 * Build the web app when it is stale. The browser test files run in parallel workers: a lock
 * directory (created atomically) lets one build while the others wait and then find it fresh, so
 * two builds never write into dist/web at once, nor does a server serve a half-written one.
 */
async function ensureWebBuild(): Promise<void> {
  const lock = join(ROOT, '.tmp', 'web-build.lock');
  await mkdir(join(ROOT, '.tmp'), { recursive: true });
  const giveUp = Date.now() + 600_000;
  for (;;) {
    try {
      await mkdir(lock);
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      // A lock older than ten minutes was left by a run that died.
      const since = existsSync(lock)
        ? statSync(lock, { throwIfNoEntry: false })?.mtimeMs
        : undefined;
      if (since !== undefined && Date.now() - since > 600_000)
        await rm(lock, { recursive: true, force: true });
      if (Date.now() > giveUp)
        throw new Error(`The web build lock ${lock} is still held.`, { cause: error });
      await new Promise((r) => setTimeout(r, 500));
    }
  }
  try {
    if (!webBuildIsStale()) return;
    const { build } = await import('vite');
    await build({
      configFile: join(ROOT, 'vite.config.ts'),
      root: join(ROOT, 'src/web'),
      logLevel: 'warn',
    });
  } finally {
    await rm(lock, { recursive: true, force: true });
  }
}

/** The spawned demo server's start (migrations, demo data) may take this long. */
const SERVER_START_BUDGET = 600_000;
/** A suite's start: the web build (or the wait for another file's), the server, Chromium. */
const SUITE_START_BUDGET = 1_200_000;

interface RunningServer {
  baseUrl: string;
  stop: () => Promise<void>;
}

async function startServer(
  sharedData?: string,
  extraEnv: Record<string, string> = {},
): Promise<RunningServer> {
  const dataDir = await mkdtemp(join(tmpdir(), 'kontakt-e2e-'));
  const port = await freePort();
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: String(port),
    HOST: '127.0.0.1',
    KONTAKT_DATA_DIR: dataDir,
    // No shared data unless a suite brings its own (a small slice it prepared, imported at start).
    KONTAKT_SHARED_DATA: sharedData ?? join(dataDir, 'no-shared-data'),
    LOG_LEVEL: 'warn',
    ...extraEnv,
  };
  delete env.NODE_OPTIONS; // vitest's loader hooks are not for the child

  let dropDatabase: (() => Promise<void>) | null = null;
  const url = process.env.DATABASE_URL;
  if (url) {
    const name = `kontakt_e2e_${randomBytes(5).toString('hex')}`;
    const admin = new pg.Client({ connectionString: adminUrl(url) });
    await admin.connect();
    // A copy of the run's migrated and seeded template (test/global-setup.ts): the server finds
    // its migrations applied and goes on to the demo (migrating from nothing took most of a
    // browser suite's start). Migrating an empty database is tested in test/ops.
    await admin.query(`CREATE DATABASE ${name} TEMPLATE ${inject('pgTemplateName')}`);
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
    // The same on the embedded engine: the server's data folder starts as the template's copy.
    await copyTemplateInto(dataDir);
  }

  const child: ChildProcess = spawn(
    process.execPath,
    [...KONTAKT_CHILD_NODE_ARGS, join(ROOT, 'bin/kontakt.mjs'), 'serve', '--demo'],
    { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<void>((ok) => child.once('exit', () => ok()));

  const baseUrl = `http://127.0.0.1:${port}`;
  // A ceiling against a server that hangs, not a judgement of speed: on a loaded 2-core machine
  // (two suites at once, load ~30) the demo server's start took past 120 s.
  const deadline = Date.now() + SERVER_START_BUDGET;
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
      throw new Error(
        `The server did not answer /api/health in ${SERVER_START_BUDGET / 1000} s:\n${output}`,
      );
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
export async function expectAccessible(page: Page, name: string): Promise<void> {
  // A dialog fading in has blended colours: judge the page once its transitions have ended.
  // (Endless ones, such as a spinner, are not waited for.)
  await page.waitForFunction(() =>
    document
      .getAnimations()
      .every(
        (a) => a.playState !== 'running' || a.effect?.getComputedTiming().iterations === Infinity,
      ),
  );
  const hasAxe = await page.evaluate(() => 'axe' in window);
  // Evaluated through the DevTools protocol: the pages' Content-Security-Policy forbids inline
  // scripts (issue 11), and a script tag would be one.
  if (!hasAxe) await page.evaluate(AXE_SOURCE);
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (...args: unknown[]) => Promise<unknown> } })
      .axe;
    const result = (await axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
      // Every node of a violation, one example of the rest: only violations are judged, and axe
      // skips building the others' details (axe-core API, `resultTypes`; ~30 % of a run).
      resultTypes: ['violations'],
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

/**
 * Whether the stories' screenshots are taken: always on a developer's machine (they are for
 * looking at), not in CI unless `KONTAKT_E2E_SCREENSHOTS=1` (a full-page PNG costs the browser a
 * fifth of a second or more, and nobody looks at CI's). A failed step's screenshot is always taken.
 */
const TAKE_SCREENSHOTS =
  process.env.KONTAKT_E2E_SCREENSHOTS === '1' ||
  (process.env.KONTAKT_E2E_SCREENSHOTS !== '0' && process.env.CI !== 'true');

export async function screenshot(
  page: Page,
  name: string,
  { always = false }: { always?: boolean } = {},
): Promise<void> {
  if (!always && !TAKE_SCREENSHOTS) return;
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
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
export async function expectTranslated(page: Page, name: string): Promise<void> {
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

/** What a browser suite holds: the server, the browser, and helpers bound to them. */
export interface BrowserSuite {
  readonly baseUrl: string;
  /** A new browser profile (closed after the suite); the last page opened is screenshotted on failure. */
  newPage(options?: { width?: number; locale?: string; timezoneId?: string }): Promise<Page>;
  /** A new profile signed in to the staff app as `login` by keyboard (Ukrainian interface). */
  signIn(
    login: string,
    options?: {
      width?: number;
      timezoneId?: string;
      onLoginPage?: (page: Page) => Promise<void>;
    },
  ): Promise<Page>;
}

/**
 * Register the hooks of a browser suite (call inside `describe`): build the web app, start the
 * server, launch Chromium; screenshot the last page of a failed test; close all afterwards.
 */
/**
 * What a failed step left on the page, in two lines for a CI log: the address, the focused element,
 * the error texts shown, any open dialog; then the named fields' values (each cut to 30 characters).
 */
async function pageState(page: Page): Promise<string> {
  return page.evaluate(() => {
    const cut = (text: string | null | undefined, n = 60) =>
      (text ?? '').replace(/\s+/g, ' ').trim().slice(0, n);
    const visible = (el: Element) => (el as HTMLElement).getClientRects().length > 0;
    const active = document.activeElement as HTMLElement | null;
    const focus = active
      ? `${active.tagName.toLowerCase()}${active.getAttribute('name') ? `[name=${active.getAttribute('name')}]` : ''} "${cut(active.getAttribute('aria-label') ?? (active as HTMLInputElement).labels?.[0]?.textContent ?? active.textContent, 40)}"`
      : 'none';
    const errors = Array.from(
      document.querySelectorAll('[role=alert], .mantine-InputWrapper-error'),
    )
      .filter(visible)
      .map((el) => cut(el.textContent))
      .filter(Boolean);
    const dialogs = Array.from(document.querySelectorAll('[role=dialog]'))
      .filter(visible)
      .map((el) => cut(el.textContent, 40));
    const fields = Array.from(
      document.querySelectorAll<HTMLInputElement | HTMLTextAreaElement>(
        'input[name], textarea[name]',
      ),
    )
      .filter((el) => el.type !== 'hidden' && el.type !== 'password' && el.value)
      .filter(
        (el) =>
          !(el instanceof HTMLInputElement) || !/^(radio|checkbox)$/.test(el.type) || el.checked,
      )
      .map((el) => `${el.name}=${cut(el.value, 30)}`);
    return [
      `page: ${location.pathname}; focus: ${focus}; errors: ${errors.join(' | ') || 'none'}; dialogs: ${dialogs.join(' | ') || 'none'}`,
      `fields: ${fields.join('; ') || 'none'}`,
    ].join('\n');
  });
}

export function browserSuite(
  options: {
    /** A folder the demo imports as the shared data (default: none). */
    sharedData?: string;
    /** More environment for the server (e.g. the telephone system's secret, issue 20). */
    env?: Record<string, string>;
  } = {},
): BrowserSuite {
  let server: RunningServer | undefined;
  let browser: Browser | undefined;
  const contexts: BrowserContext[] = [];
  let lastPage: Page | null = null;

  beforeAll(async () => {
    await mkdir(SCREENSHOTS, { recursive: true });
    await ensureWebBuild();
    server = await startServer(options.sharedData, options.env);
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  }, SUITE_START_BUDGET);

  afterEach(async ({ task }) => {
    if (task.result?.state === 'fail' && lastPage && !lastPage.isClosed()) {
      const name = `failed-${task.name.replace(/[^a-z0-9]+/gi, '-').slice(0, 60)}`;
      await screenshot(lastPage, name, { always: true }).catch(() => undefined);
      // CI keeps no screenshot: the page's state goes first into the failure's message, which
      // the run's closing lines print.
      const state = await pageState(lastPage).catch((error: unknown) => `page: (${String(error)})`);
      const first = task.result.errors?.[0];
      if (first) {
        first.message = `${state}\n${first.message}`;
        if (first.stack) first.stack = `${state}\n${first.stack}`;
      }
    }
  });

  afterAll(async () => {
    for (const context of contexts) await context.close().catch(() => undefined);
    await browser?.close();
    await server?.stop();
  }, 60_000);

  const suite: BrowserSuite = {
    get baseUrl() {
      if (!server) throw new Error('The server has not started.');
      return server.baseUrl;
    },
    async newPage({ width = 1366, locale = 'uk-UA', timezoneId = 'America/New_York' } = {}) {
      if (!browser) throw new Error('The browser has not started.');
      const context = await browser.newContext({
        viewport: { width, height: 900 },
        locale,
        timezoneId, // by default far from Kyiv: the pages must still show Kyiv time
      });
      contexts.push(context);
      const page = await context.newPage();
      page.setDefaultTimeout(20_000);
      lastPage = page;
      return page;
    },
    async signIn(login, { width, timezoneId, onLoginPage } = {}) {
      const page = await suite.newPage({
        width: width ?? 1366,
        ...(timezoneId ? { timezoneId } : {}),
      });
      await page.goto(`${suite.baseUrl}/login`);
      await expect
        .poll(() => page.evaluate(() => document.activeElement?.getAttribute('autocomplete')))
        .toBe('username');
      await onLoginPage?.(page);
      await page.keyboard.type(login);
      await page.keyboard.press('Tab');
      await page.keyboard.type(PASSWORD);
      await page.keyboard.press('Enter');
      await page.waitForURL((url) => !url.pathname.startsWith('/login'));
      return page;
    },
  };
  return suite;
}

/**
 * Take an option of a list that answers as the words are typed (the question-type picker asks the
 * server, debounced): wait until the highlighted option is `name`, then press Enter, which takes
 * the highlighted one. Waiting only for the option to appear races on a busy machine: an answer to
 * the first words can show it below another one before the answer to the whole phrase arrives.
 * The highlighted option is the one Mantine's combobox marks `data-combobox-selected` (Enter takes
 * it); a native select's chosen option is not it.
 */
export async function takeHighlightedOption(page: Page, name: RegExp): Promise<void> {
  await expect
    .poll(() =>
      page
        .locator('[role="listbox"] [data-combobox-selected]')
        .first()
        .textContent({ timeout: 1_000 })
        .catch(() => ''),
    )
    .toMatch(name);
  await page.keyboard.press('Enter');
}

/** Switch the staff app's language by the header's switch and wait until the page is in it. */
/**
 * Visit each screen (`[name, path, a text it shows]`) in the page's current language, wait for
 * the text and for the network to settle, then check it is translated and passes axe.
 */
export async function expectScreensTranslated(
  page: Page,
  baseUrl: string,
  screens: readonly (readonly [name: string, path: string, text: string])[],
): Promise<void> {
  for (const [name, path, text] of screens) {
    await page.goto(`${baseUrl}${path}`);
    await page.getByText(text).first().waitFor();
    await page.waitForLoadState('networkidle');
    await expectTranslated(page, name);
    await expectAccessible(page, `the English ${name} screen`);
  }
}

export async function switchLanguage(page: Page, label: 'English' | 'Українська'): Promise<void> {
  await page.locator('header label', { hasText: label }).first().click();
  await expect
    .poll(() => page.evaluate(() => document.documentElement.lang))
    .toBe(label === 'English' ? 'en' : 'uk');
}

/** A JSON call from the page (its session cookie, its origin). */
export async function call<T>(
  page: Page,
  method: string,
  path: string,
  body?: unknown,
): Promise<T> {
  return page.evaluate(
    async ({ method, path, body }) => {
      const res = await fetch(path, {
        method,
        headers: { 'content-type': 'application/json', accept: 'application/json' },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      const text = await res.text();
      if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${text}`);
      return (text ? JSON.parse(text) : null) as T;
    },
    { method, path, body },
  );
}

/** A building suggestion of the public address search (`GET /api/public/addresses`). */
export interface AddressSuggestion {
  buildingId: number | null;
  streetId: number;
  label: string;
  latitude: number | null;
  longitude: number | null;
}

/**
 * Waits until the demo server's import of the address register answers `query` with a building
 * (with its point when `withPoint`), asking every 2 s for up to `timeoutMs`; returns that suggestion.
 */
export async function registryBuilding(
  baseUrl: string,
  query: string,
  timeoutMs: number,
  { withPoint = false }: { withPoint?: boolean } = {},
): Promise<AddressSuggestion> {
  let found: AddressSuggestion | undefined;
  await expect
    .poll(
      async () => {
        const res = await fetch(`${baseUrl}/api/public/addresses?q=${encodeURIComponent(query)}`);
        const list = res.ok ? ((await res.json()) as AddressSuggestion[]) : [];
        found = list.find((s) => s.buildingId !== null && (!withPoint || s.latitude !== null));
        return found !== undefined;
      },
      { timeout: timeoutMs, interval: 2_000 },
    )
    .toBe(true);
  return found!;
}
