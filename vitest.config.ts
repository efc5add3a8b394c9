import { readdirSync } from 'node:fs';
import { configDefaults, defineConfig } from 'vitest/config';

/**
 * CI's second pass, on the PostgreSQL server (`KONTAKT_SERVER_PASS=1`, set by `.ci/run`), runs
 * every suite that opens a database but none of the browser stories: what they ask the server is
 * what their service and API suites ask, and those run on PostgreSQL in the same pass — the live
 * bus across two app processes on one server included (test/live, test/monitoring/alerts-live,
 * test/telephony/call-events), photos in the database store too (test/api/attachments,
 * test/portal). A story whose server path comes to differ by engine in a way only the browser
 * sees joins this list (ADR 049). `DATABASE_URL=… npm test` without the variable runs every story.
 */
const SERVER_PASS_STORIES = new Set<string>([]);
const serverPassSkips =
  process.env.KONTAKT_SERVER_PASS === '1'
    ? readdirSync('test/e2e')
        .filter(
          (f) => f.endsWith('.test.ts') && !SERVER_PASS_STORIES.has(f.replace(/\.test\.ts$/, '')),
        )
        .map((f) => `test/e2e/${f}`)
    : [];

/**
 * Suites that never open a database: the pure rules (`src/domain`), the web's pure helpers, the
 * lint fences, the build and Dockerfile checks, and the few server files whose tests read data or
 * code only. Their result cannot depend on the engine, so the server pass does not run them again
 * (ADR 049). `test/architecture/engine-independent.test.ts` fails if one of them starts to reach a
 * database.
 */
export const ENGINE_INDEPENDENT = [
  'src/domain/**/*.test.ts',
  'src/web/**/*.test.ts',
  'test/architecture/**/*.test.ts',
  'test/build/**/*.test.ts',
  'test/ops/dockerfile-lint.test.ts',
  'src/server/auth/password.test.ts',
  'src/server/db/migration-safety.test.ts',
  'src/server/db/read-replica.test.ts',
  'src/server/generate/generate.test.ts',
  'src/server/knowledge/safe-html.test.ts',
  'src/server/setup/classifier-seed.test.ts',
];

const serverPass = process.env.KONTAKT_SERVER_PASS === '1';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    exclude: [
      ...configDefaults.exclude,
      // The cluster test has its own config and command (npm run test:cluster, ADR 055).
      'test/cluster/**',
      ...serverPassSkips,
      ...(serverPass ? ENGINE_INDEPENDENT : []),
    ],
    globalSetup: ['test/global-setup.ts'],
    setupFiles: ['test/liftoff-only.mjs'],
    // Budgets that hold on a loaded 2-core machine (six suites at once took a 25 s test past 60 s):
    // ceilings against a hung test, never a judgement of speed (issue 11, item 20).
    testTimeout: 180_000,
    hookTimeout: 300_000,
    // expect.poll and expect.element wait up to 20 s: the 1 s default fails on a busy 2-core
    // machine (a page that renders in 2 s is not a defect).
    expect: { poll: { timeout: 20_000 } },
    // PGlite is CPU-heavy; two workers suit this 2-core machine.
    maxWorkers: 2,
    // Each worker keeps its loaded modules from one test file to the next: importing the server's
    // module graph afresh for every file cost ~480 s of worker time per CI pass (a quarter of the
    // run). Files share no state through modules — each makes its own database, server, clock and
    // config (test-db.ts, http.ts) — and the shuffled CI pass would show one that did (ADR 052).
    isolate: false,
  },
});
