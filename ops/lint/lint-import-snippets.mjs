// @ts-check
/**
 * Lints source snippets placed at given paths with the project's ESLint config, reporting only
 * `no-restricted-imports` (the import-direction rules). Reads `[{ filePath, source }]` as JSON on
 * stdin, prints `[[message, …], …]`. A separate process because ESLint loads its config with a
 * dynamic import, which Jest's module system does not run.
 */
import { ESLint } from 'eslint';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const eslint = new ESLint({
  cwd: root,
  ruleFilter: ({ ruleId }) => ruleId === 'no-restricted-imports',
  // The snippets belong to no tsconfig project; the rule under test needs no types.
  overrideConfig: { languageOptions: { parserOptions: { projectService: false, project: null } } },
});

let input = '';
for await (const chunk of process.stdin) input += chunk;
/** @type {{ filePath: string; source: string }[]} */
const snippets = JSON.parse(input);
const results = [];
for (const { filePath, source } of snippets) {
  const [result] = await eslint.lintText(source, { filePath: join(root, filePath) });
  results.push(
    (result?.messages ?? [])
      .filter((message) => message.ruleId === 'no-restricted-imports')
      .map((message) => message.message),
  );
}
process.stdout.write(JSON.stringify(results));
