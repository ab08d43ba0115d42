import { readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { extname, join, relative } from 'node:path';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';
import { ADMIN_UI_BUILD_DIR, findProjectRoot } from '../../api/src/config/admin-ui-dir';

const brotli = promisify(brotliCompress);
const gzipAsync = promisify(gzip);

/** Text formats worth compressing; images and fonts are compressed already. */
export const COMPRESSIBLE_EXTENSIONS = new Set([
  '.js',
  '.mjs',
  '.css',
  '.html',
  '.json',
  '.webmanifest',
  '.svg',
  '.txt',
]);
/** Below this a compressed copy saves less than its headers and a second round of negotiation. */
export const MIN_SIZE_BYTES = 1024;

export interface CompressedFile {
  /** Relative to the folder compressed, `/`-separated. */
  file: string;
  bytes: number;
  /** Sizes of the siblings written; undefined when that encoding would not have been smaller. */
  brotliBytes?: number;
  gzipBytes?: number;
}

/** Whether `path` gets pre-compressed siblings (by extension and size). */
export function isCompressible(path: string, bytes: number): boolean {
  return bytes >= MIN_SIZE_BYTES && COMPRESSIBLE_EXTENSIONS.has(extname(path).toLowerCase());
}

/**
 * Writes `<file>.br` (Brotli, quality 11) and `<file>.gz` (gzip, level 9) beside `path`, each
 * only when it is smaller than the file itself (the server then falls back to the original).
 */
export async function compressFile(
  path: string,
): Promise<Pick<CompressedFile, 'bytes' | 'brotliBytes' | 'gzipBytes'>> {
  const content = await readFile(path);
  const [br, gz] = await Promise.all([
    brotli(content, {
      params: {
        [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
        [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
        [constants.BROTLI_PARAM_SIZE_HINT]: content.length,
      },
    }),
    gzipAsync(content, { level: constants.Z_BEST_COMPRESSION }),
  ]);
  const result: Pick<CompressedFile, 'bytes' | 'brotliBytes' | 'gzipBytes'> = {
    bytes: content.length,
  };
  if (br.length < content.length) {
    await writeFile(`${path}.br`, br);
    result.brotliBytes = br.length;
  }
  if (gz.length < content.length) {
    await writeFile(`${path}.gz`, gz);
    result.gzipBytes = gz.length;
  }
  return result;
}

async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name))
    .sort();
}

/**
 * Pre-compresses every compressible file under `dir` (see `isCompressible`), a few at a time.
 * Existing `.br` / `.gz` files are never compressed again.
 */
export async function compressAssets(dir: string): Promise<CompressedFile[]> {
  const candidates: { path: string; bytes: number }[] = [];
  for (const path of await filesUnder(dir)) {
    const bytes = (await stat(path)).size;
    if (isCompressible(path, bytes)) candidates.push({ path, bytes });
  }
  const results: CompressedFile[] = [];
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < candidates.length) {
      const { path } = candidates[next++];
      const sizes = await compressFile(path);
      results.push({ file: relative(dir, path).split('\\').join('/'), ...sizes });
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, availableParallelism()) }, worker));
  return results.sort((a, b) => a.file.localeCompare(b.file));
}

const kB = (bytes: number) => `${(bytes / 1024).toFixed(1)} kB`;
const shown = (dir: string) => {
  const path = relative(process.cwd(), dir);
  return path === '' ? '.' : path.startsWith('..') ? dir : path;
};

/** `ts-node ops/ui/compress-assets.ts [dir]`: the last step of `npm run build:ui`. */
async function main(): Promise<void> {
  const dir = process.argv[2] ?? join(findProjectRoot(), ADMIN_UI_BUILD_DIR);
  const started = Date.now();
  const files = await compressAssets(dir);
  const total = (pick: (file: CompressedFile) => number | undefined) =>
    files.reduce((sum, file) => sum + (pick(file) ?? file.bytes), 0);
  process.stdout.write(
    `compress-assets: ${files.length} files in ${shown(dir)}: ` +
      `${kB(total((f) => f.bytes))} -> ${kB(total((f) => f.brotliBytes))} br, ` +
      `${kB(total((f) => f.gzipBytes))} gz (${((Date.now() - started) / 1000).toFixed(1)} s)\n`,
  );
}

if (require.main === module) {
  main().catch((error: unknown) => {
    process.stderr.write(
      `compress-assets failed: ${error instanceof Error ? error.message : String(error)}\n`,
    );
    process.exit(1);
  });
}
