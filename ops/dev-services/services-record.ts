import { readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';

/**
 * What a running `npm start` chose, in `<data dir>/services.env` (git-ignored with `.data/`):
 * the CLIs read it so they use the same Postgres and Redis without any environment set.
 * Written only by the launcher, removed when it stops; a record whose launcher is gone (killed)
 * is ignored. Plain `KEY=value` lines, so `set -a; . .data/services.env` also works in a shell.
 */
export interface ServicesRecord {
  databaseUrl: string;
  redisUrl: string;
  /** The launcher's pid: the record is valid only while it runs. */
  pid: number;
}

const PID_LINE = /^# launcher pid: (\d+)$/m;

export function servicesRecordPath(dataDir: string): string {
  return join(dataDir, 'services.env');
}

export function writeServicesRecord(dataDir: string, record: ServicesRecord): string {
  const path = servicesRecordPath(dataDir);
  mkdirSync(dataDir, { recursive: true });
  const text = [
    '# Written by `npm start`; removed when it stops. The CLIs (user:create, seed:demo, audit:*,',
    '# migration:*) use these unless DATABASE_URL / REDIS_URL are set in their environment.',
    `# launcher pid: ${record.pid}`,
    `DATABASE_URL=${record.databaseUrl}`,
    `REDIS_URL=${record.redisUrl}`,
    '',
  ].join('\n');
  // It may hold a password (the embedded Postgres', or one from DATABASE_URL): owner only.
  writeFileSync(path, text, { mode: 0o600 });
  return path;
}

/** The record of a launcher that is still running, else undefined. */
export function readServicesRecord(dataDir: string): ServicesRecord | undefined {
  let text: string;
  try {
    text = readFileSync(servicesRecordPath(dataDir), 'utf8');
  } catch {
    return undefined;
  }
  const pid = Number(PID_LINE.exec(text)?.[1]);
  const databaseUrl = valueOf(text, 'DATABASE_URL');
  const redisUrl = valueOf(text, 'REDIS_URL');
  if (!isRunning(pid) || !databaseUrl || !redisUrl) return undefined;
  return { pid, databaseUrl, redisUrl };
}

/** Removes the record if it is still the one `pid` wrote (a later launcher may own it now). */
export function removeServicesRecord(dataDir: string, pid: number): void {
  try {
    const text = readFileSync(servicesRecordPath(dataDir), 'utf8');
    if (Number(PID_LINE.exec(text)?.[1]) === pid) rmSync(servicesRecordPath(dataDir));
  } catch {
    // Already gone.
  }
}

function valueOf(text: string, key: string): string | undefined {
  return new RegExp(`^${key}=(.+)$`, 'm').exec(text)?.[1]?.trim();
}

function isRunning(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it runs, as another user.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
