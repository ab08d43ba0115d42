/**
 * A failure the person running `npm start` can act on. Its message is complete on its own
 * (what is missing and how to get it), so the launchers print it without a stack trace.
 */
export class DevServicesError extends Error {
  override readonly name = 'DevServicesError';
}

/** Text of any thrown value, for messages. */
export function describeError(error: unknown): string {
  if (error instanceof Error) return error.message;
  return String(error);
}
