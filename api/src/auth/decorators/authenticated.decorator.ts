import { applyDecorators, HttpStatus, SetMetadata } from '@nestjs/common';
import { ApiBearerAuth, ApiSecurity } from '@nestjs/swagger';
import { ApiProblemResponses } from '../../common/openapi/api-problem-responses.decorator';
import type { Role, Scope } from '../principal';
import { AUTH_RULE_KEY, AuthRule } from './auth-rule';

/**
 * The one decorator that both enforces and documents who may call a route:
 * `@Authenticated({ roles: ['admin'], scopes: ['tasks:write'] })`. Without roles, any
 * signed-in user may call it. The auth guard refuses routes that declare no rule at all.
 */
export function Authenticated(rule: { roles?: Role[]; scopes?: Scope[] } = {}) {
  const metadata: AuthRule = { public: false, ...rule };
  return applyDecorators(
    SetMetadata(AUTH_RULE_KEY, metadata),
    ApiBearerAuth('bearer'),
    ApiSecurity('apiToken'),
    ApiProblemResponses(HttpStatus.UNAUTHORIZED, HttpStatus.FORBIDDEN),
  );
}
