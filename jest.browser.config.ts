import type { Config } from 'jest';
import { baseConfig } from './jest.base.config';

/**
 * Browser tests: Playwright drives Debian's Chromium through the built admin UI, served by the
 * real app (API + worker) on real Postgres and Redis. Global setup is the e2e tier's: a fresh
 * database and queue prefix for the run. `npm run build:ui` must have run first.
 */
const config: Config = {
  ...baseConfig,
  roots: ['<rootDir>/admin-ui/e2e'],
  testRegex: '\\.browser-spec\\.ts$',
  globalSetup: '<rootDir>/api/test/support/global-setup.ts',
  globalTeardown: '<rootDir>/api/test/support/global-teardown.ts',
  testTimeout: 120_000,
};

export default config;
