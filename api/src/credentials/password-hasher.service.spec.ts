import { HttpStatus } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import * as argon2 from 'argon2';
import { ProblemException } from '../common/problem/problem.exception';
import { hashNeedsUpgrade } from './argon2-params';
import { PasswordHasherService } from './password-hasher.service';

/** Small argon2 costs keep the spec fast; the rules under test do not depend on them. */
function hasher(overrides: Record<string, number> = {}): PasswordHasherService {
  return new PasswordHasherService(
    new ConfigService({
      PASSWORD_HASH_MEMORY_KIB: 8192,
      PASSWORD_HASH_TIME_COST: 1,
      PASSWORD_HASH_PARALLELISM: 1,
      PASSWORD_HASH_CONCURRENCY: 1,
      PASSWORD_HASH_QUEUE_MAX: 1,
      ...overrides,
    }),
  );
}

describe('PasswordHasherService', () => {
  it('hashes with argon2id at the configured parameters, and verifies', async () => {
    const service = hasher();
    const hash = await service.hash('correct horse battery staple');
    expect(hash).toMatch(/^\$argon2id\$v=19\$m=8192,t=1,p=1\$/);
    await expect(service.verify(hash, 'correct horse battery staple')).resolves.toBe(true);
    await expect(service.verify(hash, 'wrong horse battery staple')).resolves.toBe(false);
    expect(service.needsRehash(hash)).toBe(false);
  });

  it('flags hashes made with other parameters or another variant for re-hashing', async () => {
    const params = { memoryCost: 8192, timeCost: 1, parallelism: 1 };
    const libraryDefault = await argon2.hash('some password value', { type: argon2.argon2id });
    const argon2i = await argon2.hash('some password value', { type: argon2.argon2i, ...params });
    expect(hashNeedsUpgrade(libraryDefault, params)).toBe(true);
    expect(hashNeedsUpgrade(argon2i, params)).toBe(true);
    expect(hashNeedsUpgrade('not a hash', params)).toBe(true);
    expect(hasher({ PASSWORD_HASH_TIME_COST: 2 }).needsRehash(libraryDefault)).toBe(true);
  });

  it('runs at most CONCURRENCY hashes, queues QUEUE_MAX more, and refuses the rest with 503', async () => {
    const service = hasher({ PASSWORD_HASH_CONCURRENCY: 1, PASSWORD_HASH_QUEUE_MAX: 1 });
    const running = service.hash('first password value');
    const queued = service.hash('second password value');
    expect(service.load()).toBe(2);
    expect(() => service.refuseIfSaturated()).toThrow(ProblemException);
    const refused = await service.hash('third password value').catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(ProblemException);
    const problem = refused as ProblemException;
    expect(problem.getStatus()).toBe(HttpStatus.SERVICE_UNAVAILABLE);
    expect(problem.headers['Retry-After']).toMatch(/^\d+$/);
    await expect(Promise.all([running, queued])).resolves.toHaveLength(2);
    expect(service.load()).toBe(0);
    expect(() => service.refuseIfSaturated()).not.toThrow();
  });
});
