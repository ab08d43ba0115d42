import { readFileSync, writeFileSync } from 'node:fs';
import { relative } from 'node:path';
import openapiTS, { astToString } from 'openapi-typescript';
import { SDK_SCHEMA_PATH, SPEC_PATH } from './paths';

const HEADER =
  '/**\n * Generated from libs/sdk/openapi.json by `npm run sdk:generate` (openapi-typescript).\n' +
  ' * Do not edit: change the API code, then run `npm run openapi && npm run sdk:generate`.\n */\n\n';

/** The SDK's types for a given spec text: the same input always yields the same output. */
export async function sdkSchemaSource(specText: string): Promise<string> {
  const ast = await openapiTS(specText, {
    alphabetize: true,
    exportType: false,
    enum: false,
    defaultNonNullable: true,
  });
  return HEADER + astToString(ast);
}

async function main() {
  writeFileSync(SDK_SCHEMA_PATH, await sdkSchemaSource(readFileSync(SPEC_PATH, 'utf8')));
  process.stdout.write(`Wrote ${relative(process.cwd(), SDK_SCHEMA_PATH)}\n`);
}

if (require.main === module) {
  main().catch((error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
    process.exit(1);
  });
}
