import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { concatMap, type Observable } from 'rxjs';
import type { Principal } from '../access/principal';
import { ReadRouter } from './read-router';
import { ReplicaMonitor } from './replica-monitor';

/** Methods that change nothing (RFC 9110 §9.2.1): no write to remember after them. */
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Read-your-writes across API replicas: once a signed-in caller's unsafe request succeeded
 * (its transaction committed), the primary's position is remembered for them before the
 * response leaves, so their very next read, on any API replica, sees the write.
 */
@Injectable()
export class WriterPositionInterceptor implements NestInterceptor {
  constructor(
    private readonly router: ReadRouter,
    private readonly replicas: ReplicaMonitor,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    // Bound only with replicas (configureHttpApp); without, every read is on the primary.
    if (!this.replicas.enabled || context.getType() !== 'http') return next.handle();
    const request = context.switchToHttp().getRequest<FastifyRequest & { principal?: Principal }>();
    if (SAFE_METHODS.has(request.method)) return next.handle();
    return next.handle().pipe(
      concatMap(async (body: unknown) => {
        const userId = request.principal?.userId;
        if (userId) await this.router.noteWrite(userId);
        return body;
      }),
    );
  }
}
