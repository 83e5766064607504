import { defineConfig } from 'vitest/config';

// Two projects. `unit` files run in parallel. `system` files run the real
// capture script, real servers and real faults (stress-ng, fio, cgroups) and
// judge the health of this machine, so they run one file at a time and after
// the unit files (npm test runs the projects one after the other): a CPU
// stress in one file must never show up in another file's "healthy" capture.
// Speed is measured by `npm run bench`, never by a timed test.
const SYSTEM = [
  'test/lab/**/*.test.ts', 'test/system/**/*.test.ts', 'test/capture/**/*.test.ts', 'test/diagnosis/real-load*.test.ts',
  // The live job of the rule and model tests: their recorded inputs (test/recordings) taken
  // afresh on this machine, judged as the recordings are (SITREP_RECORD=1 rewrites them); the
  // unit project replays the recordings (test/rules/replay.test.ts, test/models/replay.test.ts).
  'test/rules/rules.test.ts', 'test/models/models.test.ts',
  // Real idle and stress windows sampled on this machine.
  'test/diagnosis/diagnose.test.ts',
  // Real sadc history and captures under stress-ng.
  'test/models/history.test.ts', 'test/models/processes.test.ts', 'test/models/sar-net.test.ts',
];

export default defineConfig({
  test: {
    testTimeout: 120_000,
    hookTimeout: 300_000,
    projects: [
      {
        extends: true,
        test: { name: 'unit', include: ['test/**/*.test.ts'], exclude: SYSTEM, pool: 'forks', maxWorkers: 2 },
      },
      {
        extends: true,
        test: { name: 'system', include: SYSTEM, pool: 'forks', maxWorkers: 1, fileParallelism: false },
      },
    ],
  },
});
