import { defineConfig } from 'vitest/config';

/**
 * The cluster test (`npm run test:cluster`, issue 21 item 4, ADR 055): three `kontakt serve`
 * processes behind HAProxy on a PostgreSQL server (`DATABASE_URL`'s, else the local one). Not
 * part of `npm test` (vitest.config.ts excludes it); CI runs it after the PostgreSQL pass.
 */
export default defineConfig({
  test: {
    include: ['test/cluster/**/*.test.ts'],
    // Ceilings against a hang on a loaded 2-core machine, not judgements of speed.
    testTimeout: 600_000,
    hookTimeout: 600_000,
    maxWorkers: 1,
  },
});
