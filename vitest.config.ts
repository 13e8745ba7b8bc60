import { defineConfig } from 'vitest/config'

/**
 * One test run for every layer: unit tests beside the code and under test/unit, integration tests of
 * the local cloud and of every function through the real SDK (test/local-cloud, test/functions), and
 * the e2e test of the H5 build in Chromium (test/e2e). Tests that start servers pick free ports and
 * temporary data dirs, so files can run in parallel.
 */
export default defineConfig({
  test: {
    include: [
      'test/**/*.test.ts',
      'test/**/*.test.tsx',
      'src/**/*.test.ts',
      'src/**/*.test.tsx',
      'local-cloud/src/**/*.test.ts',
      'cloudfunctions/**/src/**/*.test.ts',
    ],
    exclude: ['**/node_modules/**', 'dist/**'],
    environment: 'node',
    testTimeout: 30_000,
    hookTimeout: 120_000,
    globalSetup: ['test/global-setup.ts'],
    pool: 'forks',
    maxWorkers: 2,
  },
})
