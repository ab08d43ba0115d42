import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { ModuleKind, ScriptTarget, transpileModule } from 'typescript';

const ROOT = resolve(__dirname, '..', '..', '..');

/**
 * The export server as built JavaScript, which is what production runs (ts-node's compiler
 * would sit in the API's memory and its hooks on every require). BENCH_API_DIST names an
 * existing `nest build` / `tsc -p tsconfig.build.json` output; otherwise the sources are built
 * into dist/bench-audit (inside the checkout, so that node_modules resolves from it). `export-server.ts` (outside the build: ops/bench is excluded)
 * is transpiled next to it, at the same relative path, so its imports resolve into the build.
 * Returns the path of the server's .js entry.
 */
export function buildExportServer(
  log: (message: string) => void,
  builtDist = process.env.BENCH_API_DIST,
): string {
  let dist = builtDist ? resolve(builtDist) : undefined;
  if (!dist) {
    dist = join(ROOT, 'dist', 'bench-audit');
    rmSync(dist, { recursive: true, force: true });
    log(`building the API into ${dist} (tsc -p tsconfig.build.json)`);
    const built = spawnSync(
      process.execPath,
      [require.resolve('typescript/bin/tsc'), '-p', 'tsconfig.build.json', '--outDir', dist],
      { cwd: ROOT, stdio: 'inherit' },
    );
    if (built.status !== 0) throw new Error(`tsc failed with ${built.status}`);
  } else {
    log(`using the built API in ${dist}`);
  }
  const source = join(__dirname, 'export-server.ts');
  const target = join(dist, 'ops', 'bench', 'audit', 'export-server.js');
  const { outputText } = transpileModule(readFileSync(source, 'utf8'), {
    compilerOptions: {
      module: ModuleKind.CommonJS,
      target: ScriptTarget.ES2022,
      esModuleInterop: true,
    },
    fileName: source,
  });
  mkdirSync(dirname(target), { recursive: true });
  writeFileSync(target, outputText);
  return target;
}
