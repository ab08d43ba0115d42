import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SDK_SCHEMA_PATH, SPEC_PATH } from './paths';

const ROOT = join(__dirname, '..', '..');

/** Runs the real CI gate (`npm run contract:check`'s first step) as a process. */
function runCheck(overrides: { CONTRACT_SPEC_PATH?: string; CONTRACT_SDK_PATH?: string } = {}) {
  const result = spawnSync(
    process.execPath,
    ['-r', 'ts-node/register/transpile-only', 'ops/contract/check-contract.ts'],
    {
      cwd: ROOT,
      env: { ...process.env, TS_NODE_PROJECT: 'tsconfig.json', ...overrides },
      encoding: 'utf8',
      timeout: 60_000,
    },
  );
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

describe('contract drift check', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'tt-contract-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('passes on the committed spec and SDK', () => {
    const { status, output } = runCheck();
    expect(output).toContain('match the code');
    expect(status).toBe(0);
  });

  it('fails, naming the file and line, when the committed spec differs from the code', () => {
    const tampered = join(dir, 'openapi.json');
    const spec = JSON.parse(readFileSync(SPEC_PATH, 'utf8')) as { info: { version: string } };
    spec.info.version = '0.0.0-stale';
    writeFileSync(tampered, `${JSON.stringify(spec, null, 2)}\n`);

    const { status, output } = runCheck({ CONTRACT_SPEC_PATH: tampered });
    expect(status).toBe(1);
    expect(output).toMatch(
      /openapi\.json is out of date with the code \(first difference at line \d+\)/,
    );
    expect(output).toContain('0.0.0-stale');
  });

  it('fails when the committed SDK was not regenerated', () => {
    const staleSdk = join(dir, 'schema.ts');
    writeFileSync(
      staleSdk,
      readFileSync(SDK_SCHEMA_PATH, 'utf8').replace('getReadiness', 'getReadinessOld'),
    );
    const { status, output } = runCheck({ CONTRACT_SDK_PATH: staleSdk });
    expect(status).toBe(1);
    expect(output).toMatch(/schema\.ts is out of date/);
  });
});
