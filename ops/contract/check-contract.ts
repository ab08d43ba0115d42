import { existsSync, readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { describeDrift, Drift, findDrift } from './contract-drift';
import { sdkSchemaSource } from './generate-sdk';
import { SDK_SCHEMA_PATH, SPEC_PATH } from './paths';
import { serializeSpec, specFromCode } from './spec-from-code';

function readIfPresent(path: string): string | undefined {
  return existsSync(path) ? readFileSync(path, 'utf8') : undefined;
}

/**
 * CI's contract gate: the committed spec must equal what the code generates, and the
 * committed SDK must equal what the committed spec generates. Exits 1 naming the drift.
 */
export async function checkContract(
  paths = { spec: SPEC_PATH, sdk: SDK_SCHEMA_PATH },
): Promise<Drift[]> {
  const generatedSpec = serializeSpec(await specFromCode());
  const committedSpec = readIfPresent(paths.spec);
  const generatedSdk = await sdkSchemaSource(generatedSpec);
  return [
    findDrift(relative(process.cwd(), paths.spec), committedSpec, generatedSpec),
    findDrift(relative(process.cwd(), paths.sdk), readIfPresent(paths.sdk), generatedSdk),
  ].filter((drift): drift is Drift => drift !== undefined);
}

if (require.main === module) {
  // Overridable so the drift check's own test can point it at a tampered copy.
  const paths = {
    spec: process.env.CONTRACT_SPEC_PATH ?? SPEC_PATH,
    sdk: process.env.CONTRACT_SDK_PATH ?? SDK_SCHEMA_PATH,
  };
  checkContract(paths).then(
    (drifts) => {
      if (drifts.length === 0) {
        process.stdout.write('Contract check: libs/sdk/openapi.json and the SDK match the code.\n');
        process.exit(0);
      }
      for (const drift of drifts) process.stderr.write(`${describeDrift(drift)}\n`);
      process.stderr.write(
        'Run `npm run openapi && npm run sdk:generate` and commit the result.\n',
      );
      process.exit(1);
    },
    (error: unknown) => {
      process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
      process.exit(1);
    },
  );
}
