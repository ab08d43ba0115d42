import type { IncomingMessage, ServerResponse } from 'node:http';
import { assignRequestId } from './request-id';

function exchange(header?: string) {
  const headers: Record<string, string> = {};
  const req = {
    headers: header === undefined ? {} : { 'x-request-id': header },
  } as unknown as IncomingMessage;
  const res = {
    setHeader: (name: string, value: string) => (headers[name] = value),
  } as unknown as ServerResponse;
  return { id: assignRequestId(req, res), headers };
}

describe('assignRequestId', () => {
  it('keeps a plain id from a proxy and echoes it', () => {
    expect(exchange('edge-01:abc.123')).toEqual({
      id: 'edge-01:abc.123',
      headers: { 'X-Request-Id': 'edge-01:abc.123' },
    });
  });

  it.each([['with space'], ['x'.repeat(129)], ['line\nbreak'], ['']])(
    'mints a new id for %j',
    (bad) => {
      expect(exchange(bad).id).toMatch(
        /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
      );
    },
  );
});
