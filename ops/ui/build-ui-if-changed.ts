import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { ADMIN_UI_BUILD_DIR, findProjectRoot } from '../../api/src/config/admin-ui-dir';

/**
 * What the admin UI build reads, relative to the project root: folders (every file inside,
 * unit specs excepted) and single files. Whatever changes here changes the build.
 */
export const UI_INPUTS = [
  'admin-ui/src',
  'admin-ui/public',
  'admin-ui/ngsw-config.json',
  'admin-ui/tsconfig*.json',
  'angular.json',
  'libs/sdk/src',
  'package-lock.json',
  'ops/ui/compress-assets.ts',
];

/**
 * Written beside the build output (`admin-ui/dist`, which `ng build` empties first) after a
 * successful build, so a failed or interrupted build leaves none. Outside `browser/`: it is
 * not served.
 */
export const STAMP_FILE = join('admin-ui', 'dist', 'build-stamp.json');

interface Stamp {
  inputs: string;
  builtAt: string;
}

const IGNORED = /(?:^|\/)(?:\.DS_Store|[^/]+\.spec\.ts)$/;

/** The files an input pattern names, relative and `/`-separated, sorted. */
function filesOf(root: string, input: string): string[] {
  const slash = input.lastIndexOf('/');
  const name = input.slice(slash + 1);
  if (name.includes('*')) {
    const dir = input.slice(0, slash);
    const pattern = new RegExp(`^${name.split('*').map(escapeRegExp).join('[^/]*')}$`);
    if (!existsSync(join(root, dir))) return [];
    return readdirSync(join(root, dir), { withFileTypes: true })
      .filter((entry) => entry.isFile() && pattern.test(entry.name))
      .map((entry) => `${dir}/${entry.name}`);
  }
  const path = join(root, input);
  if (!existsSync(path)) return [];
  if (!statSync(path).isDirectory()) return [input];
  return readdirSync(path, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile())
    .map((entry) => relative(root, join(entry.parentPath, entry.name)).split('\\').join('/'));
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * One SHA-256 over the UI's inputs under `root`: each file's path and content hash, in path
 * order. Any edit, added or removed file changes it; nothing else does (no times involved).
 */
export function hashUiInputs(root: string, inputs: readonly string[] = UI_INPUTS): string {
  const files = [...new Set(inputs.flatMap((input) => filesOf(root, input)))]
    .filter((file) => !IGNORED.test(file))
    .sort();
  const hash = createHash('sha256');
  for (const file of files) {
    const content = createHash('sha256')
      .update(readFileSync(join(root, file)))
      .digest('hex');
    hash.update(`${file}\0${content}\n`);
  }
  return hash.digest('hex');
}

function readStamp(path: string): Stamp | undefined {
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as Stamp;
  } catch {
    return undefined;
  }
}

/** `npm run build:ui`, output shown as it comes; the exit code, or 1 when npm could not run. */
function runBuild(root: string): number {
  // Under npm (npm start), npm_execpath is npm's own script: run it with this node.
  const npm = process.env.npm_execpath;
  const result = npm
    ? spawnSync(process.execPath, [npm, 'run', '--silent', 'build:ui'], {
        cwd: root,
        stdio: 'inherit',
      })
    : spawnSync('npm', ['run', '--silent', 'build:ui'], {
        cwd: root,
        stdio: 'inherit',
        shell: process.platform === 'win32',
      });
  if (result.error) process.stderr.write(`could not run npm: ${result.error.message}\n`);
  return result.status ?? 1;
}

/**
 * A step of `npm start` (ops/dev-services/npm-start.mjs), after the API is compiled: rebuilds
 * the admin UI only when its inputs changed since the last successful build, or it was never
 * built, and says which in one line. TT_SKIP_UI_BUILD=1 skips the check (the API then serves
 * whatever build there is, or none).
 */
function main(): void {
  const say = (line: string) => process.stdout.write(`${line}\n`);
  const root = findProjectRoot();

  if (['1', 'true'].includes(process.env.TT_SKIP_UI_BUILD ?? '')) {
    say('admin UI: not checked (TT_SKIP_UI_BUILD is set)');
    return;
  }
  if (!existsSync(join(root, 'admin-ui', 'src'))) {
    say('admin UI: no sources in admin-ui/src, nothing to build');
    return;
  }
  const inputs = hashUiInputs(root);
  const stampPath = join(root, STAMP_FILE);
  const built = existsSync(join(root, ADMIN_UI_BUILD_DIR, 'index.html'));
  if (built && readStamp(stampPath)?.inputs === inputs) {
    say(`admin UI up to date (${ADMIN_UI_BUILD_DIR.split('\\').join('/')})`);
    return;
  }
  say(
    `building admin UI… (${built ? 'its sources changed' : 'not built yet'}; ng build + compression, about a minute)`,
  );
  const started = Date.now();
  const status = runBuild(root);
  if (status !== 0) {
    process.stderr.write(
      `The admin UI build failed (exit ${status}). Fix it, or start without rebuilding it: TT_SKIP_UI_BUILD=1 npm start\n`,
    );
    process.exit(status);
  }
  // The hash taken before the build: an edit made while it ran triggers the next rebuild.
  const stamp: Stamp = { inputs, builtAt: new Date().toISOString() };
  writeFileSync(stampPath, `${JSON.stringify(stamp, null, 2)}\n`);
  say(`admin UI built in ${Math.round((Date.now() - started) / 1000)} s`);
}

if (require.main === module) main();
