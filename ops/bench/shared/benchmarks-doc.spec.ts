import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeBenchmarkSection } from './benchmarks-doc';

describe('writeBenchmarkSection', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'tt-bench-doc-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('creates the file with its intro, then appends new sections', () => {
    const filePath = join(dir, 'benchmarks.md');
    writeBenchmarkSection('## A', '## A\n\nfirst', { filePath });
    writeBenchmarkSection('## B', '## B\n\nsecond', { filePath });
    expect(readFileSync(filePath, 'utf8')).toBe(
      '# Benchmarks\n\n## A\n\nfirst\n\n## B\n\nsecond\n',
    );
  });

  it("replaces only its own section, keeping the others' text", () => {
    const filePath = join(dir, 'benchmarks.md');
    writeFileSync(filePath, '# Benchmarks\n\n## A\n\nold a\n\n## B\n\nkeep b\n\n## C\n\nkeep c\n');
    writeBenchmarkSection('## B', '## B\n\nnew b', { filePath });
    expect(readFileSync(filePath, 'utf8')).toBe(
      '# Benchmarks\n\n## A\n\nold a\n\n## B\n\nnew b\n\n## C\n\nkeep c\n',
    );
  });
});
