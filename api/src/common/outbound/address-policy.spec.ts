import { forbiddenRangeOf, parseAllowList } from './address-policy';
import { OutboundRefusedError } from './outbound-errors';
import { checkUrlShape, type OutboundPolicy } from './outbound-url';

describe('outbound address rules', () => {
  it.each([
    ['127.0.0.1', 'loopback'],
    ['127.5.6.7', 'loopback'],
    ['::1', 'loopback'],
    ['169.254.169.254', 'linkLocal'],
    ['169.254.1.1', 'linkLocal'],
    ['fe80::1', 'linkLocal'],
    ['10.0.0.1', 'private'],
    ['172.16.0.1', 'private'],
    ['172.31.255.255', 'private'],
    ['192.168.1.1', 'private'],
    ['fc00::1', 'uniqueLocal'],
    ['fd12:3456::1', 'uniqueLocal'],
    ['100.64.0.1', 'carrierGradeNat'],
    ['0.0.0.0', 'unspecified'],
    ['::', 'unspecified'],
    ['224.0.0.1', 'multicast'],
    ['ff02::1', 'multicast'],
    ['255.255.255.255', 'broadcast'],
    ['::ffff:127.0.0.1', 'loopback'],
    ['::ffff:169.254.169.254', 'linkLocal'],
    ['::ffff:10.0.0.1', 'private'],
  ])('refuses %s (%s)', (ip, range) => {
    expect(forbiddenRangeOf(ip)).toBe(range);
  });

  it.each([
    '93.184.215.14',
    '8.8.8.8',
    '172.32.0.1',
    '100.128.0.1',
    '2606:4700::1111',
    '::ffff:8.8.8.8',
  ])('lets the public address %s through', (ip) => {
    expect(forbiddenRangeOf(ip)).toBeNull();
  });

  it('lets an allow-listed address or CIDR through, and only that', () => {
    const allow = parseAllowList(['127.0.0.1', '10.1.0.0/16', 'fd00::/8']);
    expect(forbiddenRangeOf('127.0.0.1', allow)).toBeNull();
    expect(forbiddenRangeOf('::ffff:127.0.0.1', allow)).toBeNull();
    expect(forbiddenRangeOf('10.1.200.3', allow)).toBeNull();
    expect(forbiddenRangeOf('fd00::5', allow)).toBeNull();
    expect(forbiddenRangeOf('127.0.0.2', allow)).toBe('loopback');
    expect(forbiddenRangeOf('10.2.0.1', allow)).toBe('private');
    expect(forbiddenRangeOf('169.254.169.254', allow)).toBe('linkLocal');
  });

  it('rejects a malformed CIDR in the allow-list', () => {
    expect(() => parseAllowList(['10.0.0.0/99'])).toThrow(/not a valid CIDR/);
  });
});

describe('outbound URL shape', () => {
  const strict: OutboundPolicy = { allow: [], allowHttp: false };
  const refusal = (url: string, policy = strict) => {
    try {
      checkUrlShape(url, policy);
      return null;
    } catch (error) {
      expect(error).toBeInstanceOf(OutboundRefusedError);
      return (error as OutboundRefusedError).reason;
    }
  };

  it('accepts a public https URL', () => {
    expect(refusal('https://hooks.example.com/in')).toBeNull();
  });

  it('names why a URL is refused', () => {
    expect(refusal('not a url')).toBe('invalid-url');
    expect(refusal('http://hooks.example.com/')).toBe('scheme-not-allowed');
    expect(refusal('ftp://hooks.example.com/')).toBe('scheme-not-allowed');
    expect(refusal('https://user:pw@hooks.example.com/')).toBe('credentials-in-url');
    expect(refusal('https://127.0.0.1/')).toBe('address-not-allowed');
    expect(refusal('https://[::1]/')).toBe('address-not-allowed');
    expect(refusal('https://[::ffff:a9fe:a9fe]/')).toBe('address-not-allowed');
    expect(refusal('https://169.254.169.254/latest/meta-data')).toBe('address-not-allowed');
    expect(refusal('https://10.0.0.1/')).toBe('address-not-allowed');
  });

  it('takes http only when allowed, and an allow-listed literal', () => {
    const dev = { allow: parseAllowList(['127.0.0.1']), allowHttp: true };
    expect(refusal('http://127.0.0.1:8080/', dev)).toBeNull();
    expect(refusal('http://10.0.0.1/', dev)).toBe('address-not-allowed');
  });
});
