import { HttpStatus, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { auditActorOf } from '../common/access/audit-actor';
import { AuditLogService } from '../audit-log';
import { RequestContext } from '../common/http/request-context';
import { ProblemException } from '../common/problem/problem.exception';
import { invalidFields } from '../common/problem/validation-errors';
import { ApiTokensRepository } from './api-tokens.repository';
import { ApiTokenEntity } from './entities/api-token.entity';
import type { Principal, Scope } from '../common/access/principal';
import { scopesAllowedFor } from './scopes';
import { PrincipalInvalidations } from './principal-cache/principal-invalidations';
import { newApiTokenValue, sha256Hex } from './secret-tokens';

@Injectable()
export class ApiTokensService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly tokens: ApiTokensRepository,
    private readonly audit: AuditLogService,
    private readonly invalidations: PrincipalInvalidations,
  ) {}

  /** Creates a token for `owner`; refuses scopes the owner's roles could not use. */
  async create(
    owner: Pick<Principal, 'userId' | 'email' | 'roles'>,
    input: { name: string; scopes: Scope[]; expiresAt?: Date },
    context: RequestContext,
  ): Promise<{ entity: ApiTokenEntity; value: string }> {
    const allowed = scopesAllowedFor(owner.roles);
    const excess = input.scopes.filter((scope) => !allowed.includes(scope));
    if (excess.length > 0) {
      throw new ProblemException({
        status: HttpStatus.FORBIDDEN,
        slug: 'scope-not-allowed',
        title: 'Scope exceeds your roles',
        detail: `Your roles do not allow: ${excess.join(', ')}.`,
      });
    }
    if (input.expiresAt && input.expiresAt.getTime() <= Date.now()) {
      throw invalidFields([{ path: 'expiresAt', message: 'expiresAt must be in the future' }]);
    }
    const value = newApiTokenValue();
    const entity = await this.dataSource.transaction(async (manager) => {
      const id = randomUUID();
      await this.tokens.insert(manager, {
        id,
        userId: owner.userId,
        name: input.name.trim(),
        tokenHash: sha256Hex(value),
        tokenPrefix: value.slice(0, 7),
        scopes: input.scopes,
        expiresAt: input.expiresAt ?? null,
      });
      await this.audit.record(manager, {
        action: 'auth.token.created',
        actor: { type: 'user', id: owner.userId, display: owner.email },
        target: { type: 'api_token', id },
        changes: { name: { after: input.name }, scopes: { after: input.scopes } },
        outcome: 'success',
        context,
      });
      return this.tokens.getById(manager, id);
    });
    return { entity, value };
  }

  list(userId: string): Promise<ApiTokenEntity[]> {
    return this.tokens.listUnrevoked(userId);
  }

  async revoke(id: string, principal: Principal, context: RequestContext): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const token = await this.tokens.findOwned(manager, id, principal.userId);
      if (!token || token.revokedAt !== null) {
        throw new ProblemException({ status: HttpStatus.NOT_FOUND, detail: 'No such API token.' });
      }
      await this.tokens.revoke(manager, id);
      await this.audit.record(manager, {
        action: 'auth.token.revoked',
        actor: auditActorOf(principal),
        target: { type: 'api_token', id },
        outcome: 'success',
        context,
      });
    });
    await this.invalidations.announce(principal.userId);
  }
}
