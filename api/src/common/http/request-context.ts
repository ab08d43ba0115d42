import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import type { Request } from 'express';

/** Who is on the other end of a request, as audit events and sessions record it. */
export interface RequestContext {
  /** Client IP; honours X-Forwarded-For only as far as TRUST_PROXY allows. */
  ip: string | null;
  userAgent: string | null;
  requestId: string | null;
}

export function requestContextOf(request: Request): RequestContext {
  const userAgent = request.headers['user-agent'];
  return {
    ip: request.ip ?? null,
    userAgent: typeof userAgent === 'string' ? userAgent.slice(0, 512) : null,
    requestId: requestIdOf(request),
  };
}

/** The id `assignRequestId` gave this request (always a string in this app). */
export function requestIdOf(request: Request): string | null {
  return typeof request.id === 'string' ? request.id : null;
}

/** Injects the caller's `RequestContext` into a controller method. */
export const ReqContext = createParamDecorator(
  (_data: unknown, ctx: ExecutionContext): RequestContext =>
    requestContextOf(ctx.switchToHttp().getRequest<Request>()),
);
