import { CliRun, runOpsScript } from './ops-script';

export type { CliRun };

/** Runs `npm run audit:verify -- <args>` (the same script, without npm) and parses its output. */
export function runAuditVerify(args: string[], env: Record<string, string> = {}): Promise<CliRun> {
  return runOpsScript('audit/verify.ts', args, env);
}

/** Runs `npm run audit:retention -- <args>`. */
export function runAuditRetention(
  args: string[],
  env: Record<string, string> = {},
): Promise<CliRun> {
  return runOpsScript('audit/retention.ts', args, env);
}
