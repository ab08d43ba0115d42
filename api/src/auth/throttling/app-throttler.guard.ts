import { ExecutionContext, HttpException, HttpStatus, Injectable, Logger } from '@nestjs/common';
import { ThrottlerGuard, ThrottlerLimitDetail } from '@nestjs/throttler';
import { ProblemException } from '../../common/problem/problem.exception';
import { AUTH_RULE_KEY, AuthRule } from '../../common/access/auth-rule';
import { STRICT_THROTTLE_KEY } from '../../common/throttling/strict-throttle.decorator';

/**
 * The global rate limiter (after the auth guard, so it can key by user). Over the limit it
 * answers a 429 problem with `Retry-After`. Redis outages are absorbed by the storage (it counts
 * per process meanwhile); should the store fail otherwise, the request is refused with a 503
 * problem instead of letting unlimited traffic through (fail closed) - except on
 * public, non-credential routes (health probes, metrics, JWKS), which must keep answering so
 * orchestration sees the real state (readiness then reports Redis down itself).
 */
@Injectable()
export class AppThrottlerGuard extends ThrottlerGuard {
  private readonly failures = new Logger('Throttler');

  override async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    try {
      return await super.canActivate(context);
    } catch (error) {
      if (error instanceof HttpException) throw error;
      this.failures.warn(`Rate-limit store unavailable: ${(error as Error).message}`);
      if (this.isProbeLike(context)) return true;
      throw new ProblemException({
        status: HttpStatus.SERVICE_UNAVAILABLE,
        slug: 'rate-limiter-unavailable',
        title: 'Service unavailable',
        detail: 'Rate limiting is unavailable, so the request was refused. Try again shortly.',
        headers: { 'Retry-After': '5' },
      });
    }
  }

  private isProbeLike(context: ExecutionContext): boolean {
    const targets = [context.getHandler(), context.getClass()];
    const rule = this.reflector.getAllAndOverride<AuthRule | undefined>(AUTH_RULE_KEY, targets);
    const strict = this.reflector.getAllAndOverride<boolean | undefined>(
      STRICT_THROTTLE_KEY,
      targets,
    );
    const method = context.switchToHttp().getRequest<{ method: string }>().method;
    return rule?.public === true && !strict && (method === 'GET' || method === 'HEAD');
  }

  protected override throwThrottlingException(
    _context: ExecutionContext,
    detail: ThrottlerLimitDetail,
  ): Promise<void> {
    const seconds = Math.max(1, Math.ceil(detail.timeToBlockExpire));
    throw new ProblemException({
      status: HttpStatus.TOO_MANY_REQUESTS,
      slug: 'too-many-requests',
      title: 'Too many requests',
      detail: `Rate limit reached; retry after ${seconds} seconds.`,
      headers: { 'Retry-After': String(seconds) },
    });
  }
}
