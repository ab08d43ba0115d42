import { inject, Injectable } from '@angular/core';
import type { Schema } from '@tasktrackr/sdk';
import { Api } from '../../core/api/api';
import type { User } from '../../core/auth/auth';
import { unwrap } from '../../core/errors/problem';
import { NetworkStatus } from '../../core/offline/network-status';

export type Session = Schema<'Session'>;
export type ApiToken = Schema<'ApiToken'>;
export type CreatedApiToken = Schema<'CreatedApiToken'>;
export type NewApiToken = Schema<'CreateApiToken'>;
export type PasswordChange = Schema<'ChangePassword'>;

/** The signed-in person's own account: profile, password, sessions and API tokens. */
@Injectable({ providedIn: 'root' })
export class AccountApi {
  private readonly api = inject(Api);
  private readonly network = inject(NetworkStatus);

  async me(): Promise<User> {
    const result = await this.api.client.GET('/api/v1/users/me');
    const user = unwrap(result);
    this.network.noteResponse(result.response);
    return user;
  }

  async updateDisplayName(displayName: string): Promise<User> {
    return unwrap(
      await this.api.client.PATCH('/api/v1/users/me', {
        body: { displayName: displayName.trim() },
      }),
    );
  }

  async changePassword(change: PasswordChange): Promise<void> {
    unwrap(await this.api.client.POST('/api/v1/users/me/password', { body: change }));
  }

  /** My sessions, this device first, then the most recently used. */
  async sessions(): Promise<Session[]> {
    const sessions = unwrap(await this.api.client.GET('/api/v1/auth/sessions'));
    return [...sessions].sort(
      (a, b) =>
        Number(b.current) - Number(a.current) ||
        Date.parse(b.lastUsedAt) - Date.parse(a.lastUsedAt),
    );
  }

  async revokeSession(id: string): Promise<void> {
    unwrap(
      await this.api.client.DELETE('/api/v1/auth/sessions/{id}', { params: { path: { id } } }),
    );
  }

  /** My API tokens, newest first (values are never listed). */
  async tokens(): Promise<ApiToken[]> {
    const tokens = unwrap(await this.api.client.GET('/api/v1/auth/tokens'));
    return [...tokens].sort((a, b) => Date.parse(b.createdAt) - Date.parse(a.createdAt));
  }

  async createToken(token: NewApiToken): Promise<CreatedApiToken> {
    return unwrap(
      await this.api.client.POST('/api/v1/auth/tokens', {
        body: { ...token, name: token.name.trim() },
      }),
    );
  }

  async revokeToken(id: string): Promise<void> {
    unwrap(await this.api.client.DELETE('/api/v1/auth/tokens/{id}', { params: { path: { id } } }));
  }
}

/** The listed form of a just-created token: the value must not linger in the page's state. */
export function withoutValue(created: CreatedApiToken): ApiToken {
  const listed: ApiToken & { token?: string } = { ...created };
  delete listed.token;
  return listed;
}
