// @hey-api/openapi-ts's configuration for the second-generator contract test
// (api/test/contract-second-generator.e2e-spec.ts): a fetch client, its SDK functions, and enums as
// JavaScript objects named from the spec's `x-enum-varnames`.
// By hand: SECOND_GENERATOR_OUTPUT=tmp/hey-api npx openapi-ts -f ops/contract/second-generator/openapi-ts.config.mjs
import { defineConfig } from '@hey-api/openapi-ts';

const output = process.env.SECOND_GENERATOR_OUTPUT;
if (!output) throw new Error('Set SECOND_GENERATOR_OUTPUT to the folder to generate into.');

export default defineConfig({
  input: process.env.SECOND_GENERATOR_INPUT ?? 'libs/sdk/openapi.json',
  output,
  logs: { file: false, level: 'warn' },
  plugins: [
    '@hey-api/client-fetch',
    { name: '@hey-api/typescript', enums: 'javascript' },
    '@hey-api/sdk',
  ],
});
