import { validateEnv } from './validate-env';
import { allowHostProblem } from './allow-host-list';

describe('OUTBOUND_ALLOW_HOSTS entries', () => {
  it('takes hostnames, IPv4/IPv6 addresses (bracketed too) and CIDR blocks', () => {
    for (const item of [
      'receiver.internal',
      '127.0.0.1',
      '::1',
      '[::1]',
      '10.0.0.0/8',
      'fc00::/7',
    ]) {
      expect({ item, problem: allowHostProblem(item) }).toEqual({ item, problem: null });
    }
  });

  it('names a malformed CIDR block, and start-up refuses it', () => {
    expect(allowHostProblem('10.0.0.0/99')).toMatch(/"10.0.0.0\/99" is not a valid CIDR block/);
    expect(() =>
      validateEnv({
        DATABASE_URL: 'postgres://app@db/tasktrackr',
        REDIS_URL: 'redis://cache:6379',
        OUTBOUND_ALLOW_HOSTS: '127.0.0.1, 10.0.0.0/99',
      }),
    ).toThrow(/OUTBOUND_ALLOW_HOSTS.*not a valid CIDR block/);
  });
});
