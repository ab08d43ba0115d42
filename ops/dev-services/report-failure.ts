import { DevServicesError } from './errors';

/** Our own failures are complete sentences; anything else keeps its stack for debugging. */
export function reportFailure(what: string, error: unknown): void {
  const detail =
    error instanceof DevServicesError
      ? error.message
      : error instanceof Error
        ? (error.stack ?? error.message)
        : String(error);
  process.stderr.write(`${what}:\n${detail}\n`);
}
