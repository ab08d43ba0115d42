import { SetMetadata } from '@nestjs/common';
import { AUTH_RULE_KEY, AuthRule } from './auth-rule';

/** @nestjs/swagger's metadata key for `@ApiOperation` (not exported from its public API). */
const API_OPERATION_METADATA = 'swagger/apiOperation';

/**
 * Marks a route as open to anonymous callers, and documents it with `security: []` so the
 * spec does not claim it needs a token. Merges into @ApiOperation in either decorator order.
 */
export function Public(): MethodDecorator {
  const rule: AuthRule = { public: true };
  return (target, key, descriptor) => {
    SetMetadata(AUTH_RULE_KEY, rule)(target, key, descriptor);
    const handler = descriptor.value as object;
    const previous = (Reflect.getMetadata(API_OPERATION_METADATA, handler) ?? {}) as object;
    Reflect.defineMetadata(API_OPERATION_METADATA, { ...previous, security: [] }, handler);
    return descriptor;
  };
}
