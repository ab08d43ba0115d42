import { inject, Injectable } from '@angular/core';
import type { Schema } from '@tasktrackr/sdk';
import { Api } from '../../core/api/api';
import type { User } from '../../core/auth/auth';
import { unwrap } from '../../core/errors/problem';
import { NetworkStatus } from '../../core/offline/network-status';

export type UserPage = Schema<'UserPage'>;
export type NewUser = Schema<'CreateUser'>;
export type UserChange = Schema<'UpdateUser'>;

export interface UserQuery {
  /** Part of the email address; blank means everyone. */
  email?: string;
  cursor?: string | null;
  limit?: number;
}

/** The admin's user operations, over the SDK (errors come back as `ProblemError`). */
@Injectable({ providedIn: 'root' })
export class UsersApi {
  private readonly api = inject(Api);
  private readonly network = inject(NetworkStatus);

  async list(query: UserQuery = {}): Promise<UserPage> {
    const email = query.email?.trim();
    const result = await this.api.client.GET('/api/v1/users', {
      params: {
        query: {
          ...(email ? { email } : {}),
          ...(query.cursor ? { cursor: query.cursor } : {}),
          limit: query.limit ?? 25,
        },
      },
    });
    const page = unwrap(result);
    this.network.noteResponse(result.response);
    return page;
  }

  async create(user: NewUser): Promise<User> {
    const body: NewUser = {
      ...user,
      email: user.email.trim(),
      displayName: user.displayName.trim(),
    };
    return unwrap(await this.api.client.POST('/api/v1/users', { body }));
  }

  async update(id: string, change: UserChange): Promise<User> {
    return unwrap(
      await this.api.client.PATCH('/api/v1/users/{id}', { params: { path: { id } }, body: change }),
    );
  }
}
