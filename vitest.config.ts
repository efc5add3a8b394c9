import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    globalSetup: ['test/global-setup.ts'],
    // Budgets that hold on a loaded 2-core machine (six suites at once took a 25 s test past 60 s):
    // ceilings against a hung test, never a judgement of speed (issue 11, item 20).
    testTimeout: 180_000,
    hookTimeout: 300_000,
    // expect.poll and expect.element wait up to 20 s: the 1 s default fails on a busy 2-core
    // machine (a page that renders in 2 s is not a defect).
    expect: { poll: { timeout: 20_000 } },
    // PGlite is CPU-heavy; two workers suit this 2-core machine.
    maxWorkers: 2,
  },
});
