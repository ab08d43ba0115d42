import { exitWithFailure, UsageError } from '../../cli/cli-failure';
import { BackupError, EXIT } from './backup-error';

/**
 * Runs a backup/restore command and exits with its code: usage errors print the usage (2),
 * a BackupError its message and code, anything else one line (cli-failure.ts).
 */
export function runBackupCli(command: string, usage: string, main: () => Promise<number>): void {
  main().then(
    (code) => process.exit(code),
    (error: unknown) => {
      if (
        error instanceof UsageError ||
        (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')
      ) {
        process.stderr.write(`${command}: ${(error as Error).message}\n\n${usage}\n`);
        process.exit(EXIT.cannotRun);
      }
      if (error instanceof BackupError) {
        process.stderr.write(`${command} failed: ${error.message}\n`);
        process.exit(error.exitCode);
      }
      exitWithFailure(command, error, EXIT.cannotRun);
    },
  );
}
