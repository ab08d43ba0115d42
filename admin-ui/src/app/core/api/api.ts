import { inject, Injectable } from '@angular/core';
import { createTaskTrackrClient, type TaskTrackrClient } from '@tasktrackr/sdk';
import { AccessTokenStore } from '../auth/access-token-store';
import { SessionRefresher } from '../auth/session-refresher';
import { apiBaseUrl } from './api-base-url';
import { createAuthorizingFetch } from './authorizing-fetch';
import { createTracingFetch } from './tracing-fetch';

/**
 * The one way the app talks to the API: the generated SDK, with the access token attached and
 * a 401 answered by a single-flight refresh and one retry, and a W3C `traceparent` starting a
 * trace per call.
 */
@Injectable({ providedIn: 'root' })
export class Api {
  private readonly tokens = inject(AccessTokenStore);
  private readonly refresher = inject(SessionRefresher);

  readonly client: TaskTrackrClient = createTaskTrackrClient({
    baseUrl: apiBaseUrl(),
    fetch: createTracingFetch(
      createAuthorizingFetch({
        token: () => this.tokens.token(),
        refresh: () => this.refresher.refresh(),
        onAuthLost: () => this.refresher.sessionLost(),
      }),
    ),
  });

  /** Headers for a raw `fetch` (the event stream), with the current access token. */
  authHeaders(): Record<string, string> {
    const token = this.tokens.token();
    return token ? { Authorization: `Bearer ${token}` } : {};
  }
}
