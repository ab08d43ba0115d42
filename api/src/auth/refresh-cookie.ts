import type { CookieSerializeOptions } from '@fastify/cookie';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Env } from '../config/env.schema';
import { forbidden } from './auth-errors';

export const REFRESH_COOKIE = 'tt_refresh';
/** The cookie goes only to the auth routes, never to the rest of the API. */
export const REFRESH_COOKIE_PATH = '/api/v1/auth';

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]', '::1']);

/** `Secure` always, except when turned off by setting AND the request is plain-http localhost. */
function cookieOptions(request: FastifyRequest, secureSetting: boolean): CookieSerializeOptions {
  const secure = secureSetting || !LOOPBACK_HOSTS.has(request.hostname);
  return { httpOnly: true, secure, sameSite: 'strict', path: REFRESH_COOKIE_PATH };
}

export function setRefreshCookie(
  request: FastifyRequest,
  reply: FastifyReply,
  value: string,
  maxAgeSeconds: number,
  secureSetting: boolean,
): void {
  // @fastify/cookie takes maxAge in seconds (Express took milliseconds).
  reply.setCookie(REFRESH_COOKIE, value, {
    ...cookieOptions(request, secureSetting),
    maxAge: maxAgeSeconds,
  });
}

export function clearRefreshCookie(
  request: FastifyRequest,
  reply: FastifyReply,
  secureSetting: boolean,
): void {
  reply.clearCookie(REFRESH_COOKIE, cookieOptions(request, secureSetting));
}

export function refreshCookieOf(request: FastifyRequest): string | undefined {
  const value: unknown = request.cookies[REFRESH_COOKIE];
  return typeof value === 'string' && value.length > 0 && value.length < 200 ? value : undefined;
}

/**
 * CSRF defence for routes a cookie authenticates (besides SameSite=Strict): a browser's
 * `Origin` must be this server's own or one of CORS_ORIGINS. Requests without `Origin` come
 * from non-browser clients, which cannot be driven by another site, so they pass.
 */
export function assertAllowedOrigin(request: FastifyRequest, allowed: Env['CORS_ORIGINS']): void {
  const origin = request.headers.origin;
  if (origin === undefined) return;
  // `host` keeps the port; `protocol` and `host` honour X-Forwarded-* only as TRUST_PROXY allows.
  const own = `${request.protocol}://${request.host}`;
  if (origin === own || allowed.includes(origin)) return;
  throw forbidden(`Requests from origin ${origin.slice(0, 100)} are not allowed here.`);
}
