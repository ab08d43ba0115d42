import { accessSync, constants } from 'node:fs';
import { join } from 'node:path';
import { DevServicesError } from '../dev-services/errors';

/** Where Debian/Ubuntu's postgresql-15 package puts its server binaries. */
export const DEFAULT_POSTGRES_BIN_DIR = '/usr/lib/postgresql/15/bin';

/** The server binaries the drill runs itself (pg_ctl is not needed: signals do its job). */
export const POSTGRES_BINARIES = ['initdb', 'postgres'] as const;

export type PostgresBinaries = Record<(typeof POSTGRES_BINARIES)[number], string>;

function isExecutable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/**
 * initdb and postgres from `dir` (TT_DRILL_PG_BIN, else the PostgreSQL 15 default), or an error
 * naming exactly which binary is missing where and how to get it.
 */
export function findPostgresBinaries(
  dir = process.env.TT_DRILL_PG_BIN || DEFAULT_POSTGRES_BIN_DIR,
  executable: (path: string) => boolean = isExecutable,
): PostgresBinaries {
  const missing = POSTGRES_BINARIES.filter((name) => !executable(join(dir, name)));
  if (missing.length > 0) {
    throw new DevServicesError(
      `The drill runs its own PostgreSQL and needs its server binaries, but ` +
        `${missing.map((name) => join(dir, name)).join(' and ')} ` +
        `${missing.length === 1 ? 'is' : 'are'} missing (or not executable). Install PostgreSQL 15 ` +
        `(\`apt-get install postgresql-15\`), or set TT_DRILL_PG_BIN to the folder holding ` +
        `${POSTGRES_BINARIES.join(' and ')} of another version.`,
    );
  }
  return { initdb: join(dir, 'initdb'), postgres: join(dir, 'postgres') };
}
