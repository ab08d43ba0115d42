import { applyDecorators, HttpStatus, SetMetadata } from '@nestjs/common';
import { ApiBearerAuth, ApiExtension, ApiSecurity } from '@nestjs/swagger';
import { ApiProblemResponses } from '../openapi/api-problem-responses.decorator';
import { API_TOKEN_SCHEME, SESSION_JWT_SCHEME } from '../openapi/security-schemes';
import { AccessRule, SIGNED_IN } from './access-rules';
import { AUTH_RULE_KEY, AuthRule } from './auth-rule';

/**
 * The one decorator that both enforces and documents who may call a route:
 * `@Authenticated(TASKS_WRITE)`. Without roles, any signed-in user may call it. The auth guard
 * refuses routes that declare no rule at all. Only routes that name scopes accept API tokens
 * (the guard refuses them elsewhere), so only those list the API token scheme. The rule is
 * also published as `x-required-roles` / `x-required-scopes`, so integrators (and our
 * function-level authorization tests) read it from the spec.
 */
export function Authenticated(rule: AccessRule = SIGNED_IN) {
  const roles = [...(rule.roles ?? [])];
  const scopes = [...(rule.scopes ?? [])];
  const metadata: AuthRule = { public: false, roles, scopes };
  return applyDecorators(
    SetMetadata(AUTH_RULE_KEY, metadata),
    ApiBearerAuth(SESSION_JWT_SCHEME),
    ...(scopes.length > 0 ? [ApiSecurity(API_TOKEN_SCHEME)] : []),
    ApiExtension('x-required-roles', roles),
    ApiExtension('x-required-scopes', scopes),
    ApiProblemResponses(HttpStatus.UNAUTHORIZED, HttpStatus.FORBIDDEN),
  );
}
