import { defaultQueuePrefix } from './queue-prefix';
import { validateEnv } from './validate-env';

const base = { REDIS_URL: 'redis://127.0.0.1:6379' };

describe('defaultQueuePrefix', () => {
  it('is tt: and a short hash, different per database', () => {
    const one = defaultQueuePrefix('postgres://postgres@127.0.0.1:5432/tasktrackr');
    const two = defaultQueuePrefix('postgres://postgres@127.0.0.1:5432/tasktrackr_b');
    const otherServer = defaultQueuePrefix('postgres://postgres@127.0.0.1:54329/tasktrackr');
    expect(one).toMatch(/^tt:[0-9a-f]{10}$/);
    expect(new Set([one, two, otherServer]).size).toBe(3);
  });

  it('ignores credentials, options and the default port: the same database, the same prefix', () => {
    expect(defaultQueuePrefix('postgres://app:secret@DB.example/tt?sslmode=require')).toBe(
      defaultQueuePrefix('postgresql://other@db.example:5432/tt'),
    );
  });

  it('takes the user name as the database name when the URL names none (as libpq does)', () => {
    expect(defaultQueuePrefix('postgres://alice@db.example:5432')).toBe(
      defaultQueuePrefix('postgres://bob@db.example:5432/alice'),
    );
  });
});

describe('QUEUE_PREFIX', () => {
  const url = 'postgres://postgres@127.0.0.1:5432/tasktrackr';

  it('defaults to the prefix derived from DATABASE_URL, also when set empty', () => {
    expect(validateEnv({ ...base, DATABASE_URL: url }).QUEUE_PREFIX).toBe(defaultQueuePrefix(url));
    expect(validateEnv({ ...base, DATABASE_URL: url, QUEUE_PREFIX: '' }).QUEUE_PREFIX).toBe(
      defaultQueuePrefix(url),
    );
  });

  it('can still be set by hand', () => {
    expect(validateEnv({ ...base, DATABASE_URL: url, QUEUE_PREFIX: 'staging' }).QUEUE_PREFIX).toBe(
      'staging',
    );
    expect(() => validateEnv({ ...base, DATABASE_URL: url, QUEUE_PREFIX: 'a b' })).toThrow(
      /QUEUE_PREFIX/,
    );
  });
});
