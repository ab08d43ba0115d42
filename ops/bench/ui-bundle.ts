import { existsSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { writeBenchmarkSection } from './shared/benchmarks-doc';
import { type BuildStats, groupChunks, lazyScriptFiles } from './ui-bundle/bundle-graph';

/**
 * `npm run bench:ui-bundle`: the admin UI's first-load and per-route sizes (raw, gzip, Brotli)
 * from the production build's stats, written to docs/benchmarks.md. With `--check` it only
 * enforces the budgets (first load ≤ 400 kB raw, every lazy chunk ≤ 150 kB raw), for CI.
 */
const ROOT = resolve(__dirname, '..', '..');
const DIST = join(ROOT, 'admin-ui', 'dist');
const INITIAL_BUDGET = 400_000;
const LAZY_CHUNK_BUDGET = 150_000;

interface Size {
  raw: number;
  gzip: number;
  brotli: number;
}

function sizeOf(files: string[]): Size {
  const total: Size = { raw: 0, gzip: 0, brotli: 0 };
  for (const file of files) {
    const bytes = readFileSync(join(DIST, 'browser', file));
    total.raw += bytes.length;
    total.gzip += gzipSync(bytes, { level: 9 }).length;
    total.brotli += brotliCompressSync(bytes, {
      params: { [constants.BROTLI_PARAM_QUALITY]: 11 },
    }).length;
  }
  return total;
}

const kB = (bytes: number) => `${(bytes / 1000).toFixed(1)} kB`;

function routeName(entryPoint: string): string {
  return relative('admin-ui/src/app', entryPoint).replace(/\.ts$/, '');
}

function main(): void {
  const check = process.argv.includes('--check');
  const statsPath = join(DIST, 'stats.json');
  if (!existsSync(statsPath)) {
    process.stderr.write('No admin-ui/dist/stats.json: run `npm run build:ui` first.\n');
    process.exit(1);
  }
  const stats = JSON.parse(readFileSync(statsPath, 'utf8')) as BuildStats;
  const { initial, lazy } = groupChunks(stats);
  const initialSize = sizeOf(initial.files);
  const oversized = lazyScriptFiles(stats, initial)
    .map((file) => ({ file, raw: stats.outputs[file]?.bytes ?? 0 }))
    .filter((chunk) => chunk.raw > LAZY_CHUNK_BUDGET);

  const problems = [
    ...(initialSize.raw > INITIAL_BUDGET
      ? [`first load ${kB(initialSize.raw)} exceeds ${kB(INITIAL_BUDGET)}`]
      : []),
    ...oversized.map((c) => `lazy chunk ${c.file} ${kB(c.raw)} exceeds ${kB(LAZY_CHUNK_BUDGET)}`),
  ];
  process.stdout.write(
    `admin UI first load: ${kB(initialSize.raw)} raw, ${kB(initialSize.gzip)} gzip, ${kB(initialSize.brotli)} Brotli\n`,
  );
  if (problems.length > 0) {
    process.stderr.write(`Bundle budget exceeded:\n- ${problems.join('\n- ')}\n`);
    process.exit(1);
  }
  if (check) return;

  const rows = lazy.map((group) => {
    const size = sizeOf(group.files);
    return `| ${routeName(group.name)} | ${group.files.length} | ${kB(size.raw)} | ${kB(size.gzip)} | ${kB(size.brotli)} |`;
  });
  writeBenchmarkSection(
    '## Admin UI bundle',
    [
      '## Admin UI bundle',
      '',
      `\`npm run build:ui && npm run bench:ui-bundle\` (${new Date().toISOString().slice(0, 10)}). Budgets, also enforced by \`npm test\`: first load ≤ 400 kB raw, every lazy chunk ≤ 150 kB raw.`,
      '',
      '| What | Files | Raw | gzip (9) | Brotli (11) |',
      '| --- | ---: | ---: | ---: | ---: |',
      `| **first load** (main, its static imports, global styles) | ${initial.files.length} | ${kB(initialSize.raw)} | ${kB(initialSize.gzip)} | ${kB(initialSize.brotli)} |`,
      ...rows,
      '',
      "A route's row counts what navigating there downloads beyond the first load (chunks shared by several routes appear in each).",
    ].join('\n'),
  );
  process.stdout.write('written to docs/benchmarks.md\n');
}

main();
