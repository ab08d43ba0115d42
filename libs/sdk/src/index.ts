import createClient, { type Client, type ClientOptions } from 'openapi-fetch';
import type { components, operations, paths } from './schema';

export type { components, operations, paths };

/** A schema of the API by name: `Schema<'Problem'>`. */
export type Schema<Name extends keyof components['schemas']> = components['schemas'][Name];

export type TaskTrackrClient = Client<paths>;

export interface TaskTrackrClientOptions extends ClientOptions {
  /** The server's origin, e.g. `http://localhost:3000`; paths already start with /api/v1. */
  baseUrl: string;
  /** An access token (JWT) or personal API token (`tt_…`), sent as a bearer token. */
  token?: string;
}

/**
 * The typed TaskTrackr client: paths, parameters, bodies and responses (including problem
 * errors) are checked against the committed OpenAPI contract at compile time.
 */
export function createTaskTrackrClient(options: TaskTrackrClientOptions): TaskTrackrClient {
  const { token, headers, ...rest } = options;
  return createClient<paths>({
    ...rest,
    headers: {
      ...(token ? { Authorization: `Bearer ${token}` } : {}),
      ...(headers as Record<string, string>),
    },
  });
}
