/** One artefact whose committed text differs from what the code generates. */
export interface Drift {
  file: string;
  firstDifferentLine: number;
  committed: string;
  generated: string;
}

/** Compares committed text with freshly generated text; `undefined` when they agree. */
export function findDrift(
  file: string,
  committed: string | undefined,
  generated: string,
): Drift | undefined {
  if (committed === generated) return undefined;
  const a = (committed ?? '').split('\n');
  const b = generated.split('\n');
  let line = 0;
  while (line < Math.max(a.length, b.length) && a[line] === b[line]) line += 1;
  return {
    file,
    firstDifferentLine: line + 1,
    committed: committed === undefined ? '(file missing)' : (a[line] ?? '(end of file)'),
    generated: b[line] ?? '(end of file)',
  };
}

export function describeDrift(drift: Drift): string {
  return [
    `${drift.file} is out of date with the code (first difference at line ${drift.firstDifferentLine}):`,
    `  committed: ${drift.committed.trim()}`,
    `  generated: ${drift.generated.trim()}`,
  ].join('\n');
}
