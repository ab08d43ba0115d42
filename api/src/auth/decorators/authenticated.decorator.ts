import { applyDecorators, HttpStatus, SetMetadata } from '@nestjs/common';
import { ApiBearerAuth, ApiSecurity } from '@nestjs/swagger';
import { ApiProblemResponses } from '../../common/openapi/api-problem-responses.decorator';
import { API_TOKEN_SCHEME, SESSION_JWT_SCHEME } from '../../common/openapi/security-schemes';
import type { Role, Scope } from '../principal';
import { AUTH_RULE_KEY, AuthRule } from './auth-rule';

/**
 * The one decorator that both enforces and documents who may call a route:
 * `@Authenticated({ roles: ['admin'], scopes: ['tasks:write'] })`. Without roles, any
 * signed-in user may call it. The auth guard refuses routes that declare no rule at all.
 * Only routes that name scopes accept API tokens (the guard refuses them elsewhere), so only
 * those list the API token scheme.
 */
export function Authenticated(rule: { roles?: Role[]; scopes?: Scope[] } = {}) {
  const metadata: AuthRule = { public: false, ...rule };
  const acceptsApiTokens = (rule.scopes ?? []).length > 0;
  return applyDecorators(
    SetMetadata(AUTH_RULE_KEY, metadata),
    ApiBearerAuth(SESSION_JWT_SCHEME),
    ...(acceptsApiTokens ? [ApiSecurity(API_TOKEN_SCHEME)] : []),
    ApiProblemResponses(HttpStatus.UNAUTHORIZED, HttpStatus.FORBIDDEN),
  );
}
