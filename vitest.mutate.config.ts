import { defineConfig } from 'vitest/config';
import { TEST_ENV } from './vitest.config.js';

// The unit tests only, for `npm run mutate`: in-memory fakes and a fake clock, no servers, no dist/,
// so StrykerJS can run them once per mutant in minutes. `npm test` keeps using vitest.config.ts.
export default defineConfig({
  test: {
    include: ['test/unit/**/*.test.ts'],
    testTimeout: 30_000,
    env: TEST_ENV,
  },
});
