import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

/**
 * The import-direction rules (ops/lint/import-boundaries.mjs) run through ESLint with the
 * project's real config, on small sources placed at real paths: each backward import must be
 * reported, and the allowed forms must pass.
 */
const ROOT = join(__dirname, '..', '..');

const REFUSED: Array<[string, string, string]> = [
  ['a building block importing a feature', 'api/src/common/x.ts', "import { a } from '../auth';"],
  [
    'a building block importing the root',
    'api/src/database/x.ts',
    "import { a } from '../app.module';",
  ],
  ['users importing auth (auth uses users)', 'api/src/users/x.ts', "import { a } from '../auth';"],
  [
    'tasks importing auth',
    'api/src/tasks/dto/x.ts',
    "import { a } from '../../auth/auth.service';",
  ],
  ['audit-log importing users', 'api/src/audit-log/x.ts', "import { a } from '../users';"],
  [
    'a deep import into an allowed feature',
    'api/src/auth/x.ts',
    "import { a } from '../users/user.entity';",
  ],
  [
    'ops importing a feature file',
    'ops/bench/x.ts',
    "import { a } from '../../api/src/tasks/tasks.service';",
  ],
  [
    'ops importing the API tests',
    'ops/fuzz/x.ts',
    "import { a } from '../../api/test/support/test-app';",
  ],
];

const ALLOWED: Array<[string, string, string]> = [
  [
    'a feature using a building block',
    'api/src/tasks/x.ts',
    "import { a } from '../common/access/principal';",
  ],
  [
    'auth using users through its index',
    'api/src/auth/dto/x.ts',
    "import { a } from '../../users';",
  ],
  [
    'a feature importing its own files',
    'api/src/users/dto/x.ts',
    "import { a } from '../users.service';",
  ],
  ['ops using a feature’s index', 'ops/seed/x.ts', "import { a } from '../../api/src/users';"],
  [
    'ops using a building block',
    'ops/db/x.ts',
    "import { a } from '../../api/src/database/typeorm-options';",
  ],
];

let errors: Map<string, string[]>;

beforeAll(() => {
  const cases = [...REFUSED, ...ALLOWED];
  const output = execFileSync(
    process.execPath,
    [join(ROOT, 'ops', 'lint', 'lint-import-snippets.mjs')],
    { input: JSON.stringify(cases.map(([, filePath, source]) => ({ filePath, source }))) },
  );
  const results = JSON.parse(output.toString()) as string[][];
  errors = new Map(cases.map(([name], index) => [name, results[index] ?? []]));
}, 60_000);

describe('import boundaries (ESLint)', () => {
  it.each(REFUSED)('refuses %s', (name) => {
    const found = errors.get(name) ?? [];
    expect(found).toHaveLength(1);
    expect(found[0]).toContain('docs/architecture.md');
  });

  it.each(ALLOWED)('allows %s', (name) => {
    expect(errors.get(name)).toEqual([]);
  });
});
