import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
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
  },
});
