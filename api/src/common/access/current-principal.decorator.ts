import { createParamDecorator, ExecutionContext, UnauthorizedException } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import type { Principal } from './principal';

/** The authenticated caller, as set on the request by the auth guard. */
export const CurrentPrincipal = createParamDecorator(
  (_data: unknown, ctx: ExecutionContext): Principal => {
    const request = ctx.switchToHttp().getRequest<FastifyRequest & { principal?: Principal }>();
    if (!request.principal) throw new UnauthorizedException('Authentication required');
    return request.principal;
  },
);
