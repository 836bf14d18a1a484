/**
 * Three tiers (STYLE.md "Tests"): pure unit specs beside the code, and integration / e2e suites
 * under test/ that run against the real PostgreSQL and Redis prepared by test/setup/global-setup.
 */
const transform = { '^.+\\.(t|j)s$': ['@swc/jest'] };
// ESM-only packages reached through CommonJS ones (@fastify/static -> content-disposition, otplib ->
// @scure/base and @noble/hashes 2, openid-client -> oauth4webapi and jose) are compiled to CommonJS for jest,
// which cannot load ES modules from require() (Node itself can since 20.19).
const transformIgnorePatterns = [
  '/node_modules/(?!(content-disposition|@scure/base|@noble/hashes|@otplib/plugin-crypto-noble/node_modules/@noble/hashes|openid-client|oauth4webapi|jose)/)',
];

/**
 * `jest --selectProjects=integration test/e2e/x.e2e-spec.ts` makes jest's argument parser take the
 * path as a second project name and run every suite of the project; the paths so swallowed are
 * honoured here, so that command runs just the file it names.
 */
const selectIndex = process.argv.findIndex((arg) => arg.startsWith('--selectProjects'));
const swallowedPaths =
  selectIndex < 0 ? [] : process.argv.slice(selectIndex + 1).filter((arg) => /\.(int-spec|e2e-spec|spec)\.ts$/.test(arg));
const only = (testMatch) => (swallowedPaths.length ? swallowedPaths.map((path) => `<rootDir>/${path.replace(/^\.\//, '')}`) : testMatch);

/** @type {import('jest').Config} */
module.exports = {
  // A global option: jest ignores testTimeout inside a project, which left the integration tier at
  // the default 5 s (app start-up alone can take longer on a busy 2-core machine).
  testTimeout: 30000,
  projects: [
    {
      displayName: 'unit',
      testEnvironment: 'node',
      transform,
      transformIgnorePatterns,
      roots: ['<rootDir>/src'],
      testMatch: only(['**/*.spec.ts']),
    },
    {
      displayName: 'integration',
      testEnvironment: 'node',
      transform,
      transformIgnorePatterns,
      roots: ['<rootDir>/test'],
      testMatch: only(['**/*.int-spec.ts', '**/*.e2e-spec.ts']),
      globalSetup: '<rootDir>/test/setup/global-setup.ts',
      globalTeardown: '<rootDir>/test/setup/global-teardown.ts',
      setupFiles: ['<rootDir>/test/setup/env.ts'],
    },
  ],
};
