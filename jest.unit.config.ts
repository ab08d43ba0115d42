import type { Config } from 'jest';
import { baseConfig } from './jest.base.config';

/** Unit specs live beside the code they test (`*.spec.ts`) and touch no service. */
const config: Config = {
  ...baseConfig,
  roots: ['<rootDir>/api/src', '<rootDir>/ops', '<rootDir>/libs', '<rootDir>/migrations'],
  testRegex: '\\.spec\\.ts$',
};

export default config;
