/**
 * The authenticated caller, as every guard and service sees it. Shared contract between the
 * auth module (which produces it) and every feature module (which consumes it).
 */
export const ROLES = ['employee', 'admin', 'auditor'] as const;
export type Role = (typeof ROLES)[number];

export const SCOPES = ['tasks:read', 'tasks:write', 'audit:read', 'audit:export'] as const;
export type Scope = (typeof SCOPES)[number];

export interface Principal {
  userId: string;
  email: string;
  displayName: string;
  roles: Role[];
  /** How the caller authenticated: a session's access token (JWT) or a personal API token. */
  via: 'session' | 'apiToken';
  sessionId: string | null;
  tokenId: string | null;
  /** The API token's scopes; `null` for sessions (a session may do all its roles allow). */
  scopes: Scope[] | null;
}
