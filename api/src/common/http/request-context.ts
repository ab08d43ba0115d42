import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';

/** Who is on the other end of a request, as audit events and sessions record it. */
export interface RequestContext {
  /** Client IP; honours X-Forwarded-For only as far as TRUST_PROXY allows. */
  ip: string | null;
  userAgent: string | null;
  requestId: string | null;
}

export function requestContextOf(request: FastifyRequest): RequestContext {
  const userAgent = request.headers['user-agent'];
  return {
    ip: request.ip || null,
    userAgent: typeof userAgent === 'string' ? userAgent.slice(0, 512) : null,
    requestId: requestIdOf(request),
  };
}

/** The id `requestIdFor` gave this request (Fastify's `genReqId`). */
export function requestIdOf(request: Pick<FastifyRequest, 'id'>): string | null {
  return typeof request.id === 'string' ? request.id : null;
}

/** Injects the caller's `RequestContext` into a controller method. */
export const ReqContext = createParamDecorator(
  (_data: unknown, ctx: ExecutionContext): RequestContext =>
    requestContextOf(ctx.switchToHttp().getRequest<FastifyRequest>()),
);
