import type { Principal } from '../../common/access/principal';
import { PrincipalCache } from './principal-cache';

function principal(userId: string, sessionId = 's1'): Principal {
  return {
    userId,
    email: `${userId}@example.com`,
    displayName: userId,
    roles: ['employee'],
    via: 'session',
    sessionId,
    tokenId: null,
    scopes: null,
  };
}

describe('PrincipalCache', () => {
  let now = 0;
  const cache = (ttlMs = 1000, maxEntries = 100) => {
    const made = new PrincipalCache({ ttlMs, maxEntries, now: () => now });
    made.setLive(true);
    return made;
  };
  beforeEach(() => (now = 1_000_000));

  it('answers a stored principal until its TTL, then misses', () => {
    const c = cache();
    c.set('k', principal('u1'), c.begin());
    now += 999;
    expect(c.get('k')).toEqual({ result: 'hit', principal: principal('u1') });
    now += 1;
    expect(c.get('k')).toEqual({ result: 'miss' });
    expect(c.size).toBe(0);
  });

  it('never keeps an entry past the credential’s own expiry', () => {
    const c = cache();
    c.set('k', principal('u1'), c.begin(), new Date(now + 200));
    now += 199;
    expect(c.get('k').result).toBe('hit');
    now += 1;
    expect(c.get('k').result).toBe('miss');
  });

  it('bypasses everything while not live, and starts empty when live again', () => {
    const c = cache();
    c.set('k', principal('u1'), c.begin());
    c.setLive(false);
    expect(c.get('k')).toEqual({ result: 'bypass' });
    c.set('k', principal('u1'), c.begin());
    expect(c.size).toBe(0);
    c.setLive(true);
    expect(c.get('k')).toEqual({ result: 'miss' });
  });

  it('is off with a TTL of 0, live or not', () => {
    const c = cache(0);
    c.set('k', principal('u1'), c.begin());
    expect(c.get('k')).toEqual({ result: 'bypass' });
    expect(c.enabled).toBe(false);
  });

  it('evicts every entry of a user, sessions and API tokens alike, and only theirs', () => {
    const c = cache();
    c.set('s:1', principal('u1', '1'), c.begin());
    c.set('t:abc', { ...principal('u1'), via: 'apiToken', sessionId: null }, c.begin());
    c.set('s:2', principal('u2', '2'), c.begin());
    c.evictUser('u1');
    expect(c.get('s:1').result).toBe('miss');
    expect(c.get('t:abc').result).toBe('miss');
    expect(c.get('s:2').result).toBe('hit');
  });

  it('does not store a read that began before an invalidation (a racing request)', () => {
    const c = cache();
    const begun = c.begin();
    c.evictUser('someone-else'); // any invalidation meanwhile: the read may predate it
    c.set('k', principal('u1'), begun);
    expect(c.get('k').result).toBe('miss');
    c.set('k', principal('u1'), c.begin());
    expect(c.get('k').result).toBe('hit');
  });

  it('does not store a read that began before the cache went live', () => {
    const c = new PrincipalCache({ ttlMs: 1000, maxEntries: 10, now: () => now });
    const begun = c.begin();
    c.setLive(true);
    c.set('k', principal('u1'), begun);
    expect(c.size).toBe(0);
  });

  it('drops the least recently used entry beyond its bound', () => {
    const c = cache(1000, 2);
    c.set('a', principal('a'), c.begin());
    c.set('b', principal('b'), c.begin());
    expect(c.get('a').result).toBe('hit'); // a is now the most recent
    c.set('c', principal('c'), c.begin());
    expect(c.size).toBe(2);
    expect(c.get('b').result).toBe('miss');
    expect(c.get('a').result).toBe('hit');
    expect(c.get('c').result).toBe('hit');
  });

  it('hands out principals no request can change', () => {
    const c = cache();
    c.set('k', principal('u1'), c.begin());
    const cached = c.get('k').principal as Principal;
    expect(() => cached.roles.push('admin')).toThrow(TypeError);
    expect(() => Object.assign(cached, { userId: 'other' })).toThrow(TypeError);
  });
});
