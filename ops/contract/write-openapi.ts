import { writeFileSync } from 'node:fs';
import { relative } from 'node:path';
import { SPEC_PATH } from './paths';
import { serializeSpec, specFromCode } from './spec-from-code';

/** `npm run openapi`: writes libs/sdk/openapi.json from the code (no database needed). */
async function main() {
  const document = await specFromCode();
  writeFileSync(SPEC_PATH, serializeSpec(document));
  process.stdout.write(
    `Wrote ${relative(process.cwd(), SPEC_PATH)} (${Object.keys(document.paths).length} paths)\n`,
  );
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
