/** What a refresh attempt ended in. */
export type RefreshOutcome = 'refreshed' | 'unauthenticated' | 'offline';

export interface AuthorizingFetchOptions {
  /** The current access token, if any. */
  token: () => string | null;
  /** Gets a new access token through the refresh cookie; shared by concurrent callers. */
  refresh: () => Promise<RefreshOutcome>;
  /** Called once the session is definitely gone (refresh refused, or retry refused again). */
  onAuthLost: () => void;
  fetch?: typeof fetch;
}

// Answers from these are about credentials themselves; a 401 there is final, never refreshed.
const CREDENTIAL_PATHS = ['/api/v1/auth/login', '/api/v1/auth/register', '/api/v1/auth/refresh'];

function isCredentialRequest(request: Request): boolean {
  const path = new URL(request.url).pathname;
  return CREDENTIAL_PATHS.includes(path);
}

function withToken(request: Request, token: string | null): Request {
  const next = new Request(request);
  if (token) next.headers.set('Authorization', `Bearer ${token}`);
  else next.headers.delete('Authorization');
  return next;
}

/**
 * The SDK's fetch: sends the in-memory access token, and on a 401 refreshes once (single
 * flight, see `singleFlight`) and retries the request once with the new token. A second 401,
 * or a refused refresh, ends the session.
 */
export function createAuthorizingFetch(options: AuthorizingFetchOptions): typeof fetch {
  const baseFetch = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
  return async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const original = new Request(input, init);
    // Keep an unread copy: a request body can be sent only once.
    const spare = original.clone();
    const first = await baseFetch(withToken(original, options.token()));
    if (first.status !== 401 || isCredentialRequest(original)) return first;

    const outcome = await options.refresh();
    if (outcome === 'offline') return first;
    if (outcome === 'unauthenticated') {
      options.onAuthLost();
      return first;
    }
    const retried = await baseFetch(withToken(spare, options.token()));
    if (retried.status === 401) options.onAuthLost();
    return retried;
  };
}
