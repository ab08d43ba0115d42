import type { IncomingMessage, ServerResponse } from 'node:http';

type HeaderWrite = { set: string; value: string | number | readonly string[] } | { remove: string };

/** The part of a response a header middleware such as helmet's touches. */
type HeaderTarget = Pick<ServerResponse, 'setHeader' | 'removeHeader'>;

type Middleware = (
  req: IncomingMessage,
  res: ServerResponse,
  next: (error?: unknown) => void,
) => void;

/**
 * Runs a request-independent header middleware once against a recorder and answers a function
 * that repeats its `setHeader`/`removeHeader` calls, in order, on a real response. Refuses (at
 * start-up) a middleware that touches anything else, fails, or does not finish synchronously:
 * then its answer could depend on the request, and replaying it would be wrong.
 */
export function recordHeaderWrites(middleware: Middleware): (res: HeaderTarget) => void {
  const writes: HeaderWrite[] = [];
  const recorder: HeaderTarget = {
    setHeader(name: string, value: string | number | readonly string[]) {
      writes.push({ set: name, value });
      return this as ServerResponse;
    },
    removeHeader(name: string) {
      writes.push({ remove: name });
    },
  };
  let finished = false;
  middleware({} as IncomingMessage, recorder as ServerResponse, (error?: unknown) => {
    if (error !== undefined) {
      throw error instanceof Error ? error : new Error('The header middleware failed.');
    }
    finished = true;
  });
  if (!finished) throw new Error('The header middleware did not finish synchronously.');
  return (res) => {
    for (const write of writes) {
      if ('set' in write) res.setHeader(write.set, write.value);
      else res.removeHeader(write.remove);
    }
  };
}
