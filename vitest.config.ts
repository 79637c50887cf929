import { defineConfig } from 'vitest/config';
import { BaseSequencer, type TestSpecification } from 'vitest/node';

// Measured apart from the other files: it asserts on the process's RSS, which in a worker thread
// would also count what every other thread allocates meanwhile.
const ownProcess = ['test/client/response-size.test.ts'];

// The files that take longest (npm, tsc, Chromium, child processes, socket delays), slowest first.
// On a fresh clone vitest knows no durations and starts the largest files first, which left some of
// these to start last and the whole run waiting on them; once it knows durations, it agrees.
const SLOWEST_FIRST = [
  'test/package/install.test.ts',
  'test/contract/scripts.test.ts',
  'test/docs/console-browser.test.ts',
  'test/docs/browser.test.ts',
  'test/regen/release.test.ts',
  'test/contract/prism.test.ts',
  'test/regen/generators.test.ts',
  'test/contract/workflows.test.ts',
  'test/regen/diff-gate.test.ts',
  'test/docs/serve-fuzz.test.ts',
  'test/contract/properties.test.ts',
  'test/docs/start.test.ts',
  'test/client/paginate.test.ts',
  'test/contract/client-properties.test.ts',
  'test/contract/scrub.test.ts',
];

/** vitest's order (projects apart, then known durations or size), with the files above moved to the front of their project. */
class SlowestFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    const projects = [...new Set(sorted.map((file) => file.project.name))];
    const rank = (file: TestSpecification) => {
      const i = SLOWEST_FIRST.findIndex((path) => file.moduleId.endsWith(path));
      return i === -1 ? SLOWEST_FIRST.length : i;
    };
    const project = (file: TestSpecification) => projects.indexOf(file.project.name);
    // Array.prototype.sort is stable: within a project and a rank, vitest's order stays.
    return [...sorted].sort((a, b) => project(a) - project(b) || rank(a) - rank(b));
  }
}

export default defineConfig({
  test: {
    // A skipped test in CI hides a missing tool; none is allowed.
    allowOnly: false,
    testTimeout: 30_000,
    // More files at once than the machine has cores: the slowest files mostly wait (a fuzz over
    // raw sockets with half-close delays, Chromium, npm pack/install, child processes), and vitest's
    // default on 2 cores is one file at a time.
    maxWorkers: 4,
    sequence: { sequencer: SlowestFirst },
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
