import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** Where every benchmark writes its results, each in its own `## ` section. */
export const BENCHMARKS_DOC = join(__dirname, '..', '..', '..', 'docs', 'benchmarks.md');

/**
 * Replaces only the section under `heading` (up to the next `## ` heading), appending it when
 * absent and creating the file with `intro` when missing, so benchmarks never clobber each other.
 */
export function writeBenchmarkSection(
  heading: string,
  section: string,
  { filePath = BENCHMARKS_DOC, intro = '# Benchmarks\n' } = {},
): void {
  const current = existsSync(filePath) ? readFileSync(filePath, 'utf8') : intro;
  const lines = current.split('\n');
  const start = lines.findIndex((line) => line.trim() === heading);
  let next: string;
  if (start === -1) {
    next = `${current.trimEnd()}\n\n${section.trim()}\n`;
  } else {
    const rest = lines.slice(start + 1).findIndex((line) => /^##\s/.test(line));
    const end = rest === -1 ? lines.length : start + 1 + rest;
    const before = lines.slice(0, start).join('\n').trimEnd();
    const after = lines.slice(end).join('\n').trim();
    next = `${before ? `${before}\n\n` : ''}${section.trim()}\n${after ? `\n${after}\n` : ''}`;
  }
  mkdirSync(dirname(filePath), { recursive: true });
  writeFileSync(filePath, next);
}
