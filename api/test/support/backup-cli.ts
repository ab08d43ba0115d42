import { CliRun, runOpsScript } from './ops-script';

export type BackupCliRun = CliRun;

/** Runs `npm run db:backup|db:restore -- <args>` as its own process (the script, without npm). */
export function runDbScript(
  script: 'backup' | 'restore',
  args: string[],
  env: Record<string, string>,
): Promise<BackupCliRun> {
  return runOpsScript(`db/${script}.ts`, args, env, 180_000);
}
