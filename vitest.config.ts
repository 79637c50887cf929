import { defineConfig } from 'vitest/config';

// Measured apart from the other files: it asserts on the process's RSS, which in a worker thread
// would also count what every other thread allocates meanwhile.
const ownProcess = ['test/client/response-size.test.ts'];

export default defineConfig({
  test: {
    // A skipped test in CI hides a missing tool; none is allowed.
    allowOnly: false,
    testTimeout: 30_000,
    // More files at once than the machine has cores: the slowest files mostly wait (a fuzz over
    // raw sockets with half-close delays, Chromium, npm pack/install, child processes), and vitest's
    // default on 2 cores is one file at a time.
    maxWorkers: 4,
    coverage: {
      provider: 'v8',
      include: ['src/**/*.ts'],
      reporter: ['text-summary'],
      thresholds: { lines: 90 },
    },
    projects: [
      {
        extends: true,
        test: {
          name: 'threads',
          include: ['test/**/*.test.ts'],
          exclude: ownProcess,
          // Worker threads that each load src/, Ajv's compiled schemas and the tools once, for every
          // file they run, instead of a fresh process per file: about 125 -> 90 s of CPU for the suite.
          // The files share no module state (no vi.mock, no global stubs left behind).
          pool: 'threads',
          isolate: false,
        },
      },
      { extends: true, test: { name: 'forks', include: ownProcess, pool: 'forks' } },
    ],
  },
});
