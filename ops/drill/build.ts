import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { DevServicesError } from '../dev-services/errors';

/** What `nest build` compiles into dist/ for the app processes. */
const SOURCES = [
  'api/src',
  'migrations',
  'libs/sdk/src',
  'tsconfig.json',
  'tsconfig.build.json',
  'package.json',
];

export const BUILT_MAIN = join('dist', 'api', 'src', 'main.js');

function newestMtime(path: string): number {
  const info = statSync(path);
  if (!info.isDirectory()) return info.mtimeMs;
  let newest = info.mtimeMs;
  for (const entry of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, entry)));
  return newest;
}

/** Whether dist/ is missing or older than any source it is built from. */
export function isBuildStale(root: string): boolean {
  const main = join(root, BUILT_MAIN);
  if (!existsSync(main)) return true;
  const built = statSync(main).mtimeMs;
  return SOURCES.some((source) => {
    const path = join(root, source);
    return existsSync(path) && newestMtime(path) > built;
  });
}

/** Runs `npm run build` when dist/ is stale: the drill runs the built app, as production does. */
export function ensureBuilt(root: string, log: (line: string) => void): void {
  if (!isBuildStale(root)) {
    log('dist/ is up to date with the sources');
    return;
  }
  log('dist/ is missing or older than the sources: running `npm run build` …');
  const build = spawnSync('npm', ['run', 'build'], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'pipe'],
    encoding: 'utf8',
  });
  if (build.status !== 0) {
    throw new DevServicesError(`npm run build failed:\n${build.stdout}${build.stderr}`);
  }
}
