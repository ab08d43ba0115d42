import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyRequest } from 'fastify';
import { unauthorized, forbidden } from './auth-errors';
import { AUTH_RULE_KEY, AuthRule } from '../common/access/auth-rule';
import type { Principal } from '../common/access/principal';
import { RouteMetadataMemo } from '../common/access/route-metadata-memo';
import { PrincipalsService } from './principals.service';
import { API_TOKEN_PREFIX } from './secret-tokens';

/** The request once this guard let it through. */
export type AuthenticatedRequest = FastifyRequest & { principal?: Principal };

export function bearerToken(request: Pick<FastifyRequest, 'headers'>): string | undefined {
  const header = request.headers.authorization;
  if (typeof header !== 'string') return undefined;
  const match = /^Bearer ([^\s]+)$/i.exec(header.trim());
  return match?.[1];
}

/** Whether `principal` satisfies `rule`; returns why not (for the 403 detail). */
export function refusal(rule: AuthRule, principal: Principal): string | null {
  if (rule.public) return null;
  if (rule.roles && rule.roles.length > 0 && !rule.roles.some((r) => principal.roles.includes(r))) {
    return `This requires one of the roles: ${rule.roles.join(', ')}.`;
  }
  if (principal.via === 'apiToken') {
    const required = rule.scopes ?? [];
    // Routes that name no scope (account and token management) need a signed-in session.
    if (required.length === 0) return 'API tokens cannot be used here; sign in instead.';
    const missing = required.filter((scope) => !principal.scopes?.includes(scope));
    if (missing.length > 0) return `This API token lacks the scopes: ${missing.join(', ')}.`;
  }
  return null;
}

/**
 * The global authentication + authorization guard. Deny by default: a route without an
 * `@Public()` or `@Authenticated()` rule is refused. Sets `request.principal`.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly principals: PrincipalsService,
  ) {}

  /** Each route's rule, looked up once: decorators' metadata does not change after start-up. */
  private readonly rules = new RouteMetadataMemo<AuthRule | undefined>((handler, controller) =>
    this.reflector.getAllAndOverride<AuthRule | undefined>(AUTH_RULE_KEY, [handler, controller]),
  );

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const rule = this.rules.get(context.getHandler(), context.getClass());
    if (!rule) throw forbidden('This route declares no access rule, so it is refused.');
    if (rule.public) return true;

    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const token = bearerToken(request);
    if (!token) throw unauthorized('Authentication required: send a bearer token.');
    // Every failure of either kind is the same 401 problem. A lookup that cannot reach the
    // database says nothing about the token: it surfaces as the 503 it is (a 401 would make
    // clients drop a valid session).
    const principal = token.startsWith(API_TOKEN_PREFIX)
      ? await this.principals.forApiToken(token)
      : await this.principals.forAccessToken(token);
    if (!principal) throw unauthorized();
    request.principal = principal;

    const reason = refusal(rule, principal);
    if (reason) throw forbidden(reason);
    return true;
  }
}
