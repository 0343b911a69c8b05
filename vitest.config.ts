import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src-main/**/*.test.ts', 'src-shared/**/*.test.ts', 'src-renderer/**/*.test.{ts,tsx}', 'tests/**/*.test.ts'],
    // Child processes, a CouchDB-compatible server and SQLite files make some tests slow on 2 cores.
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
    setupFiles: ['./tests/support/fast-check-seed.ts'],
    reporters: ['default', './tests/support/summary-reporter.ts'],
  },
});
