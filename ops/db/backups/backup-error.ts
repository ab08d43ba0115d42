/**
 * A failure whose message is the whole story (what went wrong and what to do), with the exit
 * code the command ends with. The CLIs print it without a stack trace.
 */
export class BackupError extends Error {
  override readonly name = 'BackupError';
  constructor(
    message: string,
    readonly exitCode: number = EXIT.cannotRun,
  ) {
    super(message);
  }
}

/** Exit codes of db:backup and db:restore (documented in their usage and docs/operations.md). */
export const EXIT = {
  ok: 0,
  /** The backup or the restored data failed a check (sha256, audit head). */
  checkFailed: 1,
  /** Wrong arguments, missing files or tools, unreachable server. */
  cannotRun: 2,
  /** The target database has tables and --force was not given. */
  refused: 3,
  /** pg_dump or pg_restore itself failed. */
  toolFailed: 4,
} as const;
