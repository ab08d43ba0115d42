import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** Where `npm run build:ui` writes the admin UI, relative to the project root. */
export const ADMIN_UI_BUILD_DIR = join('admin-ui', 'dist', 'browser');

/**
 * The project root: the nearest folder at or above `from` holding a package.json. Found by
 * walking up, so it is the same from the sources (ts-node, Jest) and from the build in dist/.
 */
export function findProjectRoot(from: string = __dirname): string {
  for (let dir = from; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json'))) return dir;
    if (dirname(dir) === dir) throw new Error(`No package.json at or above ${from}`);
  }
}

/** `ADMIN_UI_DIR` when unset: this checkout's admin UI build if there is one, else '' (not served). */
export function defaultAdminUiDir(): string {
  const dir = join(findProjectRoot(), ADMIN_UI_BUILD_DIR);
  return existsSync(join(dir, 'index.html')) ? dir : '';
}
