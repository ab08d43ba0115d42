import { execFileSync } from 'node:child_process';
import { accessSync, constants, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { findExecutable } from '../../dev-services/find-executable';
import { BackupError } from './backup-error';

export type PgTool = 'pg_dump' | 'pg_restore';

export interface FoundTool {
  path: string;
  /** e.g. "15.20" */
  version: string;
  major: number;
}

/** Where Debian/Ubuntu packages put each PostgreSQL major's client binaries. */
export const DEBIAN_PG_ROOT = '/usr/lib/postgresql';

/** "pg_dump (PostgreSQL) 15.20 (Debian 15.20-0+deb12u1)" → { version: "15.20", major: 15 }. */
export function parseToolVersion(output: string): { version: string; major: number } | undefined {
  const match = /\(PostgreSQL\)\s+(\d+)(?:\.(\d+))?/.exec(output);
  if (!match) return undefined;
  return { version: match[2] ? `${match[1]}.${match[2]}` : match[1], major: Number(match[1]) };
}

/** The server's major version from `server_version_num` (150020 → 15). */
export function serverMajor(versionNum: number): number {
  return Math.floor(versionNum / 10_000);
}

/**
 * The tool to use for a server of major `minMajor`: the same major when there is one (its
 * output is the most portable), else the oldest newer one; undefined when all are older.
 */
export function chooseTool(candidates: FoundTool[], minMajor: number): FoundTool | undefined {
  return candidates
    .filter((tool) => tool.major >= minMajor)
    .sort((a, b) => a.major - b.major)
    .at(0);
}

function isExecutable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** Every `name` on PATH and under /usr/lib/postgresql/<major>/bin, with its version. */
export function findToolCandidates(name: PgTool): FoundTool[] {
  const paths = new Set<string>();
  const onPath = findExecutable(name);
  if (onPath) paths.add(onPath);
  let majors: string[] = [];
  try {
    majors = readdirSync(DEBIAN_PG_ROOT);
  } catch {
    // No Debian-style install: PATH is all there is.
  }
  for (const major of majors) {
    const candidate = join(DEBIAN_PG_ROOT, major, 'bin', name);
    if (isExecutable(candidate)) paths.add(candidate);
  }
  const found: FoundTool[] = [];
  for (const path of paths) {
    try {
      const parsed = parseToolVersion(execFileSync(path, ['--version'], { encoding: 'utf8' }));
      if (parsed) found.push({ path, ...parsed });
    } catch {
      // A broken binary (or wrapper without a cluster) is not a candidate.
    }
  }
  return found;
}

/** What to install for the client tools of `major`, on the usual systems. */
export function installHint(major: number): string {
  return (
    `Install the PostgreSQL ${major} client tools: \`apt-get install postgresql-client-${major}\` ` +
    `(Debian/Ubuntu; from apt.postgresql.org when your release lacks it), ` +
    `\`dnf install postgresql${major}\` (RHEL, PGDG repository), \`brew install postgresql@${major}\` ` +
    `(macOS), or run this inside the postgres:${major} image.`
  );
}

/** The tool for a server of major `minMajor`, or a BackupError saying exactly what to install. */
export function findPgTool(
  name: PgTool,
  minMajor: number,
  forWhat: string,
  candidates: FoundTool[] = findToolCandidates(name),
): FoundTool {
  const chosen = chooseTool(candidates, minMajor);
  if (chosen) return chosen;
  const where = `on PATH or in ${DEBIAN_PG_ROOT}/*/bin`;
  if (candidates.length === 0) {
    throw new BackupError(`${name} was not found ${where}. ${installHint(minMajor)}`);
  }
  const newest = [...candidates].sort((a, b) => b.major - a.major)[0];
  throw new BackupError(
    `${forWhat} needs ${name} ${minMajor} or newer, but the newest found ${where} is ` +
      `${name} ${newest.version} (${newest.path}). ${installHint(minMajor)}`,
  );
}
