import { ProblemException } from '../../api/src/common/problem/problem.exception';
import { InvalidEnvironmentError } from '../../api/src/config/validate-env';
import { DevServicesError } from '../dev-services/errors';

/** Raised for wrong arguments: the message, then the command's usage. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

/** Failures whose message is the whole story; anything else is a bug worth a stack trace. */
function isExpected(error: unknown): boolean {
  return (
    error instanceof DevServicesError ||
    error instanceof InvalidEnvironmentError ||
    error instanceof ProblemException ||
    error instanceof UsageError ||
    /^(ECONNREFUSED|ENOENT|ERR_PARSE_ARGS)/.test(String((error as { code?: unknown } | null)?.code))
  );
}

function messageOf(error: unknown): string {
  if (error instanceof ProblemException) {
    const reasons = error.errors?.map((e) => e.message).join('; ');
    return reasons || error.detail || error.message;
  }
  return error instanceof Error ? error.message : String(error);
}

/**
 * What a CLI prints when it fails: `<command> failed: <reason>` on one line, never a stack trace
 * (LOG_LEVEL=debug adds it, for bugs).
 */
export function describeCliFailure(command: string, error: unknown): string {
  const reason = messageOf(error)
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean)
    .join(' ');
  const debug = ['debug', 'trace'].includes(process.env.LOG_LEVEL ?? '');
  const stack = debug && error instanceof Error && error.stack ? `\n${error.stack}` : '';
  const hint = !debug && !isExpected(error) ? ' (LOG_LEVEL=debug shows the stack trace)' : '';
  return `${command} failed: ${reason}${hint}${stack}\n`;
}

/** Prints the failure and exits with `code`. */
export function exitWithFailure(command: string, error: unknown, code = 1): never {
  process.stderr.write(describeCliFailure(command, error));
  process.exit(code);
}
