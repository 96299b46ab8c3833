import { defineConfig } from 'vitest/config';

// JSX settings come from tsconfig (vite 8 uses oxc and ignores esbuild jsx options).
// Browser end-to-end tests live in test/e2e and run in the same `npm test`.
export default defineConfig({
  test: {
    include: ['test/**/*.test.{ts,tsx}'],
    environment: 'node',
    testTimeout: 20_000,
  },
});
