import { createTracingFetch, newTraceparent } from './tracing-fetch';

const TRACEPARENT = /^00-([0-9a-f]{32})-([0-9a-f]{16})-01$/;

describe('createTracingFetch', () => {
  it('sends a traceparent of a new trace on every call', async () => {
    const seen: (string | null)[] = [];
    const tracingFetch = createTracingFetch(async (input) => {
      seen.push((input as Request).headers.get('traceparent'));
      return new Response('{}');
    });
    await tracingFetch('http://app.test/api/v1/tasks');
    await tracingFetch('http://app.test/api/v1/tasks', { method: 'POST', body: '{}' });
    expect(seen[0]).toMatch(TRACEPARENT);
    expect(seen[1]).toMatch(TRACEPARENT);
    expect(TRACEPARENT.exec(seen[0] ?? '')?.[1]).not.toBe(TRACEPARENT.exec(seen[1] ?? '')?.[1]);
  });

  it('keeps a traceparent the caller set', async () => {
    const given = newTraceparent();
    let sent: string | null = null;
    const tracingFetch = createTracingFetch(async (input) => {
      sent = (input as Request).headers.get('traceparent');
      return new Response('{}');
    });
    await tracingFetch('http://app.test/api/v1/tasks', { headers: { traceparent: given } });
    expect(sent).toBe(given);
  });
});
