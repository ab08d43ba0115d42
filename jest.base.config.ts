import type { Config } from 'jest';

/** Shared by the unit and e2e tiers: TypeScript through ts-jest, the SDK by its package name. */
export const baseConfig: Config = {
  rootDir: '.',
  testEnvironment: 'node',
  moduleFileExtensions: ['ts', 'js', 'json'],
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json', isolatedModules: true }] },
  moduleNameMapper: { '^@tasktrackr/sdk$': '<rootDir>/libs/sdk/src/index.ts' },
  modulePathIgnorePatterns: ['<rootDir>/dist/', '<rootDir>/.data/'],
};
