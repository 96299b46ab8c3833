import { defineConfig } from 'vitest/config';

// JSX settings come from tsconfig (vite 8 uses oxc and ignores esbuild jsx options).
// Two projects in one `vitest run`: the unit tests first, in parallel; then the real-browser
// end-to-end tests one file at a time, because the policy tests write machine-wide browser
// policy (/etc/chromium, /etc/firefox) that would reach any browser another file had open.
export default defineConfig({
  // The content script's demo-build timing (src/content/perf.ts) is off in tests, as in release builds.
  define: { __TCG_PERF__: 'false' },
  test: {
    testTimeout: 20_000,
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['test/**/*.test.{ts,tsx}'],
          exclude: ['test/e2e/**'],
          environment: 'node',
          sequence: { groupOrder: 0 },
        },
      },
      {
        extends: true,
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.{ts,tsx}'],
          environment: 'node',
          fileParallelism: false,
          sequence: { groupOrder: 1 },
        },
      },
    ],
  },
});
