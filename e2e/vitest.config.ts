import { defineConfig } from 'vitest/config';

// End-to-end tests: the real `keel serve` in a child process, driven by Debian's
// Chromium through playwright-core. One file at a time (2 cores, one browser).
export default defineConfig({
  test: {
    include: ['e2e/**/*.e2e.ts'],
    environment: 'node',
    testTimeout: 120_000,
    hookTimeout: 120_000,
    fileParallelism: false,
    pool: 'forks',
  },
});
