import { classify } from './classify';

const answer = (status: number, headers: Record<string, string> = {}, body?: unknown) =>
  ({ kind: 'answer', answer: { status, headers, body } }) as const;
const problem = (status: number, slug: string, headers: Record<string, string> = {}) =>
  answer(
    status,
    { 'content-type': 'application/problem+json; charset=utf-8', ...headers },
    { type: `https://tasktrackr.dev/problems/${slug}`, status },
  );

describe('classify', () => {
  it('names problems by status and type, and retries what a client may retry', () => {
    expect(classify(problem(503, 'service-unavailable', { 'retry-after': '1' }))).toEqual({
      category: 'http',
      kind: '503 service-unavailable',
      status: 503,
      problemJson: true,
      retryable: true,
      retryAfterSeconds: 1,
    });
    expect(classify(problem(409, 'idempotency-retry')).retryable).toBe(true);
    expect(classify(problem(409, 'conflict')).retryable).toBe(false);
    expect(classify(problem(401, 'unauthorized')).retryable).toBe(false);
  });

  it('tells an error status that is not problem+json apart', () => {
    const plain = answer(
      503,
      { 'content-type': 'application/json' },
      { error: 'Service Unavailable' },
    );
    expect(classify(plain)).toMatchObject({ kind: '503 (not problem+json)', problemJson: false });
  });

  it('separates refused connections (never sent) from broken ones and from hangs', () => {
    expect(classify({ kind: 'connection', code: 'ECONNREFUSED' }).category).toBe('refused');
    expect(classify({ kind: 'connection', code: 'ECONNRESET' })).toMatchObject({
      category: 'connection',
      kind: 'connection ECONNRESET',
      retryable: true,
    });
    expect(classify({ kind: 'timeout' })).toMatchObject({ category: 'timeout', retryable: true });
    expect(classify(answer(201)).category).toBe('ok');
  });
});
