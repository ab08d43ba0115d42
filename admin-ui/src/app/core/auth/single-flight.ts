/**
 * Wraps an async function so that concurrent callers share one in-flight call: ten requests
 * that hit a 401 together cause one refresh, and all of them wait for its result.
 */
export function singleFlight<T>(run: () => Promise<T>): () => Promise<T> {
  let inFlight: Promise<T> | null = null;
  return () => {
    inFlight ??= run().finally(() => {
      inFlight = null;
    });
    return inFlight;
  };
}
