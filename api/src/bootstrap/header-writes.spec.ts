import { IncomingMessage, ServerResponse } from 'node:http';
import { Socket } from 'node:net';
import helmet from 'helmet';
import { recordHeaderWrites } from './header-writes';

/** The names as they go on the wire (case kept); Node has it, this @types/node does not. */
function rawNames(res: ServerResponse): string[] {
  return (res as ServerResponse & { getRawHeaderNames(): string[] }).getRawHeaderNames();
}

function response(): ServerResponse {
  return new ServerResponse(new IncomingMessage(new Socket()));
}

describe('recordHeaderWrites', () => {
  it('replays helmet exactly: same headers, values, order and case, X-Powered-By removed', () => {
    const middleware = helmet({
      contentSecurityPolicy: { directives: { upgradeInsecureRequests: null } },
    });
    const direct = response();
    direct.setHeader('X-Powered-By', 'something');
    middleware(direct.req, direct, () => undefined);
    const replayed = response();
    replayed.setHeader('X-Powered-By', 'something');
    recordHeaderWrites(middleware)(replayed);

    expect(rawNames(replayed)).toEqual(rawNames(direct));
    expect(replayed.getHeaders()).toEqual(direct.getHeaders());
    expect(replayed.hasHeader('x-powered-by')).toBe(false);
    expect(replayed.getHeader('content-security-policy')).toContain("default-src 'self'");
  });

  it('refuses a middleware that does not finish synchronously', () => {
    expect(() => recordHeaderWrites((_req, _res, next) => setImmediate(next))).toThrow(
      'did not finish synchronously',
    );
  });

  it('refuses a middleware that fails', () => {
    expect(() => recordHeaderWrites((_req, _res, next) => next(new Error('bad option')))).toThrow(
      'bad option',
    );
  });
});
