import type { Config } from 'jest';
import { baseConfig } from './jest.base.config';

/**
 * e2e specs boot the real app against real Postgres and Redis. The global setup finds (or
 * starts) the services and creates a fresh database for this run; teardown drops it.
 */
const config: Config = {
  ...baseConfig,
  roots: ['<rootDir>/api/test', '<rootDir>/ops'],
  testRegex: '\\.e2e-spec\\.ts$',
  globalSetup: '<rootDir>/api/test/support/global-setup.ts',
  globalTeardown: '<rootDir>/api/test/support/global-teardown.ts',
  testTimeout: 60_000,
};

export default config;
