// Tests are compiled to CommonJS by SWC (fast, and it works with any TypeScript version);
// `npm run typecheck` does the type checking. A global setup starts a throwaway redis-server and builds
// calma once for the tests that run it as a process. Three projects, each runnable alone:
// `npm run test:unit`, `npm run test:integration`, `npm run test:e2e`.
const os = require('node:os');

/** @type {import('jest').Config} */
const project = {
  testEnvironment: 'node',
  testMatch: ['**/*.test.ts'],
  transform: { '^.+\\.ts$': ['@swc/jest', { jsc: { target: 'es2022' }, module: { type: 'commonjs' } }] },
  globalSetup: '<rootDir>/test/support/global-setup.ts',
  globalTeardown: '<rootDir>/test/support/global-teardown.ts',
};

/** @type {import('jest').Config} */
module.exports = {
  projects: ['unit', 'integration', 'e2e'].map((name) => ({
    ...project,
    displayName: name,
    roots: [`<rootDir>/test/${name}`],
  })),
  // Most of a test's time is spent waiting (on calma processes, Redis, timers), not computing: Jest's
  // default of one worker per core but one leaves a 2-core machine mostly idle.
  maxWorkers: os.availableParallelism() * 2,
  testSequencer: '<rootDir>/test/support/sequencer.js',
  // Generous: a loaded machine (several jest runs on 2 cores) stretches every wait tenfold, and a test
  // that passes waits only as long as it needs. The helpers' waits stay under it (test/support/patience.ts).
  testTimeout: 60000,
};
