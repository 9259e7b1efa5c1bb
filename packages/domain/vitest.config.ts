import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts'],
    coverage: {
      provider: 'v8',
      include: ['src/**/*.ts'],
      // The CLI does I/O and is tested by running it as a child process.
      exclude: ['src/**/*.test.ts', 'src/cli/**', 'src/**/*.bench.ts'],
      reporter: ['text-summary'],
      // Issue 3: line and branch coverage of packages/domain is at least 95%, enforced here.
      thresholds: { lines: 95, branches: 95, functions: 95, statements: 95 },
    },
  },
});
