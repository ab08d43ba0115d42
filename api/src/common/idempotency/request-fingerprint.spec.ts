import { canonicalJson, requestFingerprint } from './request-fingerprint';

describe('request fingerprint', () => {
  it('is independent of key order at every depth', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { y: 2, x: 1 }], c: null } })).toBe(
      '{"a":{"c":null,"d":[1,{"x":1,"y":2}]},"b":1}',
    );
    expect(requestFingerprint('createTask', { title: 't', labels: ['x'] })).toBe(
      requestFingerprint('createTask', { labels: ['x'], title: 't' }),
    );
  });

  it('differs for another body or another operation', () => {
    const base = requestFingerprint('createTask', { title: 't' });
    expect(requestFingerprint('createTask', { title: 'u' })).not.toBe(base);
    expect(requestFingerprint('bulkUpdateTasks', { title: 't' })).not.toBe(base);
    // Array order is meaningful.
    expect(canonicalJson([1, 2])).not.toBe(canonicalJson([2, 1]));
  });
});
