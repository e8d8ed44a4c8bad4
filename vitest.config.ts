import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

/**
 * The environment of every test process, shared with vitest.mutate.config.ts: the SDK's notice about
 * dropping Node 20 in 2027 says nothing about the code under test; in-process CLI runs use the SDK of
 * the test process, so they get fake credentials and no shared config files or instance metadata,
 * and nothing can reach beyond loopback.
 */
export const TEST_ENV = {
  AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
  AWS_ACCESS_KEY_ID: 'AKIDTEST',
  AWS_SECRET_ACCESS_KEY: 'secret',
  AWS_CONFIG_FILE: '/nonexistent/aws-config',
  AWS_SHARED_CREDENTIALS_FILE: '/nonexistent/aws-credentials',
  AWS_EC2_METADATA_DISABLED: 'true',
};

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Integration tests start servers and child processes; give them room on a 2-core machine running
    // a file per core and one more (the longest test then takes about 15 s; 60 s still ends a hang).
    testTimeout: 60_000,
    // Most of a test's time is spent waiting (on a server, a child process, the pacing of calls), so one
    // file more than the cores runs at once: on 2 cores that takes the suite from about 350 s (vitest's
    // default of cores - 1 workers) to about 165 s, with the timing-sensitive tests still passing.
    maxWorkers: Math.min(8, availableParallelism() + 1),
    hookTimeout: 60_000,
    globalSetup: ['test/global-setup.ts'],
    reporters: ['default', './test/summary-reporter.ts'],
    env: TEST_ENV,
  },
});
