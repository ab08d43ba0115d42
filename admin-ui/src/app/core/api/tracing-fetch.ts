/**
 * A W3C `traceparent` (version 00, sampled) starting a new trace: 16 random bytes of trace id,
 * 8 of parent span id, as hex. The browser is where a user's action begins, so each API call
 * starts its trace here and the API continues it (docs/operations.md, "Tracing").
 */
export function newTraceparent(): string {
  return `00-${randomHex(16)}-${randomHex(8)}-01`;
}

function randomHex(bytes: number): string {
  const values = crypto.getRandomValues(new Uint8Array(bytes));
  return Array.from(values, (value) => value.toString(16).padStart(2, '0')).join('');
}

/**
 * Wraps the SDK's fetch: each call gets a `traceparent` of a new trace (one the caller set is
 * kept). Outside the authorizing fetch, so a retry after a token refresh stays in the trace.
 */
export function createTracingFetch(inner: typeof fetch): typeof fetch {
  return (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const request = new Request(input, init);
    if (!request.headers.has('traceparent')) request.headers.set('traceparent', newTraceparent());
    return inner(request);
  };
}
