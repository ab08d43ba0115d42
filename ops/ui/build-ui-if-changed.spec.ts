import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { hashUiInputs } from './build-ui-if-changed';

describe('hashUiInputs (what decides whether npm start rebuilds the admin UI)', () => {
  let root: string;
  const write = (file: string, content: string) => {
    mkdirSync(dirname(join(root, file)), { recursive: true });
    writeFileSync(join(root, file), content);
  };

  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'tt-ui-inputs-'));
    write('admin-ui/src/main.ts', 'bootstrap();');
    write('admin-ui/src/app/app.ts', 'export class App {}');
    write('admin-ui/tsconfig.app.json', '{}');
    write('angular.json', '{"projects":{}}');
    write('libs/sdk/src/index.ts', 'export {};');
    write('package-lock.json', '{}');
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('is stable while nothing changes', () => {
    expect(hashUiInputs(root)).toBe(hashUiInputs(root));
    expect(hashUiInputs(root)).toMatch(/^[0-9a-f]{64}$/);
  });

  it.each([
    ['a source file', 'admin-ui/src/app/app.ts'],
    ['angular.json', 'angular.json'],
    ['a tsconfig', 'admin-ui/tsconfig.app.json'],
    ['the SDK', 'libs/sdk/src/index.ts'],
    ['the lock file', 'package-lock.json'],
  ])('changes when %s changes', (_what, file) => {
    const before = hashUiInputs(root);
    write(file, 'changed');
    expect(hashUiInputs(root)).not.toBe(before);
  });

  it('changes when a source file is added, renamed or removed', () => {
    const before = hashUiInputs(root);
    write('admin-ui/src/app/new.ts', 'export const x = 1;');
    const added = hashUiInputs(root);
    expect(added).not.toBe(before);
    rmSync(join(root, 'admin-ui/src/app/new.ts'));
    write('admin-ui/src/app/renamed.ts', 'export const x = 1;');
    expect(hashUiInputs(root)).not.toBe(added);
    rmSync(join(root, 'admin-ui/src/app/renamed.ts'));
    expect(hashUiInputs(root)).toBe(before);
  });

  it('ignores what does not go into the build: specs, the output, other folders', () => {
    const before = hashUiInputs(root);
    write('admin-ui/src/app/app.spec.ts', 'it("works", () => {});');
    write('admin-ui/dist/browser/index.html', '<html></html>');
    write('admin-ui/dist/build-stamp.json', '{}');
    write('api/src/main.ts', 'changed');
    write('admin-ui/tsconfig.app.json.bak', 'not a tsconfig');
    expect(hashUiInputs(root)).toBe(before);
  });

  it('does not depend on file times', () => {
    const before = hashUiInputs(root);
    write('admin-ui/src/main.ts', 'bootstrap();'); // rewritten, same content
    expect(hashUiInputs(root)).toBe(before);
  });
});
