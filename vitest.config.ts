import { defineConfig } from 'vitest/config';

// Real captures, real servers and real faults make some tests slow; the
// machine has 2 cores, so files run in 2 forks and each test gets a generous
// timeout instead of being timed (speed is measured by `npm run bench`).
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    pool: 'forks',
    maxWorkers: 2,
    testTimeout: 120_000,
    hookTimeout: 300_000,
    reporters: ['default'],
  },
});
